/**
 * The resource quota controller: keeps each ResourceQuota's status (hard, used) in step with what the
 * namespace holds, as `kubectl describe quota` shows it. Reconciles per quota on the work queue.
 */
import type { EngineContext } from '../context';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';
import { deepEqual } from '../util/objects';
import { computeUsed, formatUsage, resourcesCounted } from './quota-usage';

export class ResourceQuotaController {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'resourcequota-controller', (key) => this.reconcile(key));
    ctx.api.watch(undefined, undefined, (e) => {
      const ns = e.object.metadata.namespace;
      if (!ns) return;
      if (e.resource === 'resourcequotas') {
        if (e.type !== 'DELETED') this.queue.add(keyOf(e.object));
        return;
      }
      // Every write in the cluster passes here: most clusters have no quota at all.
      if (ctx.api.store.count('resourcequotas') === 0) return;
      for (const quota of ctx.api.store.list('resourcequotas', ns)) {
        const hard = Object.keys(quota.spec?.hard ?? {});
        if (hard.some((r) => resourcesCounted(r).includes(e.resource))) this.queue.add(keyOf(quota));
      }
    });
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const quota = this.ctx.api.store.get('resourcequotas', namespace, name);
    if (!quota || !namespace) return;
    const hard: Record<string, unknown> = quota.spec?.hard ?? {};
    const used = computeUsed(this.ctx, namespace, hard);
    const status = {
      hard: { ...hard },
      used: Object.fromEntries(Object.keys(hard).map((r) => [r, formatUsage(r, used[r])])),
    };
    if (deepEqual(status, quota.status)) return;
    try {
      this.ctx.api.updateStatus({ ...quota, status });
    } catch {
      // Changed meanwhile: the watch event brings it back.
    }
  }
}
