/**
 * One sync of one Deployment (pkg/controller/deployment sync.go): find or create the new ReplicaSet,
 * keep revisions, scale proportionally, clean up old revisions and write status. Rolling and Recreate
 * rollouts (rolling.ts, recreate.ts) are built from these steps.
 */
import { INTERNAL } from '../../api/apiserver';
import type { KObject, StoredObject } from '../../api/types';
import type { EngineContext } from '../../context';
import { deepEqual } from '../../util/objects';
import { getCondition, setCondition } from '../common/conditions';
import { cloneJson } from '../common/json';
import { controllerRefOf, newControllerRef } from '../common/owners';
import { computeHash } from './hash';
import { scaleProportionally } from './scale';
import { calculateStatus, condition, type DeploymentStatus, Reason, rolloutStatus } from './status';
import {
  activeOnly,
  byCreation,
  type DeploymentSpec,
  equalIgnoreHash,
  hasProgressDeadline,
  maxRevision,
  maxSurge,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  revisionOf,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  sumSpec,
} from './util';

export const RS = 'replicasets.apps';
export const DEPLOYMENTS = 'deployments.apps';
const SOURCE = { component: 'deployment-controller' };

export class DeploymentSync {
  constructor(
    readonly ctx: EngineContext,
    public d: StoredObject,
    readonly spec: DeploymentSpec,
    readonly rsList: StoredObject[],
    private readonly requeue: (afterMs: number) => void,
  ) {}

  private now(): string {
    return this.ctx.clock.nowISO();
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(this.d, type, reason, message, SOURCE);
  }

