/**
 * The pod garbage collector (pkg/controller/podgc), for pods bound to a Node that no longer exists: after
 * the 40 s quarantine it marks them Failed with the DisruptionTarget condition (DeletionByPodGC) and
 * force-deletes them, as `kubectl delete node` followed by a wait shows. Driven by Node deletions rather
 * than a 20 s resync, so an idle cluster schedules nothing.
 */
import type { StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';

export const ORPHAN_QUARANTINE_MS = 40_000;

export class PodGC {
  constructor(private readonly ctx: EngineContext) {
    ctx.api.watch('nodes', undefined, (e) => {
      if (e.type !== 'DELETED') return;
      const name = e.object.metadata.name;
      ctx.clock.after(ORPHAN_QUARANTINE_MS, 'podgc:orphaned', () => this.gcOrphaned(name));
    });
  }

  gcOrphaned(nodeName: string): void {
    const { api, clock } = this.ctx;
    if (api.store.get('nodes', undefined, nodeName)) return;
    for (const pod of api.store.list('pods')) {
      if (pod.spec?.nodeName !== nodeName) continue;
      this.markFailed(pod, clock.nowISO());
      try {
        api.delete('pods', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
      } catch {
        // Already gone.
      }
    }
  }

  private markFailed(pod: StoredObject, now: string): void {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const conditions = [
      ...((pod.status?.conditions ?? []) as { type: string }[]).filter((c) => c.type !== 'DisruptionTarget'),
      {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: now,
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      },
    ];
    try {
      this.ctx.api.updateStatus({ ...pod, status: { ...pod.status, phase: 'Failed', conditions } });
    } catch {
      // Gone meanwhile.
    }
  }
}

export const podGC: Component = {
  name: 'pod-garbage-collector',
  start(ctx) {
    ctx.services.set('pod-garbage-collector', new PodGC(ctx));
  },
};
