/**
 * The TTL-after-finished controller: a Job with ttlSecondsAfterFinished is deleted (foreground, so its pods
 * go first) that many seconds after its Complete or Failed condition.
 */
import type { StoredObject } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { parseISO } from '../../sim/clock';
import { splitKey, WorkQueue } from '../workqueue';
import { finishedCondition } from './job-status';

export class TTLAfterFinishedController {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'ttl-after-finished-controller', (key) => this.reconcile(key));
    ctx.api.watch('jobs.batch', undefined, (e) => {
      if (e.type !== 'DELETED' && e.object.spec?.ttlSecondsAfterFinished !== undefined)
        this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const job: StoredObject | undefined = this.ctx.api.store.get('jobs.batch', namespace, name);
    const ttl: number | undefined = job?.spec?.ttlSecondsAfterFinished;
    if (!job || ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return;
    const done = finishedCondition(job);
    if (!done) return;
    const expireAt = parseISO(done.lastTransitionTime) + ttl * 1000;
    const now = this.ctx.clock.now();
    if (expireAt > now) {
      this.queue.addAfter(key, expireAt - now);
      return;
    }
    try {
      this.ctx.api.delete('jobs.batch', namespace, name, { propagationPolicy: 'Foreground' });
    } catch {
      // Already gone.
    }
  }
}

export const ttlAfterFinishedController: Component = {
  name: 'ttl-after-finished-controller',
  start(ctx) {
    ctx.services.set('ttl-after-finished-controller', new TTLAfterFinishedController(ctx));
  },
};
