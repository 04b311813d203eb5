/**
 * What the schema itself says: required fields (those without a zero-value default: a Go value type is
 * never "missing"), enums, and for custom resources the structural schema's type checks, worded as the
 * apiextensions validator words them (`spec.hosts in body must be of type array: "string"`).
 */
import { definition } from '../bundle';
import type { SchemaNode } from '../types';
import { type Errs, invalidValue, notSupported, required } from './field';

export function validateAgainstSchema(obj: unknown, root: string, crd: boolean, errs: Errs): void {
  walk(obj, { ref: root }, '', crd, errs);
}

function typeOfJson(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function walk(value: unknown, node: SchemaNode, path: string, crd: boolean, errs: Errs): void {
  if (value === undefined) return;
  let target = node;
  if (node.ref) {
    const d = definition(node.ref);
    if (!d) return;
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
  if (target.enum && !target.enum.includes(value)) {
    errs.push(notSupported(path, value, target.enum.map(String)));
  }
  if (Array.isArray(value)) {
    const items = target.items;
    if (items) value.forEach((v, i) => walk(v, items, `${path}[${i}]`, crd, errs));
    return;
  }
  if (typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (target.properties) {
    for (const key of target.required ?? []) {
      const prop = target.properties[key];
      if (o[key] === undefined && (crd || prop?.default === undefined)) errs.push(required(path ? `${path}.${key}` : key));
    }
    for (const [key, prop] of Object.entries(target.properties)) {
      if (o[key] !== undefined) walk(o[key], prop, path ? `${path}.${key}` : key, crd, errs);
    }
  } else if (target.additionalProperties) {
    for (const [key, v] of Object.entries(o)) walk(v, target.additionalProperties, `${path}[${key}]`, crd, errs);
  }
}
