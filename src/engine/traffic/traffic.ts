/**
 * The traffic model: load generators that send requests to a Service at a rate in virtual time, and
 * rolling stats of every request the network carries (generators, `kubectl exec ... curl`, the ingress
 * controller's upstream hops), per Service and per pod.
 *
 * Arrivals are Poisson: every TICK_MS each generator draws how many requests arrive in that slice from
 * its own seeded stream. Requests go through the network service like any client's, so kube-proxy picks
 * among ready endpoints only, a restarting container refuses the connection, a hung one times out and an
 * ingress answers 503 when its backend has no endpoints.
 */
import type { EngineContext } from '../context';
import type { Network } from '../network/network';
import type { RequestLogEntry } from '../network/types';
import type { ScheduledTask } from '../sim/clock';
import { Rng } from '../sim/rng';
import { RollingStats, type SeriesPoint, type WindowStats } from './stats';
import { resolveTarget, serviceOf, type TrafficVia } from './target';

/** How often generators send their batch (virtual ms). */
export const TICK_MS = 100;
/** Default client timeout: a hung server costs the client this long, like `hey -t 10`. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default window of `stats()` (and of `lab traffic status`). */
export const DEFAULT_WINDOW_MS = 10_000;
export const MAX_RPS = 1000;

export interface StartOptions {
  namespace: string;
  service: string;
  /** Requests per second on average (default 10). */
  rps?: number;
  /** Request path (default `/`, or the Ingress rule's path). */
  path?: string;
  via?: TrafficVia;
  /** Service port number or name (default: its first TCP port). */
  port?: number | string;
  timeoutMs?: number;
}

export interface TrafficGenerator {
  id: string;
  namespace: string;
  service: string;
  via: TrafficVia;
  rps: number;
  path?: string;
  port?: number | string;
  timeoutMs: number;
  startedAtMs: number;
  /** Requests sent so far. */
  sent: number;
  /** Why the last batch could not be sent (the Service was deleted, the Ingress lost its address). */
  lastError?: string;
}

/** One request, as the UI's edge animation sees it; `generator` is set for generator traffic. */
export interface TrafficRequest extends RequestLogEntry {
  generator?: string;
}

/** Per-Service and per-pod stats at one instant (what the UI shows beside the graph). */
export interface TrafficSnapshot {
  atMs: number;
  windowMs: number;
  services: Record<string, WindowStats>;
  pods: Record<string, WindowStats>;
}

export class Traffic {
  private readonly generators = new Map<string, TrafficGenerator & { task?: ScheduledTask; rng: Rng }>();
  private readonly serviceStats = new RollingStats();
  private readonly podStats = new RollingStats();
  private readonly listeners = new Set<(r: TrafficRequest) => void>();
  private readonly snapshotListeners = new Set<(s: TrafficSnapshot) => void>();
  private snapshotTask?: ScheduledTask;
  /** The generator whose request is in flight (so the log entry can be attributed to it). */
  private sending?: string;
  private readonly rng: Rng;

  constructor(
    private readonly ctx: EngineContext,
    private readonly net: Network,
  ) {
    // A stream of our own derived from the seed, not forked from ctx.rng: forking would shift the draws of
    // everything that uses ctx.rng after us (bootstrap's node UUIDs) and change existing clusters.
    this.rng = new Rng((ctx.config.seed * 2246822519 + 0x74726166) >>> 0);
    net.log.subscribe((e) => this.observe(e));
  }

