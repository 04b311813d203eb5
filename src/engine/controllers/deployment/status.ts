/**
 * Deployment status and the Progressing / Available conditions (pkg/controller/deployment/progress.go and
 * sync.go calculateStatus), with the real reasons and messages.
 */
import type { StoredObject } from '../../api/types';
import { parseISO } from '../../sim/clock';
import { type Condition, getCondition, removeCondition, setCondition } from '../common/conditions';
import { type DeploymentSpec, hasProgressDeadline, maxUnavailable, sumSpec, sumStatus } from './util';

export const Reason = {
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewRSCreated: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  FailedRSCreate: 'ReplicaSetCreateError',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export function condition(
  type: string,
  status: Condition['status'],
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

function omitZero(status: Record<string, unknown>): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status))
    if (v !== 0 && v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out as DeploymentStatus;
}

export function calculateStatus(
  allRSs: StoredObject[],
  newRS: StoredObject | undefined,
  d: StoredObject,
  spec: DeploymentSpec,
  now: string,
): DeploymentStatus {
  const available = sumStatus(allRSs, 'availableReplicas');
  const total = sumSpec(allRSs);
  const old = (d.status ?? {}) as DeploymentStatus;
  let conditions = old.conditions;
  if (available >= spec.replicas - maxUnavailable(spec)) {
    conditions = setCondition(
      conditions,
      condition(
        'Available',
        'True',
        Reason.MinimumReplicasAvailable,
        'Deployment has minimum availability.',
        now,
      ),
    );
  } else {
    conditions = setCondition(
      conditions,
      condition(
        'Available',
        'False',
        Reason.MinimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  }
  return omitZero({
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions,
    collisionCount: old.collisionCount,
  });
}

/** DeploymentComplete: every desired replica updated and available, and the spec observed. */
export function deploymentComplete(d: StoredObject, spec: DeploymentSpec, status: DeploymentStatus): boolean {
  return (
    (status.updatedReplicas ?? 0) === spec.replicas &&
    (status.replicas ?? 0) === spec.replicas &&
    (status.availableReplicas ?? 0) === spec.replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

function deploymentProgressing(old: DeploymentStatus, next: DeploymentStatus): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0) ||
    oldOld > newOld
  );
}

function timedOut(spec: DeploymentSpec, status: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(spec)) return false;
  const cond = getCondition(status.conditions, 'Progressing');
  if (!cond) return false;
  if (cond.reason === Reason.TimedOut) return true;
  if (cond.reason === Reason.NewRSAvailable) return false;
  const from = parseISO(cond.lastUpdateTime ?? cond.lastTransitionTime ?? '');
  return from + spec.progressDeadlineSeconds! * 1000 < nowMs;
}

/**
 * syncRolloutStatus: the new status with the Progressing condition advanced, plus when to look again if the
 * rollout could still time out (requeueStuckDeployment), in ms.
 */
export function rolloutStatus(
  allRSs: StoredObject[],
  newRS: StoredObject | undefined,
  d: StoredObject,
  spec: DeploymentSpec,
  nowISO: string,
  nowMs: number,
): { status: DeploymentStatus; requeueAfterMs?: number } {
  const old = (d.status ?? {}) as DeploymentStatus;
  let status = calculateStatus(allRSs, newRS, d, spec, nowISO);
  if (!hasProgressDeadline(spec))
    status = { ...status, conditions: removeCondition(status.conditions, 'Progressing') };
  const current = getCondition(old.conditions, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === Reason.NewRSAvailable;
  if (hasProgressDeadline(spec) && !complete) {
    if (deploymentComplete(d, spec, status)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`
        : 'Deployment has successfully progressed.';
      status.conditions = setCondition(
        status.conditions,
        condition('Progressing', 'True', Reason.NewRSAvailable, msg, nowISO),
      );
    } else if (deploymentProgressing(old, status)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" is progressing.`
        : 'Deployment is progressing.';
      // Progress refreshes lastUpdateTime even with the same reason; lastTransitionTime stays while True.
      let cond = condition('Progressing', 'True', Reason.ReplicaSetUpdated, msg, nowISO);
      if (current?.status === 'True') cond = { ...cond, lastTransitionTime: current.lastTransitionTime };
      status.conditions = [...removeCondition(status.conditions, 'Progressing'), cond];
    } else if (timedOut(spec, status, nowMs)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`
        : 'Deployment has timed out progressing.';
      status.conditions = setCondition(
        status.conditions,
        condition('Progressing', 'False', Reason.TimedOut, msg, nowISO),
      );
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  status.conditions = failure
    ? setCondition(status.conditions, failure)
    : removeCondition(status.conditions, 'ReplicaFailure');
  if (!status.conditions?.length) delete status.conditions;
  return { status, requeueAfterMs: stuckRequeue(spec, status, d, nowMs) };
}

/** The first ReplicaFailure condition of the new ReplicaSet, else of the others (getReplicaFailures). */
function replicaFailure(allRSs: StoredObject[], newRS: StoredObject | undefined): Condition | undefined {
  const ordered = newRS ? [newRS, ...allRSs.filter((rs) => rs !== newRS)] : allRSs;
  for (const rs of ordered) {
    const c = getCondition(rs.status?.conditions as Condition[] | undefined, 'ReplicaFailure');
    if (c)
      return {
        type: 'ReplicaFailure',
        status: c.status,
        lastUpdateTime: c.lastTransitionTime,
        lastTransitionTime: c.lastTransitionTime,
        reason: c.reason,
        message: c.message,
      };
  }
  return undefined;
}

function stuckRequeue(
  spec: DeploymentSpec,
  status: DeploymentStatus,
  d: StoredObject,
  nowMs: number,
): number | undefined {
  const cond = getCondition(status.conditions, 'Progressing');
  if (
    !hasProgressDeadline(spec) ||
    !cond ||
    deploymentComplete(d, spec, status) ||
    cond.reason === Reason.TimedOut
  )
    return undefined;
  if (cond.reason === Reason.NewRSAvailable) return undefined;
  const after = parseISO(cond.lastUpdateTime ?? '') + spec.progressDeadlineSeconds! * 1000 - nowMs;
  // Upstream looks again a second after the deadline; a deadline closer than that is checked just after it.
  return after < 1000 ? Math.max(1, after + 1) : after + 1000;
}
