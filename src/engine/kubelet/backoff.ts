/**
 * The kubelet's back-off (client-go flowcontrol.Backoff with 10s initial, 5m cap): used for container
 * restarts (CrashLoopBackOff) and image pulls (ImagePullBackOff). An entry left alone for twice the cap
 * (10 minutes) starts again from 10s.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  delayMs: number;
  lastUpdateMs: number;
}

export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = BACKOFF_INITIAL_MS,
    private readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  private expired(e: Entry, atMs: number): boolean {
    return atMs - e.lastUpdateMs > this.maxMs * 2;
  }

  /** Record a failure at `atMs`: the next delay doubles (or starts at the initial delay). */
  next(key: string, atMs: number): number {
    const e = this.entries.get(key);
    const delayMs = !e || this.expired(e, atMs) ? this.initialMs : Math.min(e.delayMs * 2, this.maxMs);
    this.entries.set(key, { delayMs, lastUpdateMs: atMs });
    return delayMs;
  }

  /** The current delay for a key (0 when it has none). */
  delay(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** Still backing off from an event at `eventMs` (a container's finishedAt)? */
  inBackOffSince(key: string, eventMs: number, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, eventMs)) return false;
    return nowMs - eventMs < e.delayMs;
  }

  /** Still backing off since the last update (image pulls)? */
  inBackOffSinceUpdate(key: string, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, nowMs)) return false;
    return nowMs - e.lastUpdateMs < e.delayMs;
  }

  /** When the back-off for `key` ends, measured from `eventMs`. */
  until(key: string, eventMs: number): number {
    return eventMs + (this.entries.get(key)?.delayMs ?? 0);
  }

  clear(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
