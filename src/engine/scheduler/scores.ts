/**
 * Score plugins with the default weights (TaintToleration 3, NodeAffinity 2, PodTopologySpread 2,
 * InterPodAffinity 2, NodeResourcesFit 1 (LeastAllocated), BalancedAllocation 1, ImageLocality 1), each
 * normalised to 0..100 as the framework does before weighting.
 */

import { fromLabelSelector, matches, type Selector } from '../api/selectors';
import type { StoredObject } from '../api/types';
import type { CycleState } from './filters';
import {
  nodeMatchesPod,
  type PodAffinityTerm,
  podMatchesTerm,
  preferredNodeAffinityScore,
  type Taint,
  toleratedBy,
} from './match';
import { DEFAULT_MEMORY, DEFAULT_MILLI_CPU, type NodeInfo } from './snapshot';

const MAX = 100;

export interface ScoreContext {
  /** Node names that have each image (for ImageLocality's spread factor). */
  imageNodes(image: string): number;
  nodeHasImage(node: string, image: string): boolean;
  totalNodes: number;
}

function normalizeMax(raw: number[], reverse = false): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map(() => (reverse ? MAX : 0));
  return raw.map((r) => (reverse ? MAX - Math.floor((r * MAX) / max) : Math.floor((r * MAX) / max)));
}

function freeShare(req: number, alloc: number): number {
  return alloc <= 0 || req > alloc ? 0 : ((alloc - req) * MAX) / alloc;
}

function leastAllocated(s: CycleState, n: NodeInfo): number {
  const cpuReq = n.nonZero.cpu + (s.requests.cpu || DEFAULT_MILLI_CPU);
  const memReq = n.nonZero.memory + (s.requests.memory || DEFAULT_MEMORY);
  const part = freeShare;
  return Math.floor((part(cpuReq, n.allocatable.cpu) + part(memReq, n.allocatable.memory)) / 2);
}

function balanced(s: CycleState, n: NodeInfo): number {
  const cpu = Math.min(1, (n.requested.cpu + s.requests.cpu) / (n.allocatable.cpu || 1));
  const mem = Math.min(1, (n.requested.memory + s.requests.memory) / (n.allocatable.memory || 1));
  const mean = (cpu + mem) / 2;
  const std = Math.sqrt(((cpu - mean) ** 2 + (mem - mean) ** 2) / 2);
  return Math.floor((1 - std) * MAX);
}

const MB = 1024 * 1024;

function imageLocality(
  s: CycleState,
  n: NodeInfo,
  sc: ScoreContext,
  images: { name: string; size: number }[],
): number {
  let sum = 0;
  for (const img of images) {
    if (!sc.nodeHasImage(n.node.metadata.name, img.name)) continue;
    sum += img.size * (sc.imageNodes(img.name) / Math.max(1, sc.totalNodes));
  }
  const min = 23 * MB;
  const max = 1000 * MB * Math.max(1, (s.pod.spec?.containers ?? []).length);
  if (sum < min) return 0;
  if (sum > max) return MAX;
  return Math.floor((MAX * (sum - min)) / (max - min));
}

function intolerablePreferNoSchedule(s: CycleState, n: NodeInfo): number {
  let count = 0;
  const taints = n.node.spec?.taints as Taint[] | undefined;
  if (!taints?.length) return count;
  for (const t of taints) {
    if (
      t.effect === 'PreferNoSchedule' &&
      !toleratedBy(
        (s.pod.spec?.tolerations ?? []).filter(
          (x: { effect?: string }) => !x.effect || x.effect === 'PreferNoSchedule',
        ),
        t,
      )
    )
      count++;
  }
  return count;
}

export type SpreadSelector = { ownerUid: string } | Selector;

/** What default spreading counts: pods of the same controller, else of a Service selecting the pod. */
export function defaultSpreadSelector(
  api: { store: { list(r: string, ns?: string): StoredObject[] } },
  pod: StoredObject,
): SpreadSelector | null {
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  const ns = pod.metadata.namespace ?? 'default';
  if (ref && ref.kind !== 'Node' && ref.kind !== 'DaemonSet') return { ownerUid: ref.uid };
  for (const svc of api.store.list('services', ns)) {
    const sel = svc.spec?.selector as Record<string, string> | undefined;
    if (
      sel &&
      Object.keys(sel).length &&
      Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v)
    ) {
      return Object.entries(sel).map(([key, v]) => ({ key, operator: 'Equals' as const, values: [v] }));
    }
  }
  return null;
}

export interface Scored {
  info: NodeInfo;
  total: number;
}

