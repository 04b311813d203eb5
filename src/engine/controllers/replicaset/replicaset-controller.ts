/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods, creating them
 * from the template in slow-start batches (1, 2, 4 ...; at most 500 per sync) and deleting the lowest-ranked
 * first; keeps status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas after minReadySeconds,
 * observedGeneration, the ReplicaFailure condition) and records SuccessfulCreate / SuccessfulDelete /
 * FailedCreate / FailedDelete events as kube-controller-manager does.
 */
import { fromLabelSelector, fromMap, matches } from '../../api/selectors';
import type { StoredObject, WatchEvent } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { claim, controllerKeys, matchingControllers, ownedBy } from '../common/claim';
import { type Condition, getCondition, removeCondition, setCondition } from '../common/conditions';
import { controllerRefOf, newControllerRef } from '../common/owners';
import { podFromTemplate } from '../common/pod-template';
import { isPodActive, isPodAvailable, isPodReady, podAvailableAtMs } from '../common/pods';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../common/slow-start';
import { splitKey, WorkQueue } from '../workqueue';
import { podsToDelete } from './pod-ranking';

export const RS_RESOURCE = 'replicasets.apps';
/** kube-controller-manager's burstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;
const SOURCE = { component: 'replicaset-controller' };

export class ReplicaSetController {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'replicaset-controller', (key) => this.reconcile(key));
    ctx.api.watch(RS_RESOURCE, undefined, (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    ctx.api.watch('pods', undefined, (e) => this.onPod(e));
    for (const rs of ctx.api.store.list(RS_RESOURCE)) this.queue.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
  }

  private onPod(e: WatchEvent): void {
    const keys = controllerKeys(e.object, e.old, 'ReplicaSet');
    for (const k of keys) this.queue.add(k);
    if (controllerRefOf(e.object) || e.type === 'DELETED') return;
    // An orphan: wake the ReplicaSets that could adopt it (only when it is new or its labels changed).
    if (e.type === 'MODIFIED' && e.old?.metadata.labels === e.object.metadata.labels && controllerRefOf(e.old!) === undefined) return;
    for (const rs of matchingControllers(this.ctx.api, RS_RESOURCE, e.object, (c) => fromLabelSelector(c.spec?.selector))) {
      this.queue.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api, clock } = this.ctx;
    const rs = api.store.get(RS_RESOURCE, namespace, name);
    if (!rs) return;
    const selector = fromLabelSelector(rs.spec?.selector);
    const pods = claim(api, rs, 'pods', 'Pod', selector, isPodActive);
    const current = api.store.get(RS_RESOURCE, namespace, name) ?? rs;
    let error: { message: string } | undefined;
    if (!current.metadata.deletionTimestamp) error = this.manageReplicas(pods, current);
    const active = ownedBy(api, current, 'Pod').filter(isPodActive);
    this.updateStatus(current, active, pods.length, error);

    // Wake up when a Ready pod passes minReadySeconds, so availableReplicas moves without other events.
    const minReady = current.spec?.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next = Number.POSITIVE_INFINITY;
      for (const p of active) {
        if (!isPodReady(p) || isPodAvailable(p, minReady, clock.now())) continue;
        next = Math.min(next, podAvailableAtMs(p, minReady) ?? next);
      }
      if (Number.isFinite(next)) this.queue.addAfter(key, Math.max(1, next - clock.now()));
    }
  }

  private manageReplicas(pods: StoredObject[], rs: StoredObject): { message: string } | undefined {
    const { api, events, clock } = this.ctx;
    const replicas = rs.spec?.replicas ?? 1;
    const diff = pods.length - replicas;
    if (diff < 0) {
      const toCreate = Math.min(-diff, BURST_REPLICAS);
      const ref = newControllerRef(rs);
      const result = slowStartBatch(toCreate, SLOW_START_INITIAL_BATCH_SIZE, () => {
        try {
          const pod = api.create(podFromTemplate(rs.spec?.template ?? {}, rs, ref));
          events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
        } catch (err) {
          const message = (err as Error).message;
          // A terminating namespace refuses every create: not worth an event or a failure condition.
          if (message.includes('because it is being terminated')) return;
          events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${message}`, SOURCE);
          throw err;
        }
      });
      return result.error ? { message: (result.error as Error).message } : undefined;
    }
    if (diff > 0) {
      const related = this.relatedPods(rs);
      let error: { message: string } | undefined;
      for (const pod of podsToDelete(pods, related, Math.min(diff, BURST_REPLICAS), clock.now())) {
        try {
          api.delete('pods', pod.metadata.namespace, pod.metadata.name);
          events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
        } catch (err) {
          const message = (err as Error).message;
          if ((err as { code?: number }).code === 404) continue;
          events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${message}`, SOURCE);
          error ??= { message };
        }
      }
      return error;
    }
    return undefined;
  }

  /** Pods of every ReplicaSet controlled by the same owner (a Deployment's old and new ReplicaSets). */
  private relatedPods(rs: StoredObject): StoredObject[] {
    const owner = controllerRefOf(rs);
    if (!owner) return ownedBy(this.ctx.api, rs, 'Pod');
    const out: StoredObject[] = [];
    for (const sibling of this.ctx.api.dependents(owner.uid)) {
      if (sibling.kind === 'ReplicaSet' && controllerRefOf(sibling)?.uid === owner.uid) out.push(...ownedBy(this.ctx.api, sibling, 'Pod'));
    }
    return out;
  }

  private updateStatus(rs: StoredObject, pods: StoredObject[], claimed: number, error: { message: string } | undefined): void {
    const now = this.ctx.clock.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const templateLabels = fromMap(rs.spec?.template?.metadata?.labels) ?? [];
    let fullyLabeled = 0;
    let ready = 0;
    let available = 0;
    for (const p of pods) {
      if (matches(templateLabels, p.metadata.labels)) fullyLabeled++;
      if (isPodReady(p)) {
        ready++;
        if (isPodAvailable(p, minReady, now)) available++;
      }
    }
    const old = rs.status ?? {};
    let conditions = old.conditions as Condition[] | undefined;
    const failure = getCondition(conditions, 'ReplicaFailure');
    if (error && !failure) {
      const diff = claimed - (rs.spec?.replicas ?? 1);
      const reason = diff < 0 ? 'FailedCreate' : 'FailedDelete';
      conditions = setCondition(conditions, {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: this.ctx.clock.nowISO(),
        reason,
        message: error.message,
      });
    } else if (!error && failure) {
      conditions = removeCondition(conditions, 'ReplicaFailure');
    }
    const status: Record<string, unknown> = {
      replicas: pods.length,
      ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      observedGeneration: rs.metadata.generation ?? 1,
      ...(conditions?.length ? { conditions } : {}),
    };
    if (
      (old.replicas ?? 0) === pods.length &&
      (old.fullyLabeledReplicas ?? 0) === fullyLabeled &&
      (old.readyReplicas ?? 0) === ready &&
      (old.availableReplicas ?? 0) === available &&
      old.observedGeneration === status.observedGeneration &&
      old.conditions === conditions
    ) {
      return;
    }
    try {
      this.ctx.api.updateStatus({ ...rs, status });
    } catch {
      // Changed meanwhile: the change's event brings the ReplicaSet back.
    }
  }
}

export const replicaSetController: Component = {
  name: 'replicaset-controller',
  start(ctx) {
    ctx.services.set('replicaset-controller', new ReplicaSetController(ctx));
  },
};
