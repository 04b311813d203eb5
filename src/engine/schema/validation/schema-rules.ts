/**
 * What the schema itself says: required fields (those without a zero-value default: a Go value type is
 * never "missing"), enums, and for custom resources the structural schema's type checks, worded as the
 * apiextensions validator words them (`spec.hosts in body must be of type array: "string"`). Subtrees
 * with nothing to check are skipped (see analysis.ts).
 */
import { Reach } from '../analysis';
import { definition } from '../bundle';
import type { SchemaNode } from '../types';
import { type Errs, invalidValue, notSupported, required } from './field';

/** Built-in kinds: only required-without-default and enums need a look. */
const builtinReach = new Reach(
  (_def, node) =>
    Boolean(node.enum) || Boolean(node.required?.some((k) => node.properties?.[k]?.default === undefined)),
);

/** Objects (by the definition they were checked as) that had nothing wrong: context-free, so cacheable. */
const clean = new WeakMap<object, string>();

export function validateAgainstSchema(
  obj: Record<string, unknown>,
  root: string,
  crd: boolean,
  errs: Errs,
  old?: Record<string, unknown>,
): void {
  const d = definition(root);
  if (!d?.properties) return;
  for (const key of d.required ?? []) {
    if (obj[key] === undefined && (crd || d.properties[key]?.default === undefined)) errs.push(required(key));
  }
  for (const key in obj) {
    const prop = d.properties[key];
    // Parts unchanged since the last write were checked then.
    if (!prop || (old && obj[key] === old[key])) continue;
    walk(obj[key], prop, key, crd, errs);
  }
}

function typeOfJson(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function walk(value: unknown, node: SchemaNode, path: string, crd: boolean, errs: Errs): void {
  if (value === undefined) return;
  if (!crd && (typeof value !== 'object' || value === null || !builtinReach.test(node))) {
    if (node.enum && value !== null && !node.enum.includes(value))
      errs.push(notSupported(path, value, node.enum.map(String)));
    return;
  }
  let target = node;
  if (node.ref) {
    const d = definition(node.ref);
    if (!d) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && d.properties) {
      if (clean.get(value) === node.ref) return;
      const before = errs.length;
      walkObject(value as Record<string, unknown>, d, path, crd, errs);
      if (errs.length === before) clean.set(value, node.ref);
      return;
    }
    target = d;
  }
  if (value === null) {
    if (crd && !target.nullable && !node.nullable && target.type) {
      errs.push(invalidValue(path, 'null', `${path} in body must be of type ${target.type}: "null"`));
    }
    return;
  }
  if (crd && target.type && !target.intOrString) {
    const actual = typeOfJson(value);
    const ok = actual === target.type || (target.type === 'number' && actual === 'integer');
    if (!ok) {
      errs.push(invalidValue(path, actual, `${path} in body must be of type ${target.type}: "${actual}"`));
      return;
    }
  }
  if (target.enum && !target.enum.includes(value))
    errs.push(notSupported(path, value, target.enum.map(String)));
  if (Array.isArray(value)) {
    const items = target.items;
    if (items) for (let i = 0; i < value.length; i++) walk(value[i], items, `${path}[${i}]`, crd, errs);
    return;
  }
  if (typeof value !== 'object') return;
  walkObject(value as Record<string, unknown>, target, path, crd, errs);
}

function walkObject(
  o: Record<string, unknown>,
  target: SchemaNode,
  path: string,
  crd: boolean,
  errs: Errs,
): void {
  if (crd && target.type && target.type !== 'object') {
    errs.push(invalidValue(path, 'object', `${path} in body must be of type ${target.type}: "object"`));
    return;
  }
  if (target.properties) {
    for (const key of target.required ?? []) {
      if (o[key] === undefined && (crd || target.properties[key]?.default === undefined))
        errs.push(required(`${path}.${key}`));
    }
    for (const key in o) {
      const prop = target.properties[key];
      if (prop && o[key] !== undefined) walk(o[key], prop, `${path}.${key}`, crd, errs);
    }
  } else if (target.additionalProperties) {
    for (const key in o) walk(o[key], target.additionalProperties, `${path}[${key}]`, crd, errs);
  }
}
