/**
 * The pvc-protection and pv-protection controllers: a claim being deleted keeps its finalizer while a
 * pod that has not finished uses it (`kubectl get pvc` shows Terminating meanwhile); a volume being
 * deleted keeps its finalizer while it is Bound.
 */

import { watchEach } from '../api/object-helpers';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { WorkQueue } from '../controllers/workqueue';
import { PV_PROTECTION, PVC_PROTECTION } from './admission';
import { PVCS, PVS } from './pv-controller';

const NO_CLAIMS: string[] = [];

/** `namespace/claim` of every claim a pod mounts (one shared empty list for the many pods with none). */
function claimsOf(pod: StoredObject): string[] {
  let out: string[] | undefined;
  for (const v of (pod.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    out ??= [];
    out.push(`${pod.metadata.namespace ?? 'default'}/${claim}`);
  }
  return out ?? NO_CLAIMS;
}

export function podsUsingClaim(ctx: EngineContext, namespace: string, claim: string): StoredObject[] {
  return ctx.api.store.byIndex('pods-by-claim', `${namespace}/${claim}`);
}

export class ProtectionController {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    if (!ctx.services.has('pods-by-claim-index')) {
      ctx.services.set('pods-by-claim-index', true);
      ctx.api.store.addIndex('pods-by-claim', 'pods', claimsOf, { specAndMetadataOnly: true });
    }
    this.queue = new WorkQueue(ctx.clock, 'pvc-protection', (k) => this.reconcile(k));
    watchEach(ctx.api, [PVCS, PVS, 'pods'], (e) => {
      const o = e.object;
      if (e.resource === PVCS && o.metadata.deletionTimestamp)
        this.queue.add(`claim/${o.metadata.namespace}/${o.metadata.name}`);
      else if (e.resource === PVS && o.metadata.deletionTimestamp)
        this.queue.add(`volume/${o.metadata.name}`);
      else if (e.resource === 'pods') {
        const finished =
          e.type === 'DELETED' || o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed';
        if (finished) for (const c of claimsOf(o)) this.queue.add(`claim/${c}`);
      }
    });
  }

  private reconcile(key: string): void {
    const [kind, a, b] = key.split('/');
    if (kind === 'claim') {
      const pvc = this.ctx.api.tryGet(PVCS, a, b);
      if (!pvc?.metadata.deletionTimestamp || !pvc.metadata.finalizers?.includes(PVC_PROTECTION)) return;
      const inUse = podsUsingClaim(this.ctx, a, b).some(
        (p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
      );
      if (!inUse) this.removeFinalizer(pvc, PVC_PROTECTION);
      return;
    }
    const pv = this.ctx.api.tryGet(PVS, undefined, a);
    if (!pv?.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION)) return;
    if (pv.status?.phase !== 'Bound') this.removeFinalizer(pv, PV_PROTECTION);
  }

  private removeFinalizer(obj: StoredObject, finalizer: string): void {
    this.ctx.api.update({
      ...obj,
      metadata: {
        ...obj.metadata,
        finalizers: (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer),
      },
    });
  }
}
