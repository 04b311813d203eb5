/** kubectl's generic describer for kinds without their own (custom resources, OpenShift and Istio kinds). */
import type { StoredObject } from '../../../engine/api/types';
import { goFloatOrInt } from '../serialize/yaml';
import { type Any, annotationsMultiline, describeEvents, labelsMultiline } from './common';
import { DescribeWriter } from './writer';

const SKIP = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

export function describeGeneric(obj: StoredObject, events: Any[], nowMs: number): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${obj.metadata.name}`);
  w.line(0, `Namespace:\t${obj.metadata.namespace ?? ''}`);
  labelsMultiline(w, 'Labels', obj.metadata.labels);
  annotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printContent(w, 0, obj as Record<string, unknown>, '');
  describeEvents(w, events, nowMs);
  return w.toString();
}

function printContent(
  w: DescribeWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path) || value === undefined) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child))
          printContent(w, level + 1, child as Record<string, unknown>, path);
        else w.line(level + 1, goValue(child));
      }
    } else w.line(level, `${smartLabel(field)}:\t${goValue(value)}`);
  }
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloatOrInt(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object')
    return `map[${Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${goValue((v as Any)[k])}`)
      .join(' ')}]`;
  return String(v);
}

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** `apiVersion` → `API Version`, `creationTimestamp` → `Creation Timestamp`; other characters keep the name. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const parts = camelSplit(field);
  return parts
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** fatih/camelcase.Split: runs of lower case, upper case (the last upper starts the next word), other. */
function camelSplit(s: string): string[] {
  const runs: string[] = [];
  let lastClass = 0;
  for (const ch of s) {
    const cls = /\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4;
    if (cls === lastClass && runs.length > 0) runs[runs.length - 1] += ch;
    else runs.push(ch);
    lastClass = cls;
  }
  // An upper-case run followed by a lower-case run gives its last letter to the lower-case run.
  for (let i = 0; i < runs.length - 1; i++) {
    const a = [...runs[i]];
    if (a.length > 0 && /\p{Lu}/u.test(a[0]) && /\p{Ll}/u.test(runs[i + 1][0] ?? '')) {
      runs[i + 1] = a[a.length - 1] + runs[i + 1];
      runs[i] = a.slice(0, -1).join('');
    }
  }
  return runs.filter((r) => r.length > 0);
}
