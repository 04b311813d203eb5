import { describe, expect, it } from 'vitest';
import { Clock, isoSeconds, parseISO } from './clock';
import { Rng } from './rng';

describe('Clock', () => {
  it('runs tasks in (time, sequence) order and stops at the horizon', () => {
    const c = new Clock();
    const order: string[] = [];
    c.after(20, 'b', () => order.push('b'));
    c.after(10, 'a1', () => order.push('a1'));
    c.after(10, 'a2', () => {
      order.push('a2');
      c.after(0, 'a3', () => order.push('a3'));
    });
    c.after(50, 'late', () => order.push('late'));
    c.advance(30);
    expect(order).toEqual(['a1', 'a2', 'a3', 'b']);
    expect(c.now()).toBe(30);
  });

  it('formats and parses timestamps without wall time', () => {
    expect(isoSeconds(0)).toBe('2025-01-15T09:00:00Z');
    expect(isoSeconds(86_400_000 * 365 + 1500)).toBe('2026-01-15T09:00:01Z');
    expect(parseISO('2025-01-15T09:01:00Z')).toBe(60_000);
  });
});

describe('Rng', () => {
  it('replays from a seed', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    expect([a.next(), a.uuid(), a.string(5, 'abc')]).toEqual([b.next(), b.uuid(), b.string(5, 'abc')]);
  });
});
