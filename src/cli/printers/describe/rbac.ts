/** describe for Roles, ClusterRoles and their bindings (rules broken down and compacted as kubectl does). */
import type { StoredObject } from '../../../engine/api/types';
import { type Any, annotationsMultiline, labelsMultiline } from './common';
import { DescribeWriter } from './writer';

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const goList = (l: string[]) => `[${l.join(' ')}]`;

/** rbac.BreakdownRule: one rule per (group, resource[, name]) and per non-resource URL. */
function breakdown(rule: Any): Rule[] {
  const out: Rule[] = [];
  const verbs: string[] = rule.verbs ?? [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      const names: string[] = rule.resourceNames ?? [];
      if (names.length > 0)
        for (const n of names)
          out.push({
            verbs,
            apiGroups: [group],
            resources: [resource],
            resourceNames: [n],
            nonResourceURLs: [],
          });
      else
        out.push({
          verbs,
          apiGroups: [group],
          resources: [resource],
          resourceNames: [],
          nonResourceURLs: [],
        });
    }
  }
  for (const url of rule.nonResourceURLs ?? [])
    out.push({ verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  return out;
}

/** rbac.CompactRules: merge single group/resource rules that differ only by verbs. */
function compact(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple =
      r.resources.length === 1 &&
      r.apiGroups.length === 1 &&
      r.resourceNames.length <= 1 &&
      r.nonResourceURLs.length === 0;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = `${r.apiGroups[0]}|${r.resources[0]}|${r.resourceNames[0] ?? ''}`;
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String(), the key kubectl sorts rules by. */
function ruleString(r: Rule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let out = res;
  if (groups.length > 0 && groups[0] !== '') out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

export function describeRole(role: StoredObject): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${role.metadata.name}`);
  labelsMultiline(w, 'Labels', role.metadata.labels);
  annotationsMultiline(w, 'Annotations', role.metadata.annotations);
  const rules = compact(((role.rules as Any[]) ?? []).flatMap(breakdown));
  const keyed = rules.map((r) => ({ r, k: ruleString(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  w.line(0, 'PolicyRule:');
  w.line(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs');
  w.line(1, '---------\t-----------------\t--------------\t-----');
  for (const { r } of keyed)
    w.line(
      1,
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`,
    );
  return w.toString();
}

export function describeRoleBinding(binding: StoredObject): string {
  const w = new DescribeWriter();
  const ref: Any = binding.roleRef ?? {};
  w.line(0, `Name:\t${binding.metadata.name}`);
  labelsMultiline(w, 'Labels', binding.metadata.labels);
  annotationsMultiline(w, 'Annotations', binding.metadata.annotations);
  w.line(0, 'Role:');
  w.line(1, `Kind:\t${ref.kind ?? ''}`);
  w.line(1, `Name:\t${ref.name ?? ''}`);
  w.line(0, 'Subjects:');
  w.line(1, 'Kind\tName\tNamespace');
  w.line(1, '----\t----\t---------');
  for (const s of (binding.subjects as Any[]) ?? []) w.line(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}`);
  return w.toString();
}
