/** Rolling per-second stats: exact nearest-rank percentiles, complete-second windows, bounded memory. */
import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../network/types';
import { MAX_KEYS, RollingStats, SERIES_SECONDS } from './stats';

const req = (atMs: number, latencyMs: number, extra: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  atMs,
  from: null,
  latencyMs,
  status: 200,
  ...extra,
});

describe('RollingStats', () => {
  it('gives exact p50/p95/p99 and error shares over whole seconds, leaving out the second in progress', () => {
    const s = new RollingStats();
    for (let i = 1; i <= 100; i++) s.record('default/web', req(1000 + i, i));
    s.record('default/web', req(1500, 3000, { status: 503 }));
    s.record('default/web', req(1600, 10_000, { status: undefined, error: 'timeout' }));
    s.record('default/web', req(2100, 7)); // the second in progress at 2.5 s
    const w = s.windowOf('default/web', 2500, 1000);
    expect(w).toEqual({
      requests: 102,
      errors: 2,
      rps: 102,
      errorRate: 2 / 102,
      p50: 51,
      p95: 97,
      p99: 3000,
      errorKinds: { '5xx': 1, timeout: 1 },
    });
    expect(s.windowOf('default/web', 3000, 2000).requests).toBe(103);
    expect(s.windowOf('default/other', 3000, 2000)).toMatchObject({ requests: 0, rps: 0, p50: 0, p99: 0 });
  });

  it('keeps one point per second, the last five minutes only', () => {
    const s = new RollingStats();
    for (let sec = 0; sec < 1000; sec++) s.record('k', req(sec * 1000, 2));
    const pts = s.points('k', 999_500, 10_000);
    expect(pts).toHaveLength(SERIES_SECONDS);
    expect(pts[0].atMs).toBe((1000 - SERIES_SECONDS) * 1000);
    expect(pts.every((p) => p.requests === 1 && p.p50 === 2)).toBe(true);
    // A whole window older than the ring is gone.
    expect(s.windowOf('k', 2_000_000, 60_000).requests).toBe(0);
  });

  it('drops the least recently used keys beyond MAX_KEYS', () => {
    const s = new RollingStats();
    for (let i = 0; i <= MAX_KEYS; i++) s.record(`ns/pod-${i}`, req(0, 1));
    expect(s.keys()).toHaveLength(MAX_KEYS);
    expect(s.keys()).not.toContain('ns/pod-0');
  });
});
