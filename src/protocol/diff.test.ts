import { describe, expect, it } from 'vitest';
import { applyViewDiff } from './diff';
import type { ObjectView } from './views';

const view = (uid: string, status = 'Running'): ObjectView => ({
  uid,
  kind: 'Pod',
  name: uid,
  namespace: 'default',
  status,
  labels: {},
});

describe('applyViewDiff', () => {
  it('keeps the identity of unchanged objects and replaces changed ones', () => {
    const a = view('a');
    const b = view('b');
    const objects = new Map([
      ['a', a],
      ['b', b],
    ]);
    const b2 = view('b', 'Terminating');
    const c = view('c');
    const next = applyViewDiff(objects, { added: [c], updated: [b2], removed: [] });
    expect(next).not.toBe(objects);
    expect(next.get('a')).toBe(a);
    expect(next.get('b')).toBe(b2);
    expect(next.get('c')).toBe(c);
    expect(objects.get('b')).toBe(b);
  });

  it('removes uids and returns the same map for an empty diff', () => {
    const objects = new Map([['a', view('a')]]);
    expect(applyViewDiff(objects, { added: [], updated: [], removed: [] })).toBe(objects);
    expect([...applyViewDiff(objects, { added: [], updated: [], removed: ['a'] }).keys()]).toEqual([]);
  });
});
