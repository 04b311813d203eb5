/**
 * The StatefulSet controller (pkg/controller/statefulset): pods `<set>-0..n-1` with stable identity and
 * storage, created in order (each waits for its predecessor to be Running and Ready) or all at once
 * (Parallel), removed from the highest ordinal down, rolled to a new ControllerRevision from the highest
 * ordinal down to the partition, with the real events and status.
 */
import { fromLabelSelector } from '../../api/selectors';
import type { StoredObject, WatchEvent } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { claim, controllerKeys, matchingControllers } from '../common/claim';
import {
  CONTROLLER_REVISIONS,
  equalRevision,
  newStatefulSetRevision,
  nextRevisionNumber,
  revisionsOf,
  templateOfRevision,
  templatePatch,
} from '../common/history';
import { controllerRefOf } from '../common/owners';
import { isPodAvailable, isPodReady, podAvailableAtMs } from '../common/pods';
import { splitKey, WorkQueue } from '../workqueue';
import { claimsFor, newStatefulPod, ordinalOf, revisionOfPod } from './identity';

export const STS = 'statefulsets.apps';
const SOURCE = { component: 'statefulset-controller' };

const isTerminating = (p: StoredObject) => Boolean(p.metadata.deletionTimestamp);
const isFinished = (p: StoredObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isRunningAndReady = (p: StoredObject) => p.status?.phase === 'Running' && isPodReady(p);

export class StatefulSetController {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'statefulset-controller', (key) => this.reconcile(key));
    ctx.api.watch(STS, undefined, (e) =>
      this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`),
    );
    ctx.api.watch('pods', undefined, (e) => this.onPod(e));
    for (const s of ctx.api.store.list(STS)) this.queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
  }

  private onPod(e: WatchEvent): void {
    for (const k of controllerKeys(e.object, e.old, 'StatefulSet')) this.queue.add(k);
    if (controllerRefOf(e.object) || e.type === 'DELETED') return;
    for (const s of matchingControllers(this.ctx.api, STS, e.object, (c) =>
      fromLabelSelector(c.spec?.selector),
    )) {
      this.queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
    }
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api } = this.ctx;
    const set = api.store.get(STS, namespace, name);
    if (!set) return;
    const pods = claim(api, set, 'pods', 'Pod', fromLabelSelector(set.spec?.selector));
    if (set.metadata.deletionTimestamp) return;
    const { current, update, collisionCount } = this.revisions(set);
    if (!update) return;
    const status = this.updatePods(set, pods, current ?? update, update);
    this.writeStatus(set, status, current ?? update, update, collisionCount);
    this.truncateHistory(set, current ?? update, update);
  }

  private event(set: StoredObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(set, type, reason, message, SOURCE);
  }

  /** getStatefulSetRevisions: the current revision (status.currentRevision) and the one matching the spec. */
  private revisions(set: StoredObject): {
    current?: StoredObject;
    update?: StoredObject;
    collisionCount: number;
  } {
    const { api } = this.ctx;
    let collisionCount: number = set.status?.collisionCount ?? 0;
    const revisions = revisionsOf(api, set);
    const data = templatePatch(set.spec?.template);
    const equal = revisions.filter((r) => equalRevision(r, data));
    let update: StoredObject | undefined;
    if (equal.length > 0) {
      update = equal[equal.length - 1];
      if (update !== revisions[revisions.length - 1]) {
        // Rolling back to an older template re-uses its revision, renumbered as the newest.
        update = api.update({ ...update, revision: nextRevisionNumber(revisions) } as StoredObject);
      }
    } else {
      for (let attempt = 0; attempt < 5 && !update; attempt++) {
        const draft = newStatefulSetRevision(set, nextRevisionNumber(revisions), collisionCount);
        try {
          update = api.create(draft);
        } catch {
          const existing = api.store.get(CONTROLLER_REVISIONS, set.metadata.namespace, draft.metadata.name!);
          if (existing && equalRevision(existing, data)) update = existing;
          else collisionCount++;
        }
      }
    }
    const currentName = set.status?.currentRevision;
    const current =
      revisions.find((r) => r.metadata.name === currentName) ??
      (currentName === update?.metadata.name ? update : undefined);
    return { current, update, collisionCount };
  }

  /** updateStatefulSet: one step of creating, replacing, deleting or updating pods. Returns status counts. */
  private updatePods(
    set: StoredObject,
    pods: StoredObject[],
    current: StoredObject,
    update: StoredObject,
  ): Record<string, number> {
    const { clock } = this.ctx;
    const replicaCount: number = set.spec?.replicas ?? 1;
    const start: number = set.spec?.ordinals?.start ?? 0;
    const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const minReady: number = set.spec?.minReadySeconds ?? 0;
    const strategy = set.spec?.updateStrategy ?? { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    const partition: number =
      strategy.type === 'RollingUpdate' ? (strategy.rollingUpdate?.partition ?? 0) : 0;
    const currentTemplate = (templateOfRevision(current) ?? set.spec?.template) as Record<string, unknown>;
    const updateTemplate = (templateOfRevision(update) ?? set.spec?.template) as Record<string, unknown>;

    const replicas: (StoredObject | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: StoredObject[] = [];
    const counts = {
      replicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
    };
    for (const p of pods) {
      if (!isTerminating(p)) counts.replicas++;
      if (isRunningAndReady(p) && !isTerminating(p)) {
        counts.readyReplicas++;
        if (isPodAvailable(p, minReady, clock.now())) counts.availableReplicas++;
      }
      const rev = revisionOfPod(p);
      if (!isTerminating(p)) {
        if (rev === current.metadata.name) counts.currentReplicas++;
        if (rev === update.metadata.name) counts.updatedReplicas++;
      }
      const ord = ordinalOf(set, p);
      if (ord >= start && ord < start + replicaCount) replicas[ord - start] = p;
      else if (ord >= 0) condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(set, a) - ordinalOf(set, b));

    // Pods at ordinals below the partition stay at the current revision, the rest at the update revision.
    const versioned = (ord: number) =>
      strategy.type === 'RollingUpdate' && ord - start < partition
        ? newStatefulPod(set, currentTemplate, current.metadata.name, ord)
        : newStatefulPod(set, updateTemplate, update.metadata.name, ord);

    let firstUnhealthy: StoredObject | undefined;
    for (let i = 0; i < replicaCount; i++) {
      const ord = start + i;
      let pod = replicas[i];
      if (pod && isFinished(pod)) {
        if (!isTerminating(pod)) this.deletePod(set, pod);
        if (monotonic) return counts;
        continue;
      }
      if (!pod) {
        const created = this.createPod(set, versioned(ord), ord);
        if (created) {
          counts.replicas++;
          if (revisionOfPod(created) === current.metadata.name) counts.currentReplicas++;
          if (revisionOfPod(created) === update.metadata.name) counts.updatedReplicas++;
        }
        if (monotonic) return counts;
        continue;
      }
      if (isTerminating(pod)) {
        if (monotonic) return counts;
        continue;
      }
      if (!isRunningAndReady(pod) || !isPodAvailable(pod, minReady, clock.now())) {
        firstUnhealthy ??= pod;
        if (isRunningAndReady(pod))
          this.queue.addAfter(
            `${set.metadata.namespace}/${set.metadata.name}`,
            Math.max(1, (podAvailableAtMs(pod, minReady) ?? 0) - clock.now()),
          );
        if (monotonic) return counts;
      }
      pod = undefined;
    }

    for (let t = condemned.length - 1; t >= 0; t--) {
      const pod = condemned[t];
      if (isTerminating(pod)) {
        if (monotonic) return counts;
        continue;
      }
      firstUnhealthy ??= condemned.find((p) => !isRunningAndReady(p));
      if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return counts;
      this.claimsFollowPod(set, pod);
      this.deletePod(set, pod);
      if (monotonic) return counts;
    }

    if (strategy.type === 'OnDelete') return counts;
    for (let i = replicaCount - 1; i >= partition; i--) {
      const pod = replicas[i];
      if (!pod) continue;
      if (revisionOfPod(pod) !== update.metadata.name && !isTerminating(pod)) {
        this.deletePod(set, pod);
        counts.currentReplicas--;
        return counts;
      }
      if (!isRunningAndReady(pod) || isTerminating(pod) || !isPodAvailable(pod, minReady, clock.now()))
        return counts;
    }
    return counts;
  }

  private createPod(
    set: StoredObject,
    draft: ReturnType<typeof newStatefulPod>,
    ordinal: number,
  ): StoredObject | undefined {
    const { api } = this.ctx;
    const podName = draft.metadata.name!;
    for (const claimObj of claimsFor(set, ordinal, undefined)) {
      if (api.store.get('persistentvolumeclaims', set.metadata.namespace, claimObj.metadata.name!)) continue;
      try {
        api.create(claimObj);
        this.event(
          set,
          'Normal',
          'SuccessfulCreate',
          `create Claim ${claimObj.metadata.name} Pod ${podName} in StatefulSet ${set.metadata.name} success`,
        );
      } catch (err) {
        this.event(
          set,
          'Warning',
          'FailedCreate',
          `create Claim ${claimObj.metadata.name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${(err as Error).message}`,
        );
        return undefined;
      }
    }
    try {
      const pod = api.create(draft);
      this.event(
        set,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${podName} in StatefulSet ${set.metadata.name} successful`,
      );
      return pod;
    } catch (err) {
      const message = (err as Error).message;
      if (!message.includes('because it is being terminated')) {
        this.event(
          set,
          'Warning',
          'FailedCreate',
          `create Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${message}`,
        );
      }
      return undefined;
    }
  }

  /**
   * persistentVolumeClaimRetentionPolicy.whenScaled: Delete — a condemned pod becomes the owner of its
   * claims, so the garbage collector removes them once the pod is gone.
   */
  private claimsFollowPod(set: StoredObject, pod: StoredObject): void {
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
    const { api } = this.ctx;
    for (const c of claimsFor(set, ordinalOf(set, pod), pod)) {
      const cur = api.store.get('persistentvolumeclaims', set.metadata.namespace, c.metadata.name!);
      if (!cur || cur.metadata.ownerReferences?.some((r) => r.uid === pod.metadata.uid)) continue;
      const ref = {
        apiVersion: 'v1',
        kind: 'Pod',
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        blockOwnerDeletion: true,
      };
      try {
        api.update({
          ...cur,
          metadata: { ...cur.metadata, ownerReferences: [...(cur.metadata.ownerReferences ?? []), ref] },
        });
      } catch {
        // The claim changed meanwhile; the next scale-down step tries again.
      }
    }
  }

  private deletePod(set: StoredObject, pod: StoredObject): void {
    try {
      this.ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name);
      this.event(
        set,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
      );
    } catch (err) {
      this.event(
        set,
        'Warning',
        'FailedDelete',
        `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${(err as Error).message}`,
      );
    }
  }

  private writeStatus(
    set: StoredObject,
    counts: Record<string, number>,
    current: StoredObject,
    update: StoredObject,
    collisionCount: number,
  ): void {
    const replicas = counts.replicas;
    let currentRevision = current.metadata.name;
    let currentReplicas = counts.currentReplicas;
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    // completeRollingUpdate: once every pod runs the update revision and is ready, it becomes current.
    if (rolling && counts.updatedReplicas === replicas && counts.readyReplicas === replicas) {
      currentRevision = update.metadata.name;
      currentReplicas = counts.updatedReplicas;
    }
    const status: Record<string, unknown> = {
      observedGeneration: set.metadata.generation ?? 1,
      replicas,
      ...(counts.readyReplicas ? { readyReplicas: counts.readyReplicas } : {}),
      ...(currentReplicas ? { currentReplicas } : {}),
      ...(counts.updatedReplicas ? { updatedReplicas: counts.updatedReplicas } : {}),
      currentRevision,
      updateRevision: update.metadata.name,
      collisionCount,
      availableReplicas: counts.availableReplicas,
    };
    const old = set.status ?? {};
    if (
      Object.keys(status).every((k) => old[k] === status[k]) &&
      Object.keys(old).every((k) => k in status || k === 'conditions')
    )
      return;
    try {
      this.ctx.api.updateStatus({
        ...set,
        status: { ...status, ...(old.conditions ? { conditions: old.conditions } : {}) },
      });
    } catch {
      // Changed meanwhile.
    }
  }

  /** Keep revisionHistoryLimit revisions besides the live ones (current, update, any a pod runs). */
  private truncateHistory(set: StoredObject, current: StoredObject, update: StoredObject): void {
    const { api } = this.ctx;
    const limit: number = set.spec?.revisionHistoryLimit ?? 10;
    const live = new Set([current.metadata.name, update.metadata.name]);
    for (const p of api.dependents(set.metadata.uid)) if (p.kind === 'Pod') live.add(revisionOfPod(p) ?? '');
    const history = revisionsOf(api, set).filter((r) => !live.has(r.metadata.name));
    for (const r of history.slice(0, Math.max(0, history.length - limit))) {
      try {
        api.delete(CONTROLLER_REVISIONS, r.metadata.namespace, r.metadata.name);
      } catch {
        // Already gone.
      }
    }
  }
}

export const statefulSetController: Component = {
  name: 'statefulset-controller',
  start(ctx) {
    ctx.services.set('statefulset-controller', new StatefulSetController(ctx));
  },
};
