/**
 * A de-duplicating work queue feeding a level-triggered reconcile(key), as client-go controllers work:
 * event handlers only enqueue `namespace/name`; a key queued several times before it is processed is
 * reconciled once. Processing happens on the virtual clock after `latencyMs`, so a burst of changes in
 * one instant is handled in one batch.
 */
import type { Clock, ScheduledTask } from '../sim/clock';

export class WorkQueue {
  private pending = new Set<string>();
  private flush?: ScheduledTask;
  private delayed = new Map<string, ScheduledTask>();

  constructor(
    private readonly clock: Clock,
    readonly name: string,
    private readonly reconcile: (key: string) => void,
    private readonly latencyMs = 10,
  ) {}

  get length(): number {
    return this.pending.size;
  }

  add(key: string): void {
    this.pending.add(key);
    if (!this.flush) this.flush = this.clock.after(this.latencyMs, this.name, () => this.drain());
  }

  /** Reconcile `key` again after `delayMs` (for deadlines, back-offs, resync), keeping only the earliest. */
  addAfter(key: string, delayMs: number): void {
    const at = this.clock.now() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.atMs <= at) return;
    if (existing) existing.cancelled = true;
    this.delayed.set(
      key,
      this.clock.at(at, `${this.name}:requeue`, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
  }

  private drain(): void {
    this.flush = undefined;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) this.reconcile(key);
  }
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export function keyOf(obj: { metadata: { namespace?: string; name?: string } }): string {
  return obj.metadata.namespace
    ? `${obj.metadata.namespace}/${obj.metadata.name}`
    : (obj.metadata.name ?? '');
}