/** Weighted totals for the feasible nodes. */
export function scoreNodes(
  s: CycleState,
  feasible: NodeInfo[],
  sc: ScoreContext,
  spreadSelector: SpreadSelector | null,
  images: { name: string; size: number }[],
): Scored[] {
  const pod = s.pod;
  const ns = pod.metadata.namespace ?? 'default';
  const taint = normalizeMax(
    feasible.map((n) => intolerablePreferNoSchedule(s, n)),
    true,
  );
  const nodeAff = normalizeMax(feasible.map((n) => preferredNodeAffinityScore(pod, n.node)));
  // Pod topology spread: explicit soft constraints, else the system default (hostname maxSkew 3, zone 5).
  const soft = (
    (pod.spec?.topologySpreadConstraints ?? []) as {
      topologyKey: string;
      whenUnsatisfiable?: string;
      labelSelector?: unknown;
    }[]
  ).filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
  const constraints: { key: string; selector: SpreadSelector | null }[] = soft.length
    ? soft.map((c) => ({ key: c.topologyKey, selector: fromLabelSelector(c.labelSelector as never) }))
    : (pod.spec?.topologySpreadConstraints ?? []).length === 0 && spreadSelector
      ? [
          { key: 'kubernetes.io/hostname', selector: spreadSelector },
          { key: 'topology.kubernetes.io/zone', selector: spreadSelector },
        ]
      : [];
  const matching = (x: NodeInfo, sel: SpreadSelector | null): number => {
    if (sel && 'ownerUid' in sel) return x.owners.get(sel.ownerUid) ?? 0;
    let count = 0;
    for (const p of x.pods.values())
      if ((p.metadata.namespace ?? 'default') === ns && sel && matches(sel, p.metadata.labels)) count++;
    return count;
  };
  // Per topology domain (zone...), the matching pods on the nodes that fit the pod: counted once per
  // cycle, not once per feasible node.
  const domainCounts = constraints.map((c) => {
    if (c.key === 'kubernetes.io/hostname') return undefined;
    const counts = new Map<string, number>();
    for (const x of s.snapshot.nodes.values()) {
      const v = x.node.metadata.labels?.[c.key];
      if (v === undefined || !nodeMatchesPod(pod, x.node)) continue;
      counts.set(v, (counts.get(v) ?? 0) + matching(x, c.selector));
    }
    return counts;
  });
  const spreadRaw = feasible.map((n) => {
    let sum = 0;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      const v = n.node.metadata.labels?.[c.key];
      if (v === undefined) continue;
      const count = domainCounts[i] ? (domainCounts[i]!.get(v) ?? 0) : matching(n, c.selector);
      sum += count * Math.log(feasible.length + 2);
    }
    return sum;
  });
  const spreadMax = Math.max(0, ...spreadRaw);
  const spreadMin = Math.min(...spreadRaw);
  const spread = spreadRaw.map((r) =>
    spreadMax === 0 ? MAX : Math.floor((MAX * (spreadMax + spreadMin - r)) / spreadMax),
  );
  // Inter-pod affinity: preferred terms of the incoming pod (none: every node scores 0).
  const aff = pod.spec?.affinity ?? {};
  const preferredTerms = [
    [aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], 1],
    [aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], -1],
  ] as [{ weight: number; podAffinityTerm: PodAffinityTerm }[], number][];
  const anyPreferred = preferredTerms[0][0].length > 0 || preferredTerms[1][0].length > 0;
  const interRaw = feasible.map((n) => {
    let score = 0;
    if (!anyPreferred) return score;
    for (const [list, sign] of preferredTerms) {
      for (const w of list) {
        const v = n.node.metadata.labels?.[w.podAffinityTerm.topologyKey];
        if (v === undefined) continue;
        const domain =
          w.podAffinityTerm.topologyKey === 'kubernetes.io/hostname'
            ? [n]
            : [...s.snapshot.nodes.values()].filter(
                (x) => x.node.metadata.labels?.[w.podAffinityTerm.topologyKey] === v,
              );
        for (const x of domain)
          for (const p of x.pods.values())
            if (podMatchesTerm(w.podAffinityTerm, ns, p)) score += sign * w.weight;
      }
    }
    return score;
  });
  const iMax = Math.max(...interRaw);
  const iMin = Math.min(...interRaw);
  const inter = interRaw.map((r) => (iMax === iMin ? 0 : Math.floor((MAX * (r - iMin)) / (iMax - iMin))));
  return feasible.map((n, i) => ({
    info: n,
    total:
      3 * taint[i] +
      2 * nodeAff[i] +
      2 * spread[i] +
      2 * inter[i] +
      leastAllocated(s, n) +
      balanced(s, n) +
      imageLocality(s, n, sc, images),
  }));
}
