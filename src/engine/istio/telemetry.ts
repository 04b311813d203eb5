/**
 * Mesh telemetry as Istio's standard metrics give it (istio_requests_total, istio_request_duration_
 * milliseconds): per edge between workloads and per workload, one bucket per simulated second for the last
 * five minutes. Percentiles come from the same latency histogram buckets Prometheus' histogram_quantile
 * reads, interpolated inside a bucket. Saturation is the requests in flight (rate x mean latency).
 */

/** istio_request_duration_milliseconds buckets. */
export const LATENCY_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
];
export const SERIES_SECONDS = 300;

export interface MeshRequest {
  atMs: number;
  /** `namespace/workload`, or `unknown` for clients outside the mesh's knowledge (outside the cluster). */
  source: string;
  destination: string;
  /** `namespace/service` the request was addressed to, when known. */
  service?: string;
  /** HTTP status, or 0 when no response came back (reset, timeout). */
  status: number;
  latencyMs: number;
  mtls: boolean;
  /** Envoy response flags (NR, UH, UF, UO, FI, DI, UT, URX), '-' when none. */
  flags: string;
}

class Bucket {
  count = 0;
  errors = 0;
  totalLatencyMs = 0;
  mtls = 0;
  readonly hist = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  constructor(readonly second: number) {}
}

export interface TelemetryStats {
  requests: number;
  rps: number;
  /** Percentage of responses that are 5xx or failed, 0-100. */
  errorPercent: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests in flight (Little's law). */
  saturation: number;
  /** Share of requests sent over mutual TLS, 0-1. */
  mtlsShare: number;
}

export interface TelemetryPoint extends TelemetryStats {
  atMs: number;
}

class Series {
  readonly buckets: Bucket[] = [];
  add(r: MeshRequest): void {
    const second = Math.floor(r.atMs / 1000);
    let b = this.buckets[this.buckets.length - 1];
    if (!b || b.second !== second) {
      b = new Bucket(second);
      this.buckets.push(b);
      while (this.buckets.length && this.buckets[0].second <= second - SERIES_SECONDS) this.buckets.shift();
    }
    b.count++;
    if (r.status === 0 || r.status >= 500) b.errors++;
    if (r.mtls) b.mtls++;
    b.totalLatencyMs += r.latencyMs;
    let i = LATENCY_BUCKETS_MS.findIndex((le) => r.latencyMs <= le);
    if (i < 0) i = LATENCY_BUCKETS_MS.length;
    b.hist[i]++;
  }
}

function quantile(q: number, hist: number[], total: number): number {
  if (total === 0) return 0;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    if (seen + hist[i] >= rank && hist[i] > 0) {
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1];
      const upper = LATENCY_BUCKETS_MS[i] ?? LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
      return Math.round((lower + ((upper - lower) * (rank - seen)) / hist[i]) * 100) / 100;
    }
    seen += hist[i];
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}

function summarize(buckets: Bucket[], windowMs: number): TelemetryStats {
  const hist = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  let count = 0;
  let errors = 0;
  let latency = 0;
  let mtls = 0;
  for (const b of buckets) {
    count += b.count;
    errors += b.errors;
    latency += b.totalLatencyMs;
    mtls += b.mtls;
    for (let i = 0; i < hist.length; i++) hist[i] += b.hist[i];
  }
  const rps = (count * 1000) / windowMs;
  return {
    requests: count,
    rps: Math.round(rps * 100) / 100,
    errorPercent: count ? Math.round((errors / count) * 10000) / 100 : 0,
    p50: quantile(0.5, hist, count),
    p95: quantile(0.95, hist, count),
    p99: quantile(0.99, hist, count),
    saturation: count ? Math.round(((rps * latency) / count / 1000) * 100) / 100 : 0,
    mtlsShare: count ? mtls / count : 0,
  };
}

export interface EdgeStats extends TelemetryStats {
  source: string;
  destination: string;
  mtls: boolean;
}

export class MeshTelemetry {
  private readonly edges = new Map<string, Series>();
  private readonly workloads = new Map<string, Series>();
  private readonly listeners = new Set<(r: MeshRequest) => void>();

  record(r: MeshRequest): void {
    const key = `${r.source}\u0000${r.destination}`;
    let e = this.edges.get(key);
    if (!e) {
      e = new Series();
      this.edges.set(key, e);
    }
    e.add(r);
    let w = this.workloads.get(r.destination);
    if (!w) {
      w = new Series();
      this.workloads.set(r.destination, w);
    }
    w.add(r);
    for (const fn of this.listeners) fn(r);
  }

  subscribe(fn: (r: MeshRequest) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Every edge with traffic in the last `windowMs` (whole seconds ending at `nowMs`). */
  edgeStats(nowMs: number, windowMs = 10_000): EdgeStats[] {
    const out: EdgeStats[] = [];
    for (const [key, s] of this.edges) {
      const inWindow = recent(s, nowMs, windowMs);
      if (inWindow.length === 0) continue;
      const [source, destination] = key.split('\u0000');
      const stats = summarize(inWindow, windowMs);
      out.push({ source, destination, ...stats, mtls: stats.mtlsShare > 0.5 });
    }
    return out.sort((a, b) => (a.source + a.destination < b.source + b.destination ? -1 : 1));
  }

  /** The golden signals of one workload (`namespace/name`) over the window, as the server sees them. */
  workloadStats(workload: string, nowMs: number, windowMs = 10_000): TelemetryStats {
    const s = this.workloads.get(workload);
    return summarize(s ? recent(s, nowMs, windowMs) : [], windowMs);
  }

  /** One point per simulated second (the last five minutes) for a workload or an edge `src -> dst`. */
  series(workload: string, source?: string): TelemetryPoint[] {
    const s =
      source === undefined ? this.workloads.get(workload) : this.edges.get(`${source}\u0000${workload}`);
    return (s?.buckets ?? []).map((b) => ({ atMs: b.second * 1000, ...summarize([b], 1000) }));
  }

  workloadNames(): string[] {
    return [...this.workloads.keys()].sort();
  }
}

function recent(s: Series, nowMs: number, windowMs: number): Bucket[] {
  const from = Math.floor((nowMs - windowMs) / 1000);
  return s.buckets.filter((b) => b.second >= from && b.second * 1000 <= nowMs);
}
