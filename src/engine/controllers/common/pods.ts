/**
 * Pod facts every workload controller reads, from the standard status fields the kubelet writes:
 * phase, the Ready condition and container restart counts (k8s.io/kubernetes/pkg/api/v1/pod).
 */
import type { KObject, StoredObject } from '../../api/types';
import { parseISO } from '../../sim/clock';

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

export function podReadyCondition(pod: KObject): PodCondition | undefined {
  const conds = pod.status?.conditions as PodCondition[] | undefined;
  if (!conds) return undefined;
  for (const c of conds) if (c.type === 'Ready') return c;
  return undefined;
}

export function isPodReady(pod: KObject): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** Virtual ms at which the pod last became Ready, or undefined. */
export function podReadySinceMs(pod: KObject): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return parseISO(c.lastTransitionTime);
}

/**
 * Available = Ready for at least minReadySeconds. Upstream compares `lastTransitionTime + minReady` strictly
 * before now, with the second-precision timestamp the kubelet wrote.
 */
export function isPodAvailable(pod: KObject, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = podReadySinceMs(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** When a Ready-but-not-yet-available pod becomes available (virtual ms), for requeueing. */
export function podAvailableAtMs(pod: KObject, minReadySeconds: number): number | undefined {
  const since = podReadySinceMs(pod);
  return since === undefined ? undefined : since + minReadySeconds * 1000 + 1;
}

/** Active = neither finished nor being deleted (controller.IsPodActive). */
export function isPodActive(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminating(pod: KObject): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

export function maxContainerRestarts(pod: KObject): number {
  let max = 0;
  for (const s of (pod.status?.containerStatuses ?? []) as { restartCount?: number }[]) {
    if ((s.restartCount ?? 0) > max) max = s.restartCount ?? 0;
  }
  return max;
}

export function podPhase(pod: KObject): string {
  return pod.status?.phase ?? 'Pending';
}

export function creationMs(obj: StoredObject): number {
  return parseISO(obj.metadata.creationTimestamp);
}
