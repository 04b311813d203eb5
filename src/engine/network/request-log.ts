/**
 * A bounded record of the requests the network carried: the last requests in order (for the traffic
 * model and `kubectl logs`-like views) and per-edge counters (caller -> Service -> pod) for the UI's
 * edge animation. Both are capped so a long traffic run keeps constant memory.
 */
import type { EdgeCounter, RequestLogEntry } from './types';

export const REQUEST_LOG_SIZE = 2000;
export const MAX_EDGES = 5000;

export class RequestLog {
  private readonly ring: (RequestLogEntry | undefined)[];
  private next = 0;
  private total = 0;
  private readonly edgeMap = new Map<string, EdgeCounter>();
  private readonly listeners = new Set<(e: RequestLogEntry) => void>();

  constructor(
    private readonly size = REQUEST_LOG_SIZE,
    private readonly maxEdges = MAX_EDGES,
  ) {
    this.ring = new Array(size);
  }

  /** How many requests were ever recorded (including those the ring no longer holds). */
  get count(): number {
    return this.total;
  }

  record(entry: RequestLogEntry): void {
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.size;
    this.total++;
    const key = `${entry.from ?? ''}>${entry.service ?? ''}>${entry.to ?? ''}`;
    let edge = this.edgeMap.get(key);
    // Counters are updated in place (edges() hands out copies); re-inserting keeps the Map in LRU order.
    if (edge) this.edgeMap.delete(key);
    else
      edge = {
        from: entry.from,
        service: entry.service,
        to: entry.to,
        count: 0,
        errors: 0,
        totalLatencyMs: 0,
        lastAtMs: 0,
      };
    edge.count++;
    if (entry.error || (entry.status ?? 0) >= 500) edge.errors++;
    edge.totalLatencyMs += entry.latencyMs;
    edge.lastAtMs = entry.atMs;
    this.edgeMap.set(key, edge);
    if (this.edgeMap.size > this.maxEdges) this.edgeMap.delete(this.edgeMap.keys().next().value as string);
    for (const l of this.listeners) l(entry);
  }

  /** The most recent requests, oldest first; `sinceMs` keeps only those at or after that time. */
  recent(limit = this.size, sinceMs = Number.NEGATIVE_INFINITY): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    for (let i = 1; i <= Math.min(this.size, this.total) && out.length < limit; i++) {
      const e = this.ring[(this.next - i + this.size) % this.size]!;
      if (e.atMs < sinceMs) break;
      out.push(e);
    }
    return out.reverse();
  }

  /** Per-edge counters, least recently used first (copies: the log keeps counting). */
  edges(): EdgeCounter[] {
    return [...this.edgeMap.values()].map((e) => ({ ...e }));
  }

  /** Called for every request as it is recorded. Returns the unsubscribe function. */
  subscribe(fn: (e: RequestLogEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
