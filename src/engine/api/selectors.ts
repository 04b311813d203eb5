/**
 * Label and field selectors: the string form kubectl sends (`app=web,tier!=db,env in (a,b),!canary`) and
 * the structured LabelSelector objects (`matchLabels`, `matchExpressions`) workloads carry.
 */
import type { KObject } from './types';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector = Requirement[];

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export class SelectorParseError extends Error {}

/** Parse `a=b,c!=d,e in (x,y),f notin (z),g,!h`; throws SelectorParseError with the API server's wording. */
export function parseLabelSelector(text: string): Selector {
  const out: Selector = [];
  const s = text.trim();
  if (!s) return out;
  let i = 0;
  const skipWs = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readKey = () => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-/]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
      skipWs();
    }
    const key = readKey();
    if (!key)
      throw new SelectorParseError(
        `unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`,
      );
    skipWs();
    if (negate) {
      out.push({ key, operator: 'DoesNotExist', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      out.push({ key, operator: 'Exists', values: [] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      skipWs();
      out.push({ key, operator: 'NotEquals', values: [readKey()] });
    } else if (s.startsWith('==', i) || s[i] === '=') {
      i += s.startsWith('==', i) ? 2 : 1;
      skipWs();
      out.push({ key, operator: 'Equals', values: [readKey()] });
    } else if (s[i] === '>' || s[i] === '<') {
      const op = s[i] === '>' ? 'Gt' : 'Lt';
      i++;
      skipWs();
      const v = readKey();
      if (!/^-?\d+$/.test(v))
        throw new SelectorParseError(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      out.push({ key, operator: op, values: [v] });
    } else {
      const word = readKey().toLowerCase();
      if (word !== 'in' && word !== 'notin') {
        throw new SelectorParseError(
          `unable to parse requirement: found '${word || s[i]}', expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
      skipWs();
      if (s[i] !== '(')
        throw new SelectorParseError(`unable to parse requirement: found '${s[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        skipWs();
        values.push(readKey());
        skipWs();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        throw new SelectorParseError(
          `unable to parse requirement: found '${s[i] ?? ''}', expected: ',', ')'`,
        );
      }
      out.push({ key, operator: word === 'in' ? 'In' : 'NotIn', values });
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',')
        throw new SelectorParseError(`unable to parse requirement: found '${s[i]}', expected: ','`);
      i++;
    }
  }
  return out;
}

/** Convert a workload's LabelSelector to requirements. An empty selector matches everything; null matches nothing. */
export function fromLabelSelector(sel: LabelSelectorObject | undefined | null): Selector | null {
  if (!sel) return null;
  const out: Selector = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {}))
    out.push({ key, operator: 'Equals', values: [value] });
  for (const e of sel.matchExpressions ?? [])
    out.push({ key: e.key, operator: e.operator as Operator, values: e.values ?? [] });
  return out;
}

/** A Service-style `selector` map (only equality). */
export function fromMap(map: Record<string, string> | undefined): Selector | null {
  if (!map || Object.keys(map).length === 0) return null;
  return Object.entries(map).map(([key, value]) => ({ key, operator: 'Equals' as const, values: [value] }));
}

export function matches(selector: Selector | null, labels: Record<string, string> | undefined): boolean {
  if (selector === null) return false;
  const l = labels ?? {};
  for (const r of selector) {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.operator) {
      case 'Equals':
      case 'In':
        if (!has || !r.values.includes(v)) return false;
        break;
      case 'NotEquals':
      case 'NotIn':
        if (has && r.values.includes(v)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      case 'Gt':
      case 'Lt': {
        if (!has || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (r.operator === 'Gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/** The string form, as `kubectl describe` prints a selector (`app=web,tier in (a,b)`). */
export function selectorToString(selector: Selector | null): string {
  if (selector === null) return '<none>';
  if (selector.length === 0) return '<none>';
  return selector
    .map((r) => {
      switch (r.operator) {
        case 'Equals':
          return `${r.key}=${r.values[0]}`;
        case 'NotEquals':
          return `${r.key}!=${r.values[0]}`;
        case 'In':
          return `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0]}`;
        case 'Lt':
          return `${r.key}<${r.values[0]}`;
        default:
          return r.key;
      }
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Parse `metadata.name=web,status.phase!=Running`. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/.exec(part);
    if (!m) throw new SelectorParseError(`invalid selector: '${text}'; can't understand '${part}'`);
    out.push({ field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return out;
}

/** Fields every kind supports plus the per-kind ones the API server indexes (pods: spec.nodeName, status.phase ...). */
export const SUPPORTED_FIELDS: Record<string, string[]> = {
  '*': ['metadata.name', 'metadata.namespace'],
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  secrets: ['type'],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  'replicasets.apps': ['status.replicas'],
  'jobs.batch': ['status.successful'],
};

export function fieldValue(obj: KObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: KObject): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
