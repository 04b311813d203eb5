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

/** What ranks a pod regardless of the moment: read once per stored object (objects are never mutated). */
interface PodKeys {
  uid: string;
  nodeName: string;
  phase: number;
  ready: boolean;
  readySince?: number;
  created: number;
  cost: number;
  restarts: number;
}

const keysCache = new WeakMap<StoredObject, PodKeys>();

function keysOf(pod: StoredObject): PodKeys {
  let keys = keysCache.get(pod);
  if (keys) return keys;
  const ready = isPodReady(pod);
  const cost = Number.parseInt(pod.metadata.annotations?.[DELETION_COST_ANNOTATION] ?? '0', 10);
  keys = {
    uid: pod.metadata.uid,
    nodeName: pod.spec?.nodeName ?? '',
    phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready,
    readySince: ready ? podReadySinceMs(pod) : undefined,
    created: parseISO(pod.metadata.creationTimestamp),
    cost: Number.isFinite(cost) ? cost : 0,
    restarts: maxContainerRestarts(pod),
  };
  keysCache.set(pod, keys);
  return keys;
}

function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6; // nanoseconds, as Go's time.Duration
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** The keys of one ranking, by pod index (parallel arrays: a rollout ranks a thousand pods hundreds of times). */
interface Ranking {
  keys: PodKeys[];
  /** Active pods of the same owner on the pod's node. */
  colocated: Int32Array;
  /** log2 buckets of how long the pod has been ready and has existed. */
  readyBucket: Int32Array;
  createdBucket: Int32Array;
}

function compare(r: Ranking, i: number, j: number): number {
  const a = r.keys[i];
  const b = r.keys[j];
  if (a.nodeName !== b.nodeName && (!a.nodeName || !b.nodeName)) return !a.nodeName ? -1 : 1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (r.colocated[i] !== r.colocated[j]) return r.colocated[j] - r.colocated[i];
  if (a.ready && b.ready && a.readySince !== b.readySince) {
    if (a.readySince === undefined || b.readySince === undefined) return a.readySince === undefined ? -1 : 1;
    const diff = r.readyBucket[i] - r.readyBucket[j];
    if (diff !== 0) return diff;
    return byUid(a, b);
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  if (a.created !== b.created) {
    const diff = r.createdBucket[i] - r.createdBucket[j];
    if (diff !== 0) return diff;
    return byUid(a, b);
  }
  return 0;
}

function byUid(a: PodKeys, b: PodKeys): number {
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
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
  const n = pods.length;
  const ranking: Ranking = {
    keys: pods.map(keysOf),
    colocated: new Int32Array(n),
    readyBucket: new Int32Array(n),
    createdBucket: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const k = ranking.keys[i];
    ranking.colocated[i] = onNode.get(k.nodeName) ?? 0;
    ranking.readyBucket[i] = k.readySince !== undefined ? logRank(k.readySince, nowMs) : -1;
    ranking.createdBucket[i] = logRank(k.created, nowMs);
  }
  return firstN(ranking, n, diff).map((i) => pods[i]);
}

/**
 * The indexes of the `take` lowest in rank order. A full stable sort, not a partial selection: the ranking
 * is not a strict total order (ties inside a time bucket fall back to uids, others to later keys), so
 * only the same algorithm picks the same pods.
 */
function firstN(r: Ranking, n: number, take: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return order.sort((i, j) => compare(r, i, j) || i - j).slice(0, take);
}
