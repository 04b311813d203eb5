/**
 * `useAfterPaint(value, minIntervalMs)`: the value, updated only after the browser has painted the frame
 * in which it changed. A component that rebuilds something large from it (the graph's node list) then
 * never delays the small urgent updates committed with the change (a pod's new status) from reaching the
 * screen. Changes that arrive while an update is pending are coalesced: the latest value wins, none is
 * starved (a change does not cancel the update already scheduled).
 *
 * `minIntervalMs` spaces updates during a burst: the first change after a quiet spell shows after one
 * frame as above, later ones no sooner than `minIntervalMs` after the previous update (a 1,000-pod
 * rollout changes the graph's structure every frame; rebuilding it four times a second is plenty).
 */
import { startTransition, useEffect, useRef, useState } from 'react';

interface Scheduled {
  raf: number;
  timer?: ReturnType<typeof setTimeout>;
}

export function useAfterPaint<T>(value: T, minIntervalMs = 0): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const scheduled = useRef<Scheduled | undefined>(undefined);
  const lastShownAt = useRef(Number.NEGATIVE_INFINITY);
  latest.current = value;
  useEffect(() => {
    if (scheduled.current || Object.is(value, shown)) return;
    const s: Scheduled = { raf: 0 };
    // rAF runs just before the paint; the task queued from it runs after the paint.
    s.raf = requestAnimationFrame(() => {
      const wait = Math.max(0, lastShownAt.current + minIntervalMs - performance.now());
      s.timer = setTimeout(() => {
        scheduled.current = undefined;
        lastShownAt.current = performance.now();
        startTransition(() => setShown(latest.current));
      }, wait);
    });
    scheduled.current = s;
  }, [value, shown, minIntervalMs]);
  useEffect(
    () => () => {
      const s = scheduled.current;
      if (!s) return;
      cancelAnimationFrame(s.raf);
      clearTimeout(s.timer);
      scheduled.current = undefined;
    },
    [],
  );
  return shown;
}