  /** Start (or replace) the generator for a Service; throws NotFound or an Error for a bad target. */
  start(opts: StartOptions): TrafficGenerator {
    const via = opts.via ?? 'clusterip';
    const rps = opts.rps ?? 10;
    if (!(rps > 0 && rps <= MAX_RPS)) throw new Error(`--rps must be between 1 and ${MAX_RPS}, got ${rps}`);
    serviceOf(this.ctx, opts.namespace, opts.service);
    // Fail now, not silently in the background, when the target cannot be reached at all.
    resolveTarget(this.ctx, opts.namespace, opts.service, via, opts.path, opts.port);
    const id = `${opts.namespace}/${opts.service}`;
    this.stop(opts.namespace, opts.service);
    const gen = {
      id,
      namespace: opts.namespace,
      service: opts.service,
      via,
      rps,
      ...(opts.path !== undefined ? { path: opts.path } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      startedAtMs: this.ctx.clock.now(),
      sent: 0,
      rng: this.rng.fork(id),
    };
    this.generators.set(id, gen);
    this.schedule(gen);
    this.ensureSnapshots();
    return this.view(gen);
  }

  /** Stop one Service's generator; false when none was running. */
  stop(namespace: string, service: string): boolean {
    const gen = this.generators.get(`${namespace}/${service}`);
    if (!gen) return false;
    if (gen.task) gen.task.cancelled = true;
    this.generators.delete(gen.id);
    if (this.generators.size === 0 && this.snapshotTask) {
      // The graph's last word: the rates fall back as the window empties, from this snapshot on.
      this.snapshotTask.cancelled = true;
      this.snapshotTask = undefined;
      const snap = this.snapshot();
      for (const l of this.snapshotListeners) l(snap);
    }
    return true;
  }

  /** Stop every generator; returns how many were running. */
  stopAll(): number {
    const n = this.generators.size;
    for (const g of [...this.generators.values()]) this.stop(g.namespace, g.service);
    return n;
  }

  list(): TrafficGenerator[] {
    return [...this.generators.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((g) => this.view(g));
  }

  /** Stats of a Service (`namespace/name`) over the last `windowMs`. */
  stats(service: string, windowMs = DEFAULT_WINDOW_MS): WindowStats {
    return this.serviceStats.windowOf(service, this.ctx.clock.now(), windowMs);
  }

  /** Stats of a pod (`namespace/name`) over the last `windowMs`. */
  podStatsOf(pod: string, windowMs = DEFAULT_WINDOW_MS): WindowStats {
    return this.podStats.windowOf(pod, this.ctx.clock.now(), windowMs);
  }

  /** Services (`namespace/name`) that have seen requests recently enough to have stats. */
  services(): string[] {
    return this.serviceStats.keys();
  }

  pods(): string[] {
    return this.podStats.keys();
  }

  /** A per-second time series for a Service or a pod (up to the last 5 minutes). */
  series(kind: 'service' | 'pod', key: string, seconds?: number): SeriesPoint[] {
    const s = kind === 'service' ? this.serviceStats : this.podStats;
    return s.points(key, this.ctx.clock.now(), seconds);
  }

  snapshot(windowMs = DEFAULT_WINDOW_MS): TrafficSnapshot {
    const now = this.ctx.clock.now();
    const services: Record<string, WindowStats> = {};
    for (const k of this.serviceStats.keys()) services[k] = this.serviceStats.windowOf(k, now, windowMs);
    const pods: Record<string, WindowStats> = {};
    for (const k of this.podStats.keys()) pods[k] = this.podStats.windowOf(k, now, windowMs);
    return { atMs: now, windowMs, services, pods };
  }

  /** Every request the network carries, as it happens (for the graph's edge animation). */
  subscribe(fn: (r: TrafficRequest) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A snapshot every simulated second while generators run (and one when the last stops). */
  subscribeSnapshots(fn: (s: TrafficSnapshot) => void): () => void {
    this.snapshotListeners.add(fn);
    this.ensureSnapshots();
    return () => this.snapshotListeners.delete(fn);
  }

  private view(g: TrafficGenerator): TrafficGenerator {
    const { task: _t, rng: _r, ...rest } = g as TrafficGenerator & { task?: unknown; rng?: unknown };
    return { ...rest };
  }

  private observe(entry: RequestLogEntry): void {
    // ingress-nginx forwards straight to the backend's endpoints (not its ClusterIP), so its upstream hop
    // carries no Service; for a generator aimed at that Service through the Ingress, it is that Service.
    const gen = this.sending ? this.generators.get(this.sending) : undefined;
    const e =
      gen?.via === 'ingress' && !entry.service && entry.from !== null && entry.to
        ? { ...entry, service: gen.id }
        : entry;
    if (e.service) this.serviceStats.record(e.service, e);
    if (e.to) this.podStats.record(e.to, e);
    if (this.listeners.size === 0) return;
    const r: TrafficRequest = this.sending ? { ...e, generator: this.sending } : e;
    for (const l of this.listeners) l(r);
  }

  private schedule(gen: TrafficGenerator & { task?: ScheduledTask; rng: Rng }): void {
    gen.task = this.ctx.clock.after(TICK_MS, `traffic ${gen.id}`, () => {
      if (this.generators.get(gen.id) !== gen) return;
      this.sendBatch(gen);
      this.schedule(gen);
    });
  }

  private sendBatch(gen: TrafficGenerator & { rng: Rng }): void {
    const n = poisson(gen.rng, (gen.rps * TICK_MS) / 1000);
    if (n === 0) return;
    let target: ReturnType<typeof resolveTarget>;
    try {
      target = resolveTarget(this.ctx, gen.namespace, gen.service, gen.via, gen.path, gen.port);
      delete gen.lastError;
    } catch (err) {
      gen.lastError = (err as Error).message;
      return;
    }
    this.sending = gen.id;
    try {
      for (let i = 0; i < n; i++) {
        this.net.connect(
          null,
          target.ip,
          target.port,
          'GET',
          target.path,
          {
            Host: target.host,
            'User-Agent': 'kubedojo-traffic/1.0',
          },
          { timeoutMs: gen.timeoutMs },
          target.host,
        );
        gen.sent++;
      }
    } finally {
      this.sending = undefined;
    }
  }

  private ensureSnapshots(): void {
    if (this.snapshotTask && !this.snapshotTask.cancelled) return;
    if (this.snapshotListeners.size === 0 || this.generators.size === 0) return;
    const tick = () => {
      const snap = this.snapshot();
      for (const l of this.snapshotListeners) l(snap);
      if (this.generators.size > 0 && this.snapshotListeners.size > 0)
        this.snapshotTask = this.ctx.clock.after(1000, 'traffic snapshot', tick);
      else this.snapshotTask = undefined;
    };
    this.snapshotTask = this.ctx.clock.after(1000, 'traffic snapshot', tick);
  }
}

/** A Poisson-distributed count with mean `lambda` (Knuth for small means, a rounded normal for large). */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) {
    // Box-Muller: accurate enough for a load generator and O(1).
    const u = Math.max(rng.next(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
