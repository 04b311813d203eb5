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
  /** Resource names the pod requests a non-zero amount of, in the order NodeResourcesFit reports them. */
  wanted: readonly string[];
  /** The pod has a nodeSelector or required node affinity (else NodeAffinity passes every node). */
  nodeAffinity: boolean;
  /** The pod has required pod (anti-)affinity terms of its own. */
  podAffinity: boolean;
  /** spec.nodeName as the pod asked for it (NodeName filter). */
  nodeName: string | undefined;
}

/** Names with a non-zero request, per (shared, read-only) requests object. */
const wantedByRequests = new WeakMap<Resources, readonly string[]>();

function wantedOf(requests: Resources): readonly string[] {
  let keys = wantedByRequests.get(requests);
  if (!keys) {
    const list: string[] = [];
    for (const res in requests) if (requests[res]) list.push(res);
    keys = list;
    wantedByRequests.set(requests, keys);
  }
  return keys;
}

/** What every filter needs about the pod, derived once per scheduling attempt rather than once per node. */
export function newCycleState(pod: StoredObject, requests: Resources, snapshot: Snapshot): CycleState {
  const spec = pod.spec;
  const affinity = spec?.affinity;
  const ports: string[] = [];
  for (const c of spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.hostPort) ports.push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${p.hostPort}`);
  return {
    pod,
    requests,
    ports,
    snapshot,
    wanted: wantedOf(requests),
    nodeName: spec?.nodeName,
    // nodeMatchesPod only looks at these two; without them it accepts every node.
    nodeAffinity:
      spec?.nodeSelector != null || !!affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    podAffinity:
      (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
      (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0,
  };
}

const fail = (reason: string, unresolvable: boolean): FilterFailure => ({ reasons: [reason], unresolvable });

function nodeUnschedulable(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  if (!n.node.spec?.unschedulable) return undefined;
  const taint: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  return toleratedBy(s.pod.spec?.tolerations, taint) ? undefined : fail('node(s) were unschedulable', true);
}

function nodeName(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  const want = s.nodeName;
  return want && want !== n.node.metadata.name
    ? fail("node(s) didn't match the requested node name", true)
    : undefined;
}

/** The reason text per taint (node taint objects are shared by every version of the node). */
const untoleratedText = new WeakMap<Taint, string>();

function taintToleration(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  for (const t of (n.node.spec?.taints ?? []) as Taint[]) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!toleratedBy(s.pod.spec?.tolerations, t)) {
      // The control-plane taint fails every ordinary pod: build its text once, not once per pod.
      let reason = untoleratedText.get(t);
      if (reason === undefined) {
        reason = `node(s) had untolerated taint ${taintText(t)}`;
        untoleratedText.set(t, reason);
      }
      return fail(reason, true);
    }
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
  return fitReasons(requests, wantedOf(requests), n, extraPods);
}

function fitReasons(
  requests: Resources,
  wanted: readonly string[],
  n: NodeInfo,
  extraPods: number,
): string[] {
  // Runs for every node for every pod: no list is made unless something does not fit.
  let reasons: string[] | undefined;
  if (n.pods.size + extraPods > n.allocatable.pods) reasons = ['Too many pods'];
  for (let i = 0; i < wanted.length; i++) {
    const res = wanted[i];
    // cpu and memory (nearly every request) by name: a keyed lookup with a varying key is much slower.
    let fits: boolean;
    if (res === 'cpu') fits = !(requests.cpu > (n.allocatable.cpu ?? 0) - (n.requested.cpu ?? 0));
    else if (res === 'memory')
      fits = !(requests.memory > (n.allocatable.memory ?? 0) - (n.requested.memory ?? 0));
    else fits = !(requests[res] > (n.allocatable[res] ?? 0) - (n.requested[res] ?? 0));
    if (!fits) {
      reasons ??= [];
      reasons.push(`Insufficient ${res}`);
    }
  }
  return reasons ?? NO_REASONS;
}

function nodeResourcesFit(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  const reasons = fitReasons(s.requests, s.wanted, n, 1);
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

/** The default filter chain; the first failing plugin decides a node's reason (runFilters keeps this order). */
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

/**
 * FILTERS in order, for one node, skipping the plugins that cannot fail for this pod or node (no taints,
 * no node selector, no host ports, no affinity anywhere...): the same first failure as running them all,
 * without eight calls per node per pod.
 */
export function runFilters(s: CycleState, n: NodeInfo): FilterFailure | undefined {
  const spec = n.node.spec;
  if (spec?.unschedulable) {
    const r = nodeUnschedulable(s, n);
    if (r) return r;
  }
  if (s.nodeName) {
    const r = nodeName(s, n);
    if (r) return r;
  }
  if (spec?.taints?.length) {
    const r = taintToleration(s, n);
    if (r) return r;
  }
  if (s.nodeAffinity) {
    const r = nodeAffinity(s, n);
    if (r) return r;
  }
  if (s.ports.length) {
    const r = nodePorts(s, n);
    if (r) return r;
  }
  const fit = nodeResourcesFit(s, n);
  if (fit) return fit;
  if (s.spread) {
    const r = topologySpread(s, n);
    if (r) return r;
  }
  if (s.podAffinity || s.snapshot.antiAffinityPods.size > 0) return interPodAffinity(s, n);
  return undefined;
}
