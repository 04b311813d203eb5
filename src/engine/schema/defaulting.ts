/**
 * The defaulting pass: walks an object along its schema and runs, for every value of a named type, that
 * type's SetDefaults_* (as the API server's generated defaulters do), then the schema's declarative
 * defaults (`protocol: TCP`). Copy-on-write: values that need no default keep their identity, so parts
 * shared with stored (frozen) objects are never mutated.
 */
import { definition } from './bundle';
import type { SchemaNode } from './types';

export type Obj = Record<string, any>;
/** A SetDefaults_* function: returns the object with its defaults, or the same object when none apply. */
export type Defaulter = (o: Obj) => Obj;

/** `o` with each missing (undefined) key set; `o` itself when nothing was missing. */
export function withDefaults(o: Obj, defaults: Obj): Obj {
  let out = o;
  for (const [k, v] of Object.entries(defaults)) {
    if (out[k] === undefined && v !== undefined) {
      if (out === o) out = { ...o };
      out[k] = v;
    }
  }
  return out;
}

/** `o` with `key` replaced by `f(o[key])`; `o` itself when f returns the same value. */
export function update(o: Obj, key: string, f: (v: any) => any): Obj {
  const next = f(o[key]);
  if (next === o[key]) return o;
  return { ...o, [key]: next };
}

/** Map over a list copy-on-write. */
export function mapList<T>(list: T[] | undefined, f: (v: T, i: number) => T): T[] | undefined {
  if (!Array.isArray(list)) return list;
  let out = list;
  for (let i = 0; i < list.length; i++) {
    const next = f(list[i], i);
    if (next !== list[i]) {
      if (out === list) out = [...list];
      out[i] = next;
    }
  }
  return out;
}

function isZero(v: unknown): boolean {
  if (v === 0 || v === '' || v === false || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

export interface DefaultingOptions {
  /** Per-definition SetDefaults_* functions. */
  defaulters: Record<string, Defaulter>;
  /** Apply every schema default, zero values included (structural schemas of custom resources). */
  allSchemaDefaults: boolean;
}

export function defaultValue(value: unknown, node: SchemaNode, opts: DefaultingOptions): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  let target = node;
  if (node.ref) {
    const d = definition(node.ref);
    if (!d) return value;
    target = d;
    const f = opts.defaulters[node.ref];
    if (f && !Array.isArray(value)) value = f(value as Obj);
  }
  if (Array.isArray(value)) {
    const items = target.items;
    return items ? mapList(value, (v) => defaultValue(v, items, opts)) : value;
  }
  let o = value as Obj;
  if (target.properties) {
    for (const [key, prop] of Object.entries(target.properties)) {
      if (o[key] === undefined && prop.default !== undefined && (opts.allSchemaDefaults || !isZero(prop.default))) {
        o = o === value ? { ...o } : o;
        o[key] = structuredClone(prop.default);
      }
      if (o[key] !== undefined && o[key] !== null && typeof o[key] === 'object') {
        const next = defaultValue(o[key], prop, opts);
        if (next !== o[key]) {
          o = o === value ? { ...o } : o;
          o[key] = next;
        }
      }
    }
  } else if (target.additionalProperties) {
    const ap = target.additionalProperties;
    for (const [key, v] of Object.entries(o)) {
      const next = defaultValue(v, ap, opts);
      if (next !== v) {
        o = o === value ? { ...o } : o;
        o[key] = next;
      }
    }
  }
  return o;
}
