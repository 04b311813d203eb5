/**
 * The defaulting pass: walks an object along its schema and runs, for every value of a named type, that
 * type's SetDefaults_* (as the API server's generated defaulters do), then the schema's declarative
 * defaults (`protocol: TCP`). Copy-on-write: values that need no default keep their identity, so parts
 * shared with stored (frozen) objects are never mutated. Subtrees with no defaults are never visited.
 */
import { isZeroValue, Reach } from './analysis';
import { definition } from './bundle';
import type { SchemaNode } from './types';

export type Obj = Record<string, any>;
/** A SetDefaults_* function: returns the object with its defaults, or the same object when none apply. */
export type Defaulter = (o: Obj) => Obj;

/** `o` with each missing (undefined) key set; `o` itself when nothing was missing. */
export function withDefaults(o: Obj, defaults: Obj): Obj {
  let out = o;
  for (const k in defaults) {
    const v = defaults[k];
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

export class Defaulting {
  private readonly reach: Reach;
  /** Per definition: the properties whose schema default applies when they are missing. */
  private readonly declared = new Map<string, [string, unknown][]>();
  /**
   * Objects known to be fully defaulted as a definition. Defaulting is idempotent and written objects are
   * never mutated, so a template's spec shared into many pods is defaulted once.
   */
  private readonly done = new WeakMap<object, string>();

  /**
   * `defaulters`: per-definition SetDefaults_* functions. `allSchemaDefaults`: apply every schema default,
   * zero values included (structural schemas of custom resources).
   */
  constructor(
    private readonly defaulters: Record<string, Defaulter>,
    private readonly allSchemaDefaults: boolean,
  ) {
    this.reach = new Reach((def, node) => Boolean(def && defaulters[def]) || this.applies(node.default));
  }

  private applies(d: unknown): boolean {
    return d !== undefined && (this.allSchemaDefaults || !isZeroValue(d));
  }

  private declaredDefaults(name: string, target: SchemaNode): [string, unknown][] {
    let list = this.declared.get(name);
    if (!list) {
      list = Object.entries(target.properties ?? {})
        .filter(([, p]) => this.applies(p.default))
        .map(([k, p]) => [k, p.default]);
      this.declared.set(name, list);
    }
    return list;
  }

  apply(value: unknown, node: SchemaNode): unknown {
    if (value === null || typeof value !== 'object' || !this.reach.test(node)) return value;
    if (node.ref && this.done.get(value) === node.ref) return value;
    const out = this.applyOnce(value, node);
    if (node.ref && out !== null && typeof out === 'object') this.done.set(out, node.ref);
    return out;
  }

  private applyOnce(value: unknown, node: SchemaNode): unknown {
    let target = node;
    let declared: [string, unknown][] | undefined;
    if (node.ref) {
      const d = definition(node.ref);
      if (!d) return value;
      target = d;
      const f = this.defaulters[node.ref];
      if (f && !Array.isArray(value)) value = f(value as Obj);
      declared = this.declaredDefaults(node.ref, d);
    }
    if (Array.isArray(value)) {
      const items = target.items;
      return items ? mapList(value, (v) => this.apply(v, items)) : value;
    }
    const original = value as Obj;
    let o = original;
    const props = target.properties;
    if (props) {
      for (const [key, dflt] of declared ??
        Object.entries(props)
          .filter(([, p]) => this.applies(p.default))
          .map(([k, p]) => [k, p.default] as [string, unknown])) {
        if (o[key] === undefined) {
          if (o === original) o = { ...o };
          o[key] = structuredClone(dflt);
        }
      }
      for (const key in o) {
        const prop = props[key];
        const v = o[key];
        if (!prop || v === null || typeof v !== 'object') continue;
        const next = this.apply(v, prop);
        if (next !== v) {
          if (o === original) o = { ...o };
          o[key] = next;
        }
      }
    } else if (target.additionalProperties) {
      const ap = target.additionalProperties;
      for (const key in o) {
        const v = o[key];
        const next = this.apply(v, ap);
        if (next !== v) {
          if (o === original) o = { ...o };
          o[key] = next;
        }
      }
    }
    return o;
  }
}
