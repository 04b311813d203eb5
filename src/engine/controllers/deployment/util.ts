/**
 * Deployment helpers from pkg/controller/deployment/util: the spec with API defaults, surge and
 * unavailability fenceposts, revision and replica annotations, and ReplicaSet list arithmetic.
 */
import type { StoredObject } from '../../api/types';
import { deepEqual } from '../../util/objects';
import { scaledValue } from '../common/intstr';
import { creationMs } from '../common/pods';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;
const MAX_INT32 = 2147483647;

/** Annotations a ReplicaSet never copies from its Deployment. */
const SKIP_COPY = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

export interface DeploymentSpec {
  replicas: number;
  recreate: boolean;
  maxSurge: number | string;
  maxUnavailable: number | string;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  minReadySeconds: number;
  paused: boolean;
}

/** The spec with the API server's defaults (SetDefaults_Deployment), for objects written without them. */
export function specOf(d: StoredObject): DeploymentSpec {
  const s = d.spec ?? {};
  const recreate = s.strategy?.type === 'Recreate';
  return {
    replicas: s.replicas ?? 1,
    recreate,
    maxSurge: s.strategy?.rollingUpdate?.maxSurge ?? '25%',
    maxUnavailable: s.strategy?.rollingUpdate?.maxUnavailable ?? '25%',
    revisionHistoryLimit: s.revisionHistoryLimit === null ? undefined : (s.revisionHistoryLimit ?? 10),
    progressDeadlineSeconds:
      s.progressDeadlineSeconds === null ? undefined : (s.progressDeadlineSeconds ?? 600),
    minReadySeconds: s.minReadySeconds ?? 0,
    paused: s.paused === true,
  };
}

export function hasProgressDeadline(spec: DeploymentSpec): boolean {
  return spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds !== MAX_INT32;
}

/** ResolveFenceposts: surge rounds up, unavailability down; both zero would deadlock, so unavailable = 1. */
export function resolveFenceposts(spec: DeploymentSpec): { surge: number; unavailable: number } {
  const surge = scaledValue(spec.maxSurge, spec.replicas, true, '25%');
  let unavailable = scaledValue(spec.maxUnavailable, spec.replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(spec: DeploymentSpec): number {
  return spec.recreate ? 0 : resolveFenceposts(spec).surge;
}

export function maxUnavailable(spec: DeploymentSpec): number {
  if (spec.recreate || spec.replicas === 0) return 0;
  return Math.min(resolveFenceposts(spec).unavailable, spec.replicas);
}

export const specReplicas = (rs: StoredObject): number => rs.spec?.replicas ?? 1;
export const sumSpec = (list: StoredObject[]): number => list.reduce((n, rs) => n + specReplicas(rs), 0);
export const sumStatus = (list: StoredObject[], field: string): number =>
  list.reduce((n, rs) => n + (rs.status?.[field] ?? 0), 0);
export const activeOnly = (list: StoredObject[]): StoredObject[] => list.filter((rs) => specReplicas(rs) > 0);

export function revisionOf(obj: StoredObject): number {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

export function maxRevision(list: StoredObject[]): number {
  return list.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

export function byCreation(a: StoredObject, b: StoredObject): number {
  const d = creationMs(a) - creationMs(b);
  return d !== 0 ? d : a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Larger first; among equals the newer (scaling up) or the older (scaling down) first. */
export function bySizeThen(newerFirst: boolean): (a: StoredObject, b: StoredObject) => number {
  return (a, b) => {
    const d = specReplicas(b) - specReplicas(a);
    if (d !== 0) return d;
    return newerFirst ? byCreation(b, a) : byCreation(a, b);
  };
}

export function withoutHash(template: unknown): unknown {
  const t = template as { metadata?: { labels?: Record<string, string> } } | undefined;
  if (!t?.metadata?.labels || !(POD_TEMPLATE_HASH_LABEL in t.metadata.labels)) return t;
  const { [POD_TEMPLATE_HASH_LABEL]: _, ...labels } = t.metadata.labels;
  return { ...t, metadata: { ...t.metadata, labels: Object.keys(labels).length ? labels : undefined } };
}

/** EqualIgnoreHash: the same pod template apart from the pod-template-hash label. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return deepEqual(withoutHash(a), withoutHash(b));
  // Templates are stored parts, never mutated, and a ReplicaSet's and its Deployment's keep their identity
  // across status writes: every sync compares the same two objects again.
  const hit = templateMatches.get(a);
  if (hit && hit.other === b) return hit.equal;
  const equal = deepEqual(withoutHash(a), withoutHash(b));
  templateMatches.set(a, { other: b, equal });
  return equal;
}

const templateMatches = new WeakMap<object, { other: object; equal: boolean }>();

/** Copy the Deployment's annotations the ReplicaSet should carry (change-cause among them). */
export function copyDeploymentAnnotations(d: StoredObject, annotations: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

export function setReplicasAnnotations(
  annotations: Record<string, string>,
  desired: number,
  max: number,
): boolean {
  let changed = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to `newRevision` when
 * it is higher (remembering the old one in revision-history: a rollback re-uses an old ReplicaSet), and on
 * creation add the replica annotations.
 */
export function setNewReplicaSetAnnotations(
  d: StoredObject,
  annotations: Record<string, string>,
  newRevision: number,
  exists: boolean,
  spec: DeploymentSpec,
): boolean {
  let changed = copyDeploymentAnnotations(d, annotations);
  const oldRevision = annotations[REVISION_ANNOTATION];
  const hadRevision = oldRevision !== undefined;
  let oldRevisionInt = 0;
  if (hadRevision) {
    oldRevisionInt = Number.parseInt(oldRevision, 10);
    if (!Number.isFinite(oldRevisionInt)) return oldRevision === '' ? changed : false;
  }
  if (oldRevisionInt < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (hadRevision) {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      if (!history) annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
      else {
        const parts = history.split(',');
        let total = history.length + oldRevision.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < parts.length)
          total -= parts[start++].length + 1;
        if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS)
          annotations[REVISION_HISTORY_ANNOTATION] = [...parts.slice(start), oldRevision].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(annotations, spec.replicas, spec.replicas + maxSurge(spec)))
    changed = true;
  return changed;
}

/** IsSaturated: the new ReplicaSet runs every desired replica and all are available. */
export function isSaturated(spec: DeploymentSpec, rs: StoredObject | undefined): boolean {
  if (!rs) return false;
  const desired = Number.parseInt(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] ?? '', 10);
  return (
    specReplicas(rs) === spec.replicas &&
    desired === spec.replicas &&
    (rs.status?.availableReplicas ?? 0) === spec.replicas
  );
}