  /** Write the Deployment's metadata (the revision annotation) when it changed. */
  private writeRevision(revision: string): boolean {
    if (this.d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return false;
    try {
      this.d = this.ctx.api.update({
        ...this.d,
        metadata: {
          ...this.d.metadata,
          annotations: { ...this.d.metadata.annotations, [REVISION_ANNOTATION]: revision },
        },
      });
    } catch {
      // Retried on the next sync.
    }
    return true;
  }

  writeStatus(status: DeploymentStatus): void {
    try {
      this.d = this.ctx.api.updateStatus({ ...this.d, status }, INTERNAL);
    } catch {
      // The Deployment changed meanwhile; its event brings it back.
    }
  }

  /** The new ReplicaSet (template equal to the Deployment's, ignoring the hash label) and the old ones. */
  allReplicaSets(createIfNotExisted: boolean): { newRS?: StoredObject; oldRSs: StoredObject[] } {
    const sorted = this.current(this.rsList).sort(byCreation);
    const existing = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, this.d.spec?.template));
    const oldRSs = sorted.filter((rs) => rs !== existing);
    const newRS = this.newReplicaSet(existing, oldRSs, createIfNotExisted);
    return { newRS, oldRSs };
  }

  private newReplicaSet(
    existing: StoredObject | undefined,
    oldRSs: StoredObject[],
    create: boolean,
  ): StoredObject | undefined {
    const { api } = this.ctx;
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const annotations = { ...existing.metadata.annotations };
      const changed = setNewReplicaSetAnnotations(this.d, annotations, newRevision, true, this.spec);
      if (changed || (existing.spec?.minReadySeconds ?? 0) !== this.spec.minReadySeconds) {
        return this.replace(existing, {
          ...existing,
          metadata: { ...existing.metadata, annotations },
          spec: { ...existing.spec, minReadySeconds: this.spec.minReadySeconds },
        });
      }
      let needsStatus = this.writeRevision(annotations[REVISION_ANNOTATION] ?? String(newRevision));
      let status = this.d.status ?? {};
      if (hasProgressDeadline(this.spec) && !getCondition(status.conditions, 'Progressing')) {
        const cond = condition(
          'Progressing',
          'True',
          Reason.FoundNewRS,
          `Found new replica set "${existing.metadata.name}"`,
          this.now(),
        );
        status = { ...status, conditions: setCondition(status.conditions, cond) };
        needsStatus = true;
      }
      if (needsStatus && status !== this.d.status) this.writeStatus(status);
      return existing;
    }
    if (!create) return undefined;

    const template = cloneJson(this.d.spec?.template ?? {});
    const collisionCount: number | undefined = this.d.status?.collisionCount;
    const hash = computeHash(template, collisionCount);
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash },
    };
    const selector = this.d.spec?.selector ?? {};
    const annotations: Record<string, string> = {};
    const draft: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${this.d.metadata.name}-${hash}`,
        namespace: this.d.metadata.namespace,
        labels: { ...template.metadata.labels },
        annotations,
        ownerReferences: [newControllerRef(this.d)],
      },
      spec: {
        replicas: 0,
        minReadySeconds: this.spec.minReadySeconds,
        selector: { ...selector, matchLabels: { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } },
        template,
      },
    };
    const replicas = this.newRSNewReplicas([...oldRSs, draft as StoredObject], draft as StoredObject);
    draft.spec.replicas = replicas;
    setNewReplicaSetAnnotations(this.d, annotations, newRevision, false, this.spec);

    let created: StoredObject;
    let alreadyExisted = false;
    try {
      created = api.create(draft);
    } catch (err) {
      const e = err as { reason?: string; message: string };
      if (e.reason === 'AlreadyExists') {
        const found = api.store.get(RS, this.d.metadata.namespace, draft.metadata.name!);
        if (
          found &&
          controllerRefOf(found)?.uid === this.d.metadata.uid &&
          equalIgnoreHash(found.spec?.template, this.d.spec?.template)
        ) {
          created = found;
          alreadyExisted = true;
        } else {
          // A hash collision: bump collisionCount so the next sync computes another name.
          this.writeStatus({ ...this.d.status, collisionCount: (collisionCount ?? 0) + 1 });
          this.requeue(5);
          return undefined;
        }
      } else {
        if (e.message.includes('because it is being terminated')) return undefined;
        const msg = `Failed to create new replica set "${draft.metadata.name}": ${e.message}`;
        if (hasProgressDeadline(this.spec)) {
          const cond = condition('Progressing', 'False', Reason.FailedRSCreate, msg, this.now());
          this.writeStatus({ ...this.d.status, conditions: setCondition(this.d.status?.conditions, cond) });
        }
        this.event('Warning', Reason.FailedRSCreate, msg);
        return undefined;
      }
    }
    if (!alreadyExisted && replicas > 0) {
      this.event(
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`,
      );
    }
    let needsStatus = this.writeRevision(String(newRevision));
    let status = this.d.status ?? {};
    if (!alreadyExisted && hasProgressDeadline(this.spec)) {
      const cond = condition(
        'Progressing',
        'True',
        Reason.NewRSCreated,
        `Created new replica set "${created.metadata.name}"`,
        this.now(),
      );
      status = { ...status, conditions: setCondition(status.conditions, cond) };
      needsStatus = true;
    }
    if (needsStatus && status !== this.d.status) this.writeStatus(status);
    return created;
  }

  private replace(rs: StoredObject, next: KObject): StoredObject {
    try {
      return this.ctx.api.update(next, INTERNAL);
    } catch {
      return rs;
    }
  }

  /** NewRSNewReplicas: how far the new ReplicaSet may grow now (all at once for Recreate). */
  newRSNewReplicas(allRSs: StoredObject[], newRS: StoredObject): number {
    if (this.spec.recreate) return this.spec.replicas;
    const maxTotal = this.spec.replicas + maxSurge(this.spec);
    const current = sumSpec(allRSs);
    if (current >= maxTotal) return specReplicas(newRS);
    const up = Math.min(maxTotal - current, this.spec.replicas - specReplicas(newRS));
    return specReplicas(newRS) + up;
  }

  /** Scale and record `Scaled up|down replica set X from A to B`. Returns the ReplicaSet as written. */
  scaleAndRecord(stale: StoredObject, newScale: number): { scaled: boolean; rs: StoredObject } {
    const rs = this.current([stale])[0];
    if (specReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, newScale > specReplicas(rs) ? 'up' : 'down');
  }

  scaleReplicaSet(stale: StoredObject, newScale: number, op: string): { scaled: boolean; rs: StoredObject } {
    const rs = this.current([stale])[0];
    const sizeChanged = specReplicas(rs) !== newScale;
    const annotations = { ...rs.metadata.annotations };
    const annotationsChanged = setReplicasAnnotations(
      annotations,
      this.spec.replicas,
      this.spec.replicas + maxSurge(this.spec),
    );
    if (!sizeChanged && !annotationsChanged) return { scaled: false, rs };
    const oldScale = specReplicas(rs);
    try {
      const written = this.ctx.api.update(
        {
          ...rs,
          metadata: { ...rs.metadata, annotations },
          spec: { ...rs.spec, replicas: newScale },
        },
        INTERNAL,
      );
      if (sizeChanged)
        this.event(
          'Normal',
          'ScalingReplicaSet',
          `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`,
        );
      return { scaled: sizeChanged, rs: written };
    } catch {
      return { scaled: false, rs };
    }
  }

  /** scale(): a replicas change (or paused Deployment) spreads the difference proportionally. */
  scale(newRS: StoredObject | undefined, oldRSs: StoredObject[]): void {
    scaleProportionally(this, newRS, oldRSs);
  }

  /** Keep at most revisionHistoryLimit old ReplicaSets, deleting the oldest revisions that are scaled to 0. */
  cleanup(oldRSs: StoredObject[]): void {
    const limit = this.spec.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if (
        (rs.status?.replicas ?? 0) !== 0 ||
        specReplicas(rs) !== 0 ||
        (rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? 0)
      )
        continue;
      try {
        this.ctx.api.delete(RS, rs.metadata.namespace, rs.metadata.name);
      } catch {
        // Already gone.
      }
    }
  }

  syncDeploymentStatus(allRSs: StoredObject[], newRS: StoredObject | undefined): void {
    const status = calculateStatus(allRSs, newRS, this.d, this.spec, this.now());
    if (!sameStatus(this.d.status, status)) this.writeStatus(status);
  }

  syncRolloutStatus(allRSs: StoredObject[], newRS: StoredObject | undefined): void {
    const { status, requeueAfterMs } = rolloutStatus(
      allRSs,
      newRS,
      this.d,
      this.spec,
      this.now(),
      this.ctx.clock.now(),
    );
    if (!sameStatus(this.d.status, status)) this.writeStatus(status);
    if (requeueAfterMs !== undefined) this.requeue(requeueAfterMs);
  }

  /** Progressing Unknown DeploymentPaused / DeploymentResumed, so a long pause does not count against the deadline. */
  checkPausedConditions(): void {
    if (!hasProgressDeadline(this.spec)) return;
    const cond = getCondition(this.d.status?.conditions, 'Progressing');
    if (cond?.reason === Reason.TimedOut) return;
    const pausedExists = cond?.reason === Reason.Paused;
    let next: ReturnType<typeof condition> | undefined;
    if (this.spec.paused && !pausedExists)
      next = condition('Progressing', 'Unknown', Reason.Paused, 'Deployment is paused', this.now());
    else if (!this.spec.paused && pausedExists)
      next = condition('Progressing', 'Unknown', Reason.Resumed, 'Deployment is resumed', this.now());
    if (next)
      this.writeStatus({ ...this.d.status, conditions: setCondition(this.d.status?.conditions, next) });
  }

  /** A replicas change shows as a desired-replicas annotation that no longer matches. */
  isScalingEvent(): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    for (const rs of activeOnly(newRS ? [...oldRSs, newRS] : oldRSs)) {
      const desired = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
      if (desired !== undefined && Number.parseInt(desired, 10) !== this.spec.replicas) return true;
    }
    return false;
  }

  /** sync(): scaling or paused Deployments only scale, clean up (when paused) and report status. */
  syncScaleOnly(): void {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    this.scale(newRS, oldRSs);
    if (this.spec.paused) this.cleanup(oldRSs);
    this.syncDeploymentStatus(
      this.current(newRS ? [...oldRSs, newRS] : oldRSs),
      newRS && this.current([newRS])[0],
    );
  }

  /** ReplicaSets as stored now (after this sync's writes). */
  current(list: StoredObject[]): StoredObject[] {
    return list.map((rs) => this.ctx.api.store.get(RS, rs.metadata.namespace, rs.metadata.name) ?? rs);
  }
}

function sameStatus(a: unknown, b: DeploymentStatus): boolean {
  return deepEqual(a ?? {}, b);
}
