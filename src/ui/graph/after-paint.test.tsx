// @vitest-environment jsdom
/** useAfterPaint: the value shows one painted frame later, changes coalesce, a stream of changes is not starved. */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAfterPaint } from './after-paint';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let frames: FrameRequestCallback[] = [];
const paint = () => {
  const due = frames;
  frames = [];
  for (const f of due) f(0);
};

let seen: number[] = [];
function Probe({ value, interval = 0 }: { value: number; interval?: number }) {
  seen.push(useAfterPaint(value, interval));
  return null;
}

describe('useAfterPaint', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    seen = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    // The fake clock drives the interval (Date is faked; performance.now is not by default).
    vi.spyOn(performance, 'now').mockImplementation(() => Date.now());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('shows a change only after the next frame has painted, coalescing changes meanwhile', () => {
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Probe value={1} />));
    act(() => root.render(<Probe value={2} />));
    act(() => root.render(<Probe value={3} />));
    expect(seen.at(-1)).toBe(1);
    act(() => paint());
    expect(seen.at(-1)).toBe(1);
    act(() => vi.runAllTimers());
    expect(seen.at(-1)).toBe(3);
    expect(seen).not.toContain(2);
    act(() => root.unmount());
  });

  it('keeps up with a change every frame instead of waiting for quiet', () => {
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Probe value={0} />));
    for (let v = 1; v <= 5; v++) {
      act(() => root.render(<Probe value={v} />));
      act(() => paint());
      act(() => vi.runAllTimers());
    }
    expect(seen.at(-1)).toBe(5);
    expect(new Set(seen).size).toBeGreaterThanOrEqual(5);
    act(() => root.unmount());
  });

  it('with a minimum interval, shows the first change after a frame and spaces the rest of a burst', () => {
    const root = createRoot(document.createElement('div'));
    act(() => root.render(<Probe value={0} interval={250} />));
    act(() => root.render(<Probe value={1} interval={250} />));
    act(() => paint());
    act(() => vi.advanceTimersByTime(0));
    expect(seen.at(-1)).toBe(1);
    act(() => root.render(<Probe value={2} interval={250} />));
    act(() => paint());
    act(() => vi.advanceTimersByTime(100));
    expect(seen.at(-1)).toBe(1);
    act(() => root.render(<Probe value={3} interval={250} />));
    act(() => vi.advanceTimersByTime(150));
    expect(seen.at(-1)).toBe(3);
    expect(seen).not.toContain(2);
    act(() => root.unmount());
  });
});
