/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods, creating them
 * from the template in slow-start batches (1, 2, 4 ...; at most 500 per sync) and deleting the lowest-ranked
 * first; keeps status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas after minReadySeconds,
 * observedGeneration, the ReplicaFailure condition) and records SuccessfulCreate / SuccessfulDelete /
 * FailedCreate / FailedDelete events as kube-controller-manager does.
 */
import { INTERNAL } from '../../api/apiserver';
import { fromLabelSelector } from '../../api/selectors';
import type { StoredObject, WatchEvent } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { deepEqual } from '../../util/objects';
import { adoptOrphans, claim, controllerKeys, matchingControllers } from '../common/claim';
import { type Condition, getCondition, removeCondition, setCondition } from '../common/conditions';
import { controllerRefOf, newControllerRef } from '../common/owners';
import { podFromTemplate } from '../common/pod-template';
import { PodTracker } from '../common/pod-tracker';
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
  private readonly pods: PodTracker;
  /** ReplicaSets whose owned pods must be re-checked against the selector (release) or recounted. */
  private needsClaim = new Set<string>();
  private needsRecount = new Set<string>();

  constructor(private readonly ctx: EngineContext) {
    this.pods = PodTracker.for(ctx.api, ctx.services);
    this.queue = new WorkQueue(ctx.clock, 'replicaset-controller', (key) => this.reconcile(key));
    ctx.api.watch(RS_RESOURCE, undefined, (e) => this.onReplicaSet(e));
    ctx.api.watch('pods', undefined, (e) => this.onPod(e));
    for (const rs of ctx.api.store.list(RS_RESOURCE)) {
      this.needsClaim.add(rs.metadata.uid);
      this.queue.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
    }
  }

  private onReplicaSet(e: WatchEvent): void {
    const rs = e.object;
    if (e.type === 'MODIFIED' && e.old) {
      if (!deepEqual(e.old.spec?.selector, rs.spec?.selector)) this.needsClaim.add(rs.metadata.uid);
      if (!deepEqual(e.old.spec?.template?.metadata?.labels, rs.spec?.template?.metadata?.labels))
        this.needsRecount.add(rs.metadata.uid);
    }
    if (e.type === 'DELETED') {
      this.needsClaim.delete(rs.metadata.uid);
      this.needsRecount.delete(rs.metadata.uid);
    }
    this.queue.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
  }

  private onPod(e: WatchEvent): void {
    const keys = controllerKeys(e.object, e.old, 'ReplicaSet');
    for (const k of keys) this.queue.add(k);
    const ref = controllerRefOf(e.object);
    if (ref && e.type === 'MODIFIED' && e.old?.metadata.labels !== e.object.metadata.labels)
      this.needsClaim.add(ref.uid);
    if (ref || e.type === 'DELETED') return;
    // An orphan: wake the ReplicaSets that could adopt it (only when it is new or its labels changed).
    if (
      e.type === 'MODIFIED' &&
      e.old?.metadata.labels === e.object.metadata.labels &&
      controllerRefOf(e.old!) === undefined
    )
      return;
    for (const rs of matchingControllers(this.ctx.api, RS_RESOURCE, e.object, (c) =>
      fromLabelSelector(c.spec?.selector),
    )) {
      this.queue.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api, clock } = this.ctx;
    const rs = api.store.get(RS_RESOURCE, namespace, name);
    if (!rs) return;
    const uid = rs.metadata.uid;
    const selector = fromLabelSelector(rs.spec?.selector);
    // Full claim (release of pods that stopped matching) only when something could have changed it;
    // adoption of orphans is cheap to check every time.
    if (this.needsClaim.delete(uid)) claim(api, rs, 'pods', 'Pod', selector, isPodActive);
    else adoptOrphans(api, rs, 'pods', 'Pod', selector, isPodActive);
    if (this.needsRecount.delete(uid)) this.pods.recount(uid);
    const current = api.store.get(RS_RESOURCE, namespace, name) ?? rs;
    const before = this.pods.stats(uid).active;
    let error: { message: string } | undefined;
    if (!current.metadata.deletionTimestamp) error = this.manageReplicas(before, current);
    this.updateStatus(current, before, error);

    // Wake up when a Ready pod passes minReadySeconds, so availableReplicas moves without other events.
    const minReady = current.spec?.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next = Number.POSITIVE_INFINITY;
      for (const p of this.pods.activePods(uid)) {
        if (!isPodReady(p) || isPodAvailable(p, minReady, clock.now())) continue;
        next = Math.min(next, podAvailableAtMs(p, minReady) ?? next);
      }
      if (Number.isFinite(next)) this.queue.addAfter(key, Math.max(1, next - clock.now()));
    }
  }

  private manageReplicas(active: number, rs: StoredObject): { message: string } | undefined {
    const { api, events, clock } = this.ctx;
    const replicas = rs.spec?.replicas ?? 1;
    const diff = active - replicas;
    if (diff < 0) {
      const toCreate = Math.min(-diff, BURST_REPLICAS);
      const ref = newControllerRef(rs);
      const result = slowStartBatch(toCreate, SLOW_START_INITIAL_BATCH_SIZE, () => {
        try {
          const pod = api.create(podFromTemplate(rs.spec?.template ?? {}, rs, ref), INTERNAL);
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
      const pods = this.pods.activePods(rs.metadata.uid);
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
  /** The active pods of this ReplicaSet and of its siblings (same controller): what the ranking counts per node. */
  private relatedPods(rs: StoredObject): StoredObject[] {
    const owner = controllerRefOf(rs);
    if (!owner) return this.pods.activePods(rs.metadata.uid);
    const out: StoredObject[] = [];
    for (const sibling of this.ctx.api.dependents(owner.uid)) {
      if (sibling.kind === 'ReplicaSet' && controllerRefOf(sibling)?.uid === owner.uid)
        out.push(...this.pods.activePods(sibling.metadata.uid));
    }
    return out;
  }

  private updateStatus(rs: StoredObject, claimed: number, error: { message: string } | undefined): void {
    const now = this.ctx.clock.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const stats = this.pods.stats(rs.metadata.uid);
    let available = stats.ready;
    if (minReady > 0) {
      available = 0;
      for (const p of this.pods.activePods(rs.metadata.uid))
        if (isPodAvailable(p, minReady, now)) available++;
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
      replicas: stats.active,
      ...(stats.fullyLabeled ? { fullyLabeledReplicas: stats.fullyLabeled } : {}),
      ...(stats.ready ? { readyReplicas: stats.ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      observedGeneration: rs.metadata.generation ?? 1,
      ...(conditions?.length ? { conditions } : {}),
    };
    if (
      (old.replicas ?? 0) === stats.active &&
      (old.fullyLabeledReplicas ?? 0) === stats.fullyLabeled &&
      (old.readyReplicas ?? 0) === stats.ready &&
      (old.availableReplicas ?? 0) === available &&
      old.observedGeneration === status.observedGeneration &&
      old.conditions === conditions
    ) {
      return;
    }
    try {
      this.ctx.api.updateStatus({ ...rs, status }, INTERNAL);
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
