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
  type Toleration,
  toleratedBy,
} from './match';
import {
  controllerRef,
  DEFAULT_MEMORY,
  DEFAULT_MILLI_CPU,
  HOSTNAME_LABEL,
  type NodeInfo,
  ZONE_LABEL,
} from './snapshot';

const MAX = 100;

export interface ScoreContext {
  /** Names of the nodes that have an image (ImageLocality: presence and spread factor). */
  imageHolders(image: string): ReadonlySet<string>;
  totalNodes: number;
}

/** An image of the pod, with who holds it and its spread-scaled size, resolved once per pod. */
interface PodImage {
  holders: ReadonlySet<string>;
  /** size * (nodes holding it / total nodes): what a node holding it adds to the sum. */
  scaled: number;
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

/** `max` is 1000 MB per container of the pod (at least one). */
function imageLocality(n: NodeInfo, images: readonly PodImage[], max: number): number {
  let sum = 0;
  const name = n.node.metadata.name;
  for (let i = 0; i < images.length; i++) if (images[i].holders.has(name)) sum += images[i].scaled;
  const min = 23 * MB;
  if (sum < min) return 0;
  if (sum > max) return MAX;
  return Math.floor((MAX * (sum - min)) / (max - min));
}

/** Untolerated PreferNoSchedule taints; `tolerations` are the pod's with no effect or PreferNoSchedule. */
function intolerablePreferNoSchedule(tolerations: Toleration[], taints: Taint[]): number {
  let count = 0;
  for (const t of taints) if (t.effect === 'PreferNoSchedule' && !toleratedBy(tolerations, t)) count++;
  return count;
}

export type SpreadSelector = { ownerUid: string } | Selector;

/** What default spreading counts: pods of the same controller, else of a Service selecting the pod. */
export function defaultSpreadSelector(
  api: { store: { list(r: string, ns?: string): StoredObject[] } },
  pod: StoredObject,
): SpreadSelector | null {
  const ref = controllerRef(pod);
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

/** Matching pods on a node for default/soft spreading. */
function matching(x: NodeInfo, sel: SpreadSelector | null, ns: string): number {
  if (sel && 'ownerUid' in sel) return x.owners.get(sel.ownerUid) ?? 0;
  let count = 0;
  for (const p of x.pods.values())
    if ((p.metadata.namespace ?? 'default') === ns && sel && matches(sel, p.metadata.labels)) count++;
  return count;
}

/** Matching pods per value of `key`, over the nodes (all of them) that satisfy the pod's node affinity. */
function countByDomain(
  s: CycleState,
  key: string,
  sel: SpreadSelector | null,
  ns: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const x of s.snapshot.nodes.values()) {
    const v = x.node.metadata.labels?.[key];
    if (v === undefined || !nodeMatchesPod(s.pod, x.node)) continue;
    counts.set(v, (counts.get(v) ?? 0) + matching(x, sel, ns));
  }
  return counts;
}

interface SoftConstraint {
  key: string;
  selector: SpreadSelector | null;
}

const NO_CONSTRAINTS: readonly SoftConstraint[] = [];

/**
 * Per-node scratch for one scoreNodes call. The scheduler scores one pod at a time and nothing here
 * re-enters scoreNodes, so these are reused instead of allocating arrays per pod.
 */
const taintRaw: number[] = [];
const spreadRaw: number[] = [];

/**
 * Weighted totals for the feasible nodes, written to `totals[0..feasible.length)`. Plugins the pod does
 * not use (no preferred node or pod affinity, no PreferNoSchedule taint on any node, no images) are not
 * run per node: their normalised scores are the constants the full computation yields (0, or 100 for
 * TaintToleration), so the totals are the same.
 */
export function scoreNodes(
  s: CycleState,
  feasible: readonly NodeInfo[],
  sc: ScoreContext,
  spreadSelector: SpreadSelector | null,
  images: readonly { name: string; size: number }[],
  totals: number[],
): void {
  const pod = s.pod;
  const spec = pod.spec;
  const ns = pod.metadata.namespace ?? 'default';
  const len = feasible.length;

  // TaintToleration: fewest untolerated PreferNoSchedule taints is best (reverse-normalised).
  let preferTolerations: Toleration[] | undefined;
  let taintMax = 0;
  for (let i = 0; i < len; i++) {
    const taints = feasible[i].node.spec?.taints as Taint[] | undefined;
    let count = 0;
    if (taints?.length) {
      preferTolerations ??= (spec?.tolerations ?? []).filter(
        (x: { effect?: string }) => !x.effect || x.effect === 'PreferNoSchedule',
      );
      count = intolerablePreferNoSchedule(preferTolerations!, taints);
    }
    taintRaw[i] = count;
    if (count > taintMax) taintMax = count;
  }

  // NodeAffinity: preferred terms (none: every raw score is 0, normalised to 0).
  const nodeAff = spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length
    ? normalizeMax(feasible.map((n) => preferredNodeAffinityScore(pod, n.node)))
    : undefined;

  // Pod topology spread: explicit soft constraints, else the system default (hostname maxSkew 3, zone 5).
  const declared = (spec?.topologySpreadConstraints ?? []) as {
    topologyKey: string;
    whenUnsatisfiable?: string;
    labelSelector?: unknown;
  }[];
  let constraints = NO_CONSTRAINTS;
  if (declared.length) {
    const soft = declared.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
    if (soft.length)
      constraints = soft.map((c) => ({
        key: c.topologyKey,
        selector: fromLabelSelector(c.labelSelector as never),
      }));
  } else if (spreadSelector) {
    constraints = [
      { key: HOSTNAME_LABEL, selector: spreadSelector },
      { key: ZONE_LABEL, selector: spreadSelector },
    ];
  }
  // Per topology domain (zone...), the matching pods on the nodes that fit the pod: counted once per
  // cycle, not once per feasible node, and only once a feasible node has the key (without the label a
  // node scores 0 for that constraint, so clusters without zones never count them).
  let domainCounts: (Map<string, number> | undefined)[] | undefined;
  const logNodes = Math.log(len + 2);
  let spreadMax = 0;
  let spreadMin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < len; i++) {
    const n = feasible[i];
    let sum = 0;
    for (let ci = 0; ci < constraints.length; ci++) {
      const c = constraints[ci];
      const v =
        c.key === HOSTNAME_LABEL
          ? n.hostname
          : c.key === ZONE_LABEL
            ? n.zone
            : n.node.metadata.labels?.[c.key];
      if (v === undefined) continue;
      const sel = c.selector;
      let count: number;
      if (c.key !== HOSTNAME_LABEL) {
        domainCounts ??= [];
        let counts = domainCounts[ci];
        if (!counts) {
          counts = countByDomain(s, c.key, sel, ns);
          domainCounts[ci] = counts;
        }
        count = counts.get(v) ?? 0;
      } else if (sel && 'ownerUid' in sel) count = n.owners.get(sel.ownerUid) ?? 0;
      else count = matching(n, sel, ns);
      sum += count * logNodes;
    }
    spreadRaw[i] = sum;
    if (sum > spreadMax) spreadMax = sum;
    if (sum < spreadMin) spreadMin = sum;
  }

