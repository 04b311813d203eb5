/**
 * The check evaluator: declarative predicates over what a learner can see (cluster objects), what they did
 * (commands) and what the network saw (requests). Pure: the same code judges a step in the self-test
 * (objects read from the engine) and in the browser (objects from the UI's mirror of the cluster).
 */

import { matches, parseLabelSelector } from '../engine/api/selectors';
import type { KObject } from '../engine/api/types';
import { readPath } from './path';
import type {
  CheckNode,
  CompareOp,
  CountCheck,
  FieldTest,
  LearnerAction,
  Localized,
  ObjectCheck,
  Scalar,
  StepCheck,
  TrafficRecord,
} from './types';

/** What a check can look at. Actions and traffic are already limited to the current step. */
export interface CheckWorld {
  /** Every object of a Kind (any API group, every namespace). */
  list(kind: string): readonly KObject[];
  actions: readonly LearnerAction[];
  /** Requests the network simulation logged, when it runs. */
  traffic?: readonly TrafficRecord[];
}

export interface CheckResult {
  passed: boolean;
  /** What is still missing, one message per failing requirement (empty when passed). */
  missing: Localized[];
}

export function evaluateCheck(check: CheckNode | StepCheck, world: CheckWorld): CheckResult {
  if ('all' in check) {
    const missing = check.all.flatMap((c) => evaluateCheck(c, world).missing);
    if (missing.length === 0) return PASS;
    return { passed: false, missing: check.message ? [check.message] : missing };
  }
  if ('any' in check) {
    return check.any.some((c) => evaluateCheck(c, world).passed) ? PASS : fail(check.message);
  }
  if ('count' in check) return countHolds(check, world) ? PASS : fail(check.message);
  if ('command' in check) {
    const re = regex(check.command);
    const want = check.exitCode ?? 0;
    const ok = world.actions.some(
      (a) => (want === 'any' || a.exitCode === want) && re.test(normalizeLine(a.line)),
    );
    return ok ? PASS : fail(check.message);
  }
  if ('applied' in check) {
    const ok = world.actions.some(
      (a) => a.exitCode === 0 && appliedFiles(a.line).some((f) => sameFile(f, check.applied)),
    );
    return ok ? PASS : fail(check.message);
  }
  if ('traffic' in check) {
    const t = check.traffic;
    const seen = (world.traffic ?? []).filter(
      (r) =>
        (!t.service || r.service === t.service) &&
        (!t.namespace || (r.namespace ?? 'default') === t.namespace),
    );
    const pods = new Set(seen.map((r) => r.pod).filter((p) => p !== undefined));
    const ok = seen.length >= (t.minRequests ?? 1) && pods.size >= (t.distinctPods ?? 0);
    return ok ? PASS : fail(check.message);
  }
  return objectHolds(check, world) ? PASS : fail(check.message);
}

const PASS: CheckResult = Object.freeze({ passed: true, missing: [] }) as CheckResult;

function fail(message: Localized): CheckResult {
  return { passed: false, missing: [message] };
}

function inNamespace(obj: KObject, namespace: string | undefined): boolean {
  // Cluster-scoped objects (Nodes, Namespaces) have no namespace: the filter does not apply to them.
  if (obj.metadata.namespace === undefined) return true;
  if (namespace === '*') return true;
  return obj.metadata.namespace === (namespace ?? 'default');
}

function objectHolds(check: ObjectCheck, world: CheckWorld): boolean {
  const obj = world
    .list(check.kind)
    .find((o) => o.metadata.name === check.name && inNamespace(o, check.namespace));
  if (check.path === undefined) return check.op === 'absent' ? !obj : !!obj;
  if (!obj) return check.op === 'absent';
  if (isStatusPath(check.path) && !statusIsCurrent(obj)) return false;
  return compare(readPath(obj, check.path), check.op ?? 'exists', check.value);
}

function isStatusPath(path: string): boolean {
  return path === 'status' || path.startsWith('status.') || path.startsWith('status[');
}

