/**
 * Which pods a ReplicaSet deletes first when it scales down (controller.ActivePodsWithRanks, 1.32 with
 * PodDeletionCost and LogarithmicScaleDown on): unscheduled < scheduled; Pending < Unknown < Running;
 * not ready < ready; lower pod-deletion-cost first; more pods of the same owner on the node first; ready
 * for less time first; more restarts first; newer first. Times compare in log2 buckets; ties go by uid.
 */
import type { StoredObject } from '../../api/types';
import { parseISO } from '../../sim/clock';
import { isPodActive, isPodReady, maxContainerRestarts, podReadySinceMs } from '../common/pods';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

interface Ranked {
  pod: StoredObject;
  rank: number;
  ready: boolean;
  readySince?: number;
  created: number;
  cost: number;
  restarts: number;
}

function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6; // nanoseconds, as Go's time.Duration
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function compare(a: Ranked, b: Ranked, now: number): number {
  const an = a.pod.spec?.nodeName ?? '';
  const bn = b.pod.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return !an ? -1 : 1;
  const ap = PHASE_ORDINAL[a.pod.status?.phase ?? ''] ?? 0;
  const bp = PHASE_ORDINAL[b.pod.status?.phase ?? ''] ?? 0;
  if (ap !== bp) return ap - bp;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready && a.readySince !== b.readySince) {
    if (a.readySince === undefined || b.readySince === undefined) return a.readySince === undefined ? -1 : 1;
    const diff = logRank(a.readySince, now) - logRank(b.readySince, now);
    if (diff !== 0) return diff;
    return byUid(a, b);
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  if (a.created !== b.created) {
    const diff = logRank(a.created, now) - logRank(b.created, now);
    if (diff !== 0) return diff;
    return byUid(a, b);
  }
  return 0;
}

function byUid(a: Ranked, b: Ranked): number {
  return a.pod.metadata.uid < b.pod.metadata.uid ? -1 : a.pod.metadata.uid > b.pod.metadata.uid ? 1 : 0;
}

/**
 * The `diff` pods to delete out of `pods`, ranked against `related` (the pods of every ReplicaSet with the
 * same owner, so a rollout spreads what remains across nodes).
 */
export function podsToDelete(
  pods: StoredObject[],
  related: StoredObject[],
  diff: number,
  nowMs: number,
): StoredObject[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked: Ranked[] = pods.map((pod) => {
    const ready = isPodReady(pod);
    const cost = Number.parseInt(pod.metadata.annotations?.[DELETION_COST_ANNOTATION] ?? '0', 10);
    return {
      pod,
      rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0,
      ready,
      readySince: ready ? podReadySinceMs(pod) : undefined,
      created: parseISO(pod.metadata.creationTimestamp),
      cost: Number.isFinite(cost) ? cost : 0,
      restarts: maxContainerRestarts(pod),
    };
  });
  ranked.sort((a, b) => compare(a, b, nowMs));
  return ranked.slice(0, diff).map((r) => r.pod);
}
