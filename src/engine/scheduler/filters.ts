/**
 * Filter plugins in the default profile's order. Each returns undefined when the node fits, or the
 * reason text FailedScheduling counts ("Insufficient cpu") and whether preemption could help.
 */
import type { StoredObject } from '../api/types';
import {
  nodeMatchesPod,
  type PodAffinityTerm,
  podMatchesTerm,
  type Taint,
  taintText,
  toleratedBy,
} from './match';
import type { Resources } from './resources';
import type { NodeInfo, Snapshot } from './snapshot';

export interface FilterFailure {
  reasons: string[];
  /** UnschedulableAndUnresolvable: removing pods from the node would not help. */
  unresolvable: boolean;
}

export interface CycleState {
  pod: StoredObject;
  requests: Resources;
  ports: string[];
  snapshot: Snapshot;
  /** Topology spread: per constraint, matching pod counts per topology value. */
  spread?: { key: string; maxSkew: number; counts: Map<string, number>; hard: boolean; min: number }[];
}

const fail = (reason: string, unresolvable: boolean): FilterFailure => ({ reasons: [reason], unresolvable });

function nodeUnschedulable(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  if (!n.node.spec?.unschedulable) return undefined;
  const taint: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  return toleratedBy(s.pod.spec?.tolerations, taint) ? undefined : fail('node(s) were unschedulable', true);
}

function nodeName(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  const want = s.pod.spec?.nodeName;
  return want && want !== n.node.metadata.name
    ? fail("node(s) didn't match the requested node name", true)
    : undefined;
}

function taintToleration(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  for (const t of (n.node.spec?.taints ?? []) as Taint[]) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!toleratedBy(s.pod.spec?.tolerations, t))
      return fail(`node(s) had untolerated taint ${taintText(t)}`, true);
  }
  return undefined;
}

function nodeAffinity(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  return nodeMatchesPod(s.pod, n.node)
    ? undefined
    : fail("node(s) didn't match Pod's node affinity/selector", true);
}

function nodePorts(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  for (const p of s.ports) {
    const [proto, , port] = p.split('/');
    for (const used of n.ports) {
      const [uproto, , uport] = used.split('/');
      if (uproto === proto && uport === port)
        return fail("node(s) didn't have free ports for the requested pod ports", false);
    }
  }
  return undefined;
}

const NO_REASONS = Object.freeze([]) as unknown as string[];

/** NodeResourcesFit: every insufficient resource is its own reason. */
export function resourcesFit(requests: Resources, n: NodeInfo, extraPods = 1): string[] {
  // Runs for every node for every pod: no list is made unless something does not fit.
  let reasons: string[] | undefined;
  if (n.pods.size + extraPods > n.allocatable.pods) reasons = ['Too many pods'];
  for (const res in requests) {
    const want = requests[res];
    if (!want) continue;
    const alloc = n.allocatable[res] ?? 0;
    if (want > alloc - (n.requested[res] ?? 0)) {
      reasons ??= [];
      reasons.push(`Insufficient ${res}`);
    }
  }
  return reasons ?? NO_REASONS;
}

function nodeResourcesFit(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  const reasons = resourcesFit(s.requests, n);
  return reasons.length ? { reasons, unresolvable: false } : undefined;
}

function topologySpread(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  for (const c of s.spread ?? []) {
    if (!c.hard) continue;
    const value = n.node.metadata.labels?.[c.key];
    if (value === undefined)
      return fail("node(s) didn't match pod topology spread constraints (missing required label)", true);
    const count = (c.counts.get(value) ?? 0) + 1;
    if (count - c.min > c.maxSkew) return fail("node(s) didn't match pod topology spread constraints", false);
  }
  return undefined;
}

/** Pods in the topology domain of `n` for `key`. */
function domainPods(s: CycleState, n: NodeInfo, key: string): StoredObject[] {
  const value = n.node.metadata.labels?.[key];
  if (value === undefined) return [];
  if (key === 'kubernetes.io/hostname') return [...n.pods.values()];
  const out: StoredObject[] = [];
  for (const other of s.snapshot.nodes.values())
    if (other.node.metadata.labels?.[key] === value) out.push(...other.pods.values());
  return out;
}

function interPodAffinity(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  const pod = s.pod;
  const ns = pod.metadata.namespace ?? 'default';
  const affinity = (pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ??
    []) as PodAffinityTerm[];
  for (const term of affinity) {
    const pods = domainPods(s, n, term.topologyKey);
    if (!pods.some((p) => podMatchesTerm(term, ns, p))) {
      // A pod may match its own affinity term when no pod matches anywhere yet (the first of a group).
      const anywhere = [...s.snapshot.nodes.values()].some((x) =>
        [...x.pods.values()].some((p) => podMatchesTerm(term, ns, p)),
      );
      if (
        anywhere ||
        !podMatchesTerm(term, ns, pod) ||
        n.node.metadata.labels?.[term.topologyKey] === undefined
      ) {
        return fail("node(s) didn't match pod affinity rules", true);
      }
    }
  }
  const anti = (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ??
    []) as PodAffinityTerm[];
  for (const term of anti) {
    if (domainPods(s, n, term.topologyKey).some((p) => podMatchesTerm(term, ns, p)))
      return fail("node(s) didn't match pod anti-affinity rules", false);
  }
  // Checked last, as upstream: existing pods' required anti-affinity against the incoming pod.
  for (const other of s.snapshot.antiAffinityPods.values()) {
    const otherNode = s.snapshot.nodes.get(other.spec.nodeName);
    if (!otherNode) continue;
    for (const term of other.spec.affinity.podAntiAffinity
      .requiredDuringSchedulingIgnoredDuringExecution as PodAffinityTerm[]) {
      const v = otherNode.node.metadata.labels?.[term.topologyKey];
      if (v === undefined || n.node.metadata.labels?.[term.topologyKey] !== v) continue;
      if (podMatchesTerm(term, other.metadata.namespace ?? 'default', pod))
        return fail("node(s) didn't satisfy existing pods anti-affinity rules", false);
    }
  }
  return undefined;
}

/** The default filter chain; the first failing plugin decides a node's reason. */
export const FILTERS: ((s: CycleState, n: NodeInfo) => FilterFailure | undefined)[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  topologySpread,
  interPodAffinity,
];

export function runFilters(
  s: CycleState,
  n: NodeInfo,
  extra?: (n: NodeInfo) => FilterFailure | undefined,
): FilterFailure | undefined {
  for (const f of FILTERS) {
    const r = f(s, n);
    if (r) return r;
  }
  return extra?.(n);
}