/**
 * Whether an object's status describes its current spec. Right after a change (`set image`, `scale`) a
 * Deployment still shows the old status until its controller catches up (`status.observedGeneration` <
 * `metadata.generation`); `kubectl rollout status` waits for that too, and so do status checks.
 */
export function statusIsCurrent(obj: KObject): boolean {
  const generation = obj.metadata.generation;
  const observed = obj.status?.observedGeneration;
  return typeof generation !== 'number' || typeof observed !== 'number' || observed >= generation;
}

function countHolds(check: CountCheck, world: CheckWorld): boolean {
  const { kind, namespace, selector, where } = check.count;
  const sel = selector ? parseLabelSelector(selector) : null;
  let n = 0;
  for (const o of world.list(kind)) {
    if (!inNamespace(o, namespace)) continue;
    if (sel && !matches(sel, o.metadata.labels)) continue;
    if (where && !where.every((w: FieldTest) => fieldHolds(o, w))) continue;
    n++;
  }
  return compare(n, check.op, check.value);
}

function fieldHolds(obj: KObject, test: FieldTest): boolean {
  if (isStatusPath(test.path) && !statusIsCurrent(obj)) return false;
  return compare(readPath(obj, test.path), test.op, test.value);
}

/**
 * Compare a field with a value. Numeric operators treat an omitted field as 0, because Kubernetes omits
 * zero counts (a Deployment scaled to 0 has no `status.readyReplicas`).
 */
export function compare(actual: unknown, op: CompareOp, expected: Scalar | undefined): boolean {
  switch (op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'absent':
      return actual === undefined || actual === null;
    case '==':
      return sameScalar(actual, expected);
    case '!=':
      return !sameScalar(actual, expected);
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const a = actual === undefined || actual === null ? 0 : Number(actual);
      const b = Number(expected);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
    }
    case 'contains':
      if (Array.isArray(actual)) return actual.some((x) => sameScalar(x, expected));
      return typeof actual === 'string' && actual.includes(String(expected));
    case 'matches':
      return actual !== undefined && actual !== null && regex(String(expected)).test(String(actual));
  }
}

function sameScalar(actual: unknown, expected: Scalar | undefined): boolean {
  if (actual === expected) return true;
  if (actual === undefined || actual === null || expected === undefined || expected === null) return false;
  if (typeof actual === 'object') return false;
  return String(actual) === String(expected);
}

const regexCache = new Map<string, RegExp>();

function regex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    re = new RegExp(source);
    regexCache.set(source, re);
  }
  return re;
}

/** Collapse runs of blanks so `kubectl  get   pods` matches a pattern written with single spaces. */
export function normalizeLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** The files a `kubectl apply|create|replace -f X` line names (none for other commands). */
export function appliedFiles(line: string): string[] {
  const words = normalizeLine(line).split(' ');
  if (!['kubectl', 'k', 'oc'].includes(words[0] ?? '')) return [];
  if (!words.slice(1).some((w) => w === 'apply' || w === 'create' || w === 'replace')) return [];
  const files: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if ((w === '-f' || w === '--filename') && words[i + 1]) files.push(words[++i]);
    else if (w.startsWith('--filename=')) files.push(w.slice('--filename='.length));
    else if (w.startsWith('-f') && w.length > 2 && !w.startsWith('--'))
      files.push(w.slice(w[2] === '=' ? 3 : 2));
  }
  return files.map((f) => f.replace(/^(['"])(.*)\1$/, '$2'));
}

function sameFile(used: string, wanted: string): boolean {
  const a = used.replace(/^\.\//, '');
  const b = wanted.replace(/^\.\//, '');
  return a === b || a.endsWith(`/${b}`);
}

/** Parse `60s`, `2m`, `500ms` into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m)$/.exec(text);
  if (!m) throw new Error(`invalid duration "${text}" (use e.g. 500ms, 30s, 2m)`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

/** The simulated time a step's check may take to become true after the learner acts. */
export function checkWindowMs(check: StepCheck): number {
  return check.within ? parseDuration(check.within) : 0;
}
