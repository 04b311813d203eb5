/**
 * Paces the syncs of one Service the way kube-controller-manager's endpoint batch period does: a small
 * Service syncs within the work queue's 10 ms, a Service with many pods at most once per
 * `members` ms (1 s for 1,000 pods), so a thousand pods turning ready one by one cost a handful of
 * rewrites of a thousand-address object, not a thousand.
 */
import type { WorkQueue } from '../controllers/workqueue';
import type { Clock } from '../sim/clock';

export const MAX_BATCH_PERIOD_MS = 1000;

export class SyncPacer {
  private readonly nextAllowedMs = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly queue: WorkQueue,
  ) {}

  /** Enqueue `key`, deferred while its batch period since the last sync runs. */
  request(key: string): void {
    const wait = (this.nextAllowedMs.get(key) ?? 0) - this.clock.now();
    if (wait > 0) this.queue.addAfter(key, wait);
    else this.queue.add(key);
  }

  /** Record a sync of `key` covering `members` pods. */
  synced(key: string, members: number): void {
    if (members < 50) this.nextAllowedMs.delete(key);
    else this.nextAllowedMs.set(key, this.clock.now() + Math.min(MAX_BATCH_PERIOD_MS, members));
  }
}
