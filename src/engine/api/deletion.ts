/**
 * What a DELETE does to an object, decided without touching the store: remove it now, or mark it
 * terminating (deletionTimestamp, grace period, the garbage collector's finalizers), or nothing when it is
 * already terminating and the request changes nothing. The API server carries the plan out.
 */
import type { ResourceType } from './kinds';
import { type DeleteOptions, FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './requests';
import type { StoredObject } from './types';

export type DeletionPlan =
  | { action: 'remove' }
  | { action: 'put'; object: StoredObject }
  | { action: 'none' };

export interface DeletionRequest {
  resource: string;
  rt: ResourceType;
  current: StoredObject;
  opts: DeleteOptions;
  hasDependents: boolean;
  nowISO: string;
}

export function planDeletion({
  resource,
  rt,
  current,
  opts,
  hasDependents,
  nowISO,
}: DeletionRequest): DeletionPlan {
  const meta = current.metadata;
  const finalizers = [...(meta.finalizers ?? [])];
  const policy = opts.propagationPolicy;
  if (policy === 'Foreground' && hasDependents && !finalizers.includes(FOREGROUND_FINALIZER)) {
    finalizers.push(FOREGROUND_FINALIZER);
  }
  if (policy === 'Orphan' && hasDependents && !finalizers.includes(ORPHAN_FINALIZER)) {
    finalizers.push(ORPHAN_FINALIZER);
  }

  const graceSeconds = gracePeriodFor(rt, current, opts.gracePeriodSeconds);
  if (meta.deletionTimestamp) {
    // A finalized namespace (nothing left in spec.finalizers) goes on the next delete, as the registry does.
    if (
      resource === 'namespaces' &&
      finalizers.length === 0 &&
      (current.spec?.finalizers ?? []).length === 0
    ) {
      return { action: 'remove' };
    }
    // Already terminating: a shorter grace period may bring the end forward, nothing else changes.
    if (
      graceSeconds !== undefined &&
      graceSeconds < (meta.deletionGracePeriodSeconds ?? Number.POSITIVE_INFINITY)
    ) {
      if (graceSeconds === 0 && finalizers.length === 0) return { action: 'remove' };
      return {
        action: 'put',
        object: { ...current, metadata: { ...meta, deletionGracePeriodSeconds: graceSeconds } },
      };
    }
    return { action: 'none' };
  }
  if (finalizers.length === 0 && !graceSeconds && resource !== 'namespaces') return { action: 'remove' };

  const terminating: StoredObject = {
    ...current,
    metadata: {
      ...meta,
      deletionTimestamp: nowISO,
      deletionGracePeriodSeconds: graceSeconds ?? 0,
      ...(finalizers.length ? { finalizers } : {}),
    },
  };
  if (rt.strategy.generation) terminating.metadata.generation = (meta.generation ?? 1) + 1;
  if (resource === 'namespaces') terminating.status = { ...current.status, phase: 'Terminating' };
  return { action: 'put', object: terminating };
}

/**
 * Seconds of graceful termination. Pods bound to a node get their terminationGracePeriodSeconds (or the
 * request's) so the kubelet can stop them; everything else goes at once unless it has finalizers.
 */
function gracePeriodFor(rt: ResourceType, obj: StoredObject, requested?: number): number | undefined {
  if (rt.plural !== 'pods' || rt.group !== '') return requested === undefined ? undefined : 0;
  const phase = obj.status?.phase;
  if (!obj.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  return requested ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
}