  // Inter-pod affinity: preferred terms of the incoming pod (none: every node scores 0).
  const inter = interPodAffinityScores(s, feasible, ns);

  const podImages = imageInfo(images, sc);
  const maxImages = 1000 * MB * Math.max(1, (spec?.containers ?? []).length);
  for (let i = 0; i < len; i++) {
    const n = feasible[i];
    const taint = taintMax === 0 ? MAX : MAX - Math.floor((taintRaw[i] * MAX) / taintMax);
    const r = spreadRaw[i];
    const spread = spreadMax === 0 ? MAX : Math.floor((MAX * (spreadMax + spreadMin - r)) / spreadMax);
    totals[i] =
      3 * taint +
      2 * (nodeAff ? nodeAff[i] : 0) +
      2 * spread +
      2 * (inter ? inter[i] : 0) +
      leastAllocated(s, n) +
      balanced(s, n) +
      (podImages ? imageLocality(n, podImages, maxImages) : 0);
  }
}

/** Reused per call (see taintRaw). */
const podImageScratch: PodImage[] = [];

/** The pod's images with their holders, or undefined when no node holds any (ImageLocality 0 everywhere). */
function imageInfo(
  images: readonly { name: string; size: number }[],
  sc: ScoreContext,
): readonly PodImage[] | undefined {
  let any = false;
  podImageScratch.length = images.length;
  for (let i = 0; i < images.length; i++) {
    const holders = sc.imageHolders(images[i].name);
    if (holders.size) any = true;
    // The same expression, evaluated once per pod, as each node holding the image used to compute.
    const scaled = images[i].size * (holders.size / Math.max(1, sc.totalNodes));
    const slot = podImageScratch[i];
    if (slot) {
      slot.holders = holders;
      slot.scaled = scaled;
    } else podImageScratch[i] = { holders, scaled };
  }
  return any ? podImageScratch : undefined;
}

/** InterPodAffinity's normalised scores, or undefined when the pod has no preferred terms (all 0). */
function interPodAffinityScores(
  s: CycleState,
  feasible: readonly NodeInfo[],
  ns: string,
): number[] | undefined {
  const aff = s.pod.spec?.affinity;
  const affinity = aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const anti = aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (affinity.length === 0 && anti.length === 0) return undefined;
  const preferredTerms = [
    [affinity, 1],
    [anti, -1],
  ] as [{ weight: number; podAffinityTerm: PodAffinityTerm }[], number][];
  const interRaw = feasible.map((n) => {
    let score = 0;
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
  return interRaw.map((r) => (iMax === iMin ? 0 : Math.floor((MAX * (r - iMin)) / (iMax - iMin))));
}
