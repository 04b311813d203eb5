/**
 * The ReplicationController manager (kube-controller-manager's replicationcontroller controller), which
 * DeploymentConfig versions need: keeps `spec.replicas` active pods from the template, owned by the RC,
 * and reports replicas / readyReplicas / availableReplicas. Owned pods are found through the API's
 * dependents index, so a sync never scans every pod.
 */
import { INTERNAL } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { controllerRefOf, newControllerRef } from '../controllers/common/owners';
import { podFromTemplate } from '../controllers/common/pod-template';
import { isPodActive, isPodReady } from '../controllers/common/pods';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';

const RCS = 'replicationcontrollers';
const SOURCE = { component: 'replication-controller' };

export class ReplicationControllerManager {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'replication-controller', (k) => this.reconcile(k), 10);
    ctx.api.watch(RCS, undefined, (e) => {
      if (e.type !== 'DELETED') this.queue.add(keyOf(e.object));
    });
    ctx.api.watch('pods', undefined, (e) => {
      const ref = controllerRefOf(e.object);
      if (ref?.kind === 'ReplicationController') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  private reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const rc = this.ctx.api.tryGet(RCS, namespace, name);
    if (!rc) return;
    const pods = this.ctx.api
      .dependents(rc.metadata.uid)
      .filter((p) => p.kind === 'Pod' && controllerRefOf(p)?.uid === rc.metadata.uid);
    const active = pods.filter(isPodActive);
    const want = rc.spec?.replicas ?? 1;
    if (!rc.metadata.deletionTimestamp) {
      for (let i = active.length; i < want; i++) {
        const pod = this.ctx.api.create(
          podFromTemplate(rc.spec?.template ?? {}, rc, newControllerRef(rc)),
          INTERNAL,
        );
        this.ctx.events.record(rc, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
      }
      // Not-ready pods go first, then the youngest, as the ReplicaSet controller ranks them.
      const extra = [...active]
        .sort(
          (a, b) =>
            Number(isPodReady(a)) - Number(isPodReady(b)) ||
            (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1),
        )
        .slice(0, Math.max(0, active.length - want));
      for (const pod of extra) {
        this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name, INTERNAL);
        this.ctx.events.record(rc, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
      }
    }
    this.updateStatus(rc, active);
  }

  private updateStatus(rc: StoredObject, active: StoredObject[]): void {
    const ready = active.filter(isPodReady).length;
    const status = {
      replicas: active.length,
      fullyLabeledReplicas: active.length,
      ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
      observedGeneration: rc.metadata.generation ?? 1,
    };
    if (JSON.stringify(status) === JSON.stringify(rc.status ?? {})) return;
    this.ctx.api.updateStatus({ ...rc, status }, INTERNAL);
  }
}
