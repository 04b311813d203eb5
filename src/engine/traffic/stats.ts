/**
 * Rolling request statistics over simulated time: one bucket per virtual second per key (a Service's or a
 * pod's `namespace/name`), kept in a ring of the last SERIES_SECONDS seconds, and at most MAX_KEYS keys
 * (least recently used dropped). Latencies are whole milliseconds, so a bucket keeps exact counts per
 * latency value and percentiles are exact (nearest rank) without storing every request.
 */
import type { FailureKind, RequestLogEntry } from '../network/types';

export const SERIES_SECONDS = 300;
export const MAX_KEYS = 2000;

interface Bucket {
  sec: number;
  requests: number;
  errors: number;
  /** latency ms → how many requests took that long */
  latency: Map<number, number>;
  /** Failures by kind, and 5xx answers under `5xx`. */
  errorKinds: Record<string, number>;
}

/** What a window of requests looked like. */
export interface WindowStats {
  requests: number;
  errors: number;
  /** Requests per second over the whole span. */
  rps: number;
  /** Share of requests that failed (no answer, or a 5xx answer), 0..1. */
  errorRate: number;
  /** Latency percentiles in ms (0 when there were no requests). */
  p50: number;
  p95: number;
  p99: number;
  /** Failures by kind (`refused`, `timeout`, ...) and `5xx`. */
  errorKinds: Record<string, number>;
}

/** One second of a key's time series. */
export interface SeriesPoint {
  /** Virtual ms at the start of the second. */
  atMs: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

/** An answer counts as an error when nothing answered or the answer was a 5xx. */
export function isError(e: { status?: number; error?: FailureKind }): boolean {
  return e.error !== undefined || (e.status ?? 0) >= 500;
}

class Series {
  private readonly ring: (Bucket | undefined)[] = new Array(SERIES_SECONDS);

  add(sec: number, e: RequestLogEntry): void {
    const slot = sec % SERIES_SECONDS;
    let b = this.ring[slot];
    if (!b || b.sec !== sec) {
      b = { sec, requests: 0, errors: 0, latency: new Map(), errorKinds: {} };
      this.ring[slot] = b;
    }
    b.requests++;
    const ms = Math.max(0, Math.round(e.latencyMs));
    b.latency.set(ms, (b.latency.get(ms) ?? 0) + 1);
    if (isError(e)) {
      b.errors++;
      const kind = e.error ?? '5xx';
      b.errorKinds[kind] = (b.errorKinds[kind] ?? 0) + 1;
    }
  }

  /** Buckets of seconds [fromSec, toSec], oldest first. */
  buckets(fromSec: number, toSec: number): Bucket[] {
    const out: Bucket[] = [];
    for (let s = Math.max(fromSec, toSec - SERIES_SECONDS + 1); s <= toSec; s++) {
      const b = this.ring[s % SERIES_SECONDS];
      if (b && b.sec === s) out.push(b);
    }
    return out;
  }
}

/** Nearest-rank percentiles of a merged latency histogram. */
function percentiles(hist: Map<number, number>, total: number, qs: number[]): number[] {
  if (total === 0) return qs.map(() => 0);
  const values = [...hist.keys()].sort((a, b) => a - b);
  return qs.map((q) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const v of values) {
      seen += hist.get(v)!;
      if (seen >= rank) return v;
    }
    return values[values.length - 1];
  });
}

function summarize(buckets: Bucket[], seconds: number): WindowStats {
  const hist = new Map<number, number>();
  const errorKinds: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  for (const b of buckets) {
    requests += b.requests;
    errors += b.errors;
    for (const [ms, n] of b.latency) hist.set(ms, (hist.get(ms) ?? 0) + n);
    for (const [k, n] of Object.entries(b.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + n;
  }
  const [p50, p95, p99] = percentiles(hist, requests, [0.5, 0.95, 0.99]);
  return {
    requests,
    errors,
    rps: seconds > 0 ? requests / seconds : 0,
    errorRate: requests ? errors / requests : 0,
    p50,
    p95,
    p99,
    errorKinds,
  };
}

/** Per-key rolling stats; keys beyond MAX_KEYS evict the least recently updated. */
export class RollingStats {
  private readonly series = new Map<string, Series>();

  record(key: string, e: RequestLogEntry): void {
    let s = this.series.get(key);
    if (s) this.series.delete(key);
    else s = new Series();
    this.series.set(key, s);
    if (this.series.size > MAX_KEYS) this.series.delete(this.series.keys().next().value as string);
    s.add(Math.floor(e.atMs / 1000), e);
  }

  keys(): string[] {
    return [...this.series.keys()].sort();
  }

  /**
   * The last `windowMs` of complete seconds before `nowMs`: the second in progress is left out, so a rate
   * is never diluted by a second that has only just begun (stats lag by under a second).
   */
  windowOf(key: string, nowMs: number, windowMs: number): WindowStats {
    const seconds = Math.max(1, Math.round(windowMs / 1000));
    const toSec = Math.floor(nowMs / 1000) - 1;
    const s = this.series.get(key);
    return summarize(s ? s.buckets(toSec - seconds + 1, toSec) : [], seconds);
  }

  /** One point per second for the last `seconds` seconds up to `nowMs` (seconds without requests are zeros). */
  points(key: string, nowMs: number, seconds = SERIES_SECONDS): SeriesPoint[] {
    const toSec = Math.floor(nowMs / 1000);
    const fromSec = Math.max(0, toSec - Math.min(seconds, SERIES_SECONDS) + 1);
    const s = this.series.get(key);
    const bySec = new Map((s?.buckets(fromSec, toSec) ?? []).map((b) => [b.sec, b]));
    const out: SeriesPoint[] = [];
    for (let sec = fromSec; sec <= toSec; sec++) {
      const b = bySec.get(sec);
      const w = summarize(b ? [b] : [], 1);
      out.push({
        atMs: sec * 1000,
        requests: w.requests,
        errors: w.errors,
        p50: w.p50,
        p95: w.p95,
        p99: w.p99,
      });
    }
    return out;
  }
}
