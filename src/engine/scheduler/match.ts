/** Node selectors, node affinity terms, taints and tolerations, as the scheduler and taint manager match them. */

import { fromLabelSelector, matches } from '../api/selectors';
import type { KObject } from '../api/types';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

export function toleratedBy(tolerations: Toleration[] | undefined, taint: Taint): Toleration | undefined {
  // Runs per node per pod in the scheduler: a loop, not a closure per call.
  if (!tolerations) return undefined;
  for (let i = 0; i < tolerations.length; i++) if (tolerates(tolerations[i], taint)) return tolerations[i];
  return undefined;
}

/** `{key: value}` as FailedScheduling prints an untolerated taint. */
export const taintText = (t: Taint) => `{${t.key}: ${t.value ?? ''}}`;

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMatches(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(v);
    case 'NotIn':
      return !has || !values.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(v) > Number(values[0]);
    case 'Lt':
      return has && Number(v) < Number(values[0]);
  }
  return false;
}

export function termMatches(term: NodeSelectorTerm, node: KObject): boolean {
  const labels = node.metadata.labels ?? {};
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return (
    exprs.every((r) => requirementMatches(r, labels)) &&
    fields.every((r) => requirementMatches(r, { 'metadata.name': node.metadata.name ?? '' }))
  );
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution both hold. */
export function nodeMatchesPod(pod: KObject, node: KObject): boolean {
  const labels = node.metadata.labels ?? {};
  // Called for every node for every pod: no entry list is made.
  const selector = pod.spec?.nodeSelector as Record<string, string> | undefined;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = (required.nodeSelectorTerms ?? []) as NodeSelectorTerm[];
    if (!terms.some((t) => termMatches(t, node))) return false;
  }
  return true;
}

/** Sum of the weights of preferred node affinity terms the node matches. */
export function preferredNodeAffinityScore(pod: KObject, node: KObject): number {
  let score = 0;
  for (const p of (pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ??
    []) as { weight: number; preference: NodeSelectorTerm }[]) {
    if (termMatches(p.preference, node)) score += p.weight;
  }
  return score;
}

export interface PodAffinityTerm {
  labelSelector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  namespaces?: string[];
  namespaceSelector?: unknown;
  topologyKey: string;
}

/** Does `other` match an affinity term written in `owner`'s namespace? */
export function podMatchesTerm(term: PodAffinityTerm, ownerNamespace: string, other: KObject): boolean {
  const namespaces = term.namespaces?.length
    ? term.namespaces
    : term.namespaceSelector
      ? undefined
      : [ownerNamespace];
  if (namespaces && !namespaces.includes(other.metadata.namespace ?? 'default')) return false;
  const sel = fromLabelSelector(term.labelSelector ?? null);
  return sel !== null && matches(sel, other.metadata.labels);
}
