/**
 * Strict decoding, as the API server's JSON decoder (sigs.k8s.io/json) does it for kubectl's default
 * `--validate=strict`: the first wrong type fails with Go's UnmarshalTypeError wording; otherwise every
 * unknown field is listed (`unknown field "spec.replica"`). Custom resources only get the unknown-field
 * check here: their type errors are validation errors (see validation/schema-rules.ts).
 *
 * Every write runs this over the whole object, so the walk keeps its path as a stack of segments and only
 * builds strings when it has something to report.
 */
import { definition, goTypeName, structName } from './bundle';
import { quantityError } from './quantity';
import type { SchemaNode } from './types';

export interface DecodeProblems {
  /** The first type error (Go stops caring about the rest), already worded. */
  typeError: string | null;
  /** Unknown fields, in document order, as paths with list indexes (`spec.containers[0].imagePullPolcy`). */
  unknown: string[];
}

interface Walk {
  problems: DecodeProblems;
  checkTypes: boolean;
  /** Path segments: field names, list indexes as numbers, map keys prefixed with MAP_KEY. */
  path: (string | number)[];
}

/**
 * Objects already found clean, by the definition they were decoded as. Controllers build new objects
 * around parts of stored ones (a ReplicaSet's pod template becomes each pod's spec), so most of a write
 * is often objects decoded before. Objects are never mutated once written (an engine rule), and what was
 * clean stays clean.
 */
const clean = new WeakMap<object, string>();

function problemCount(w: Walk): number {
  return w.problems.unknown.length + (w.problems.typeError === null ? 0 : 1);
}

export function decodeObject(root: string, obj: unknown, checkTypes: boolean): DecodeProblems {
  const w: Walk = { problems: { typeError: null, unknown: [] }, checkTypes, path: [] };
  walkObjectFields(w, obj as Record<string, unknown>, definition(root) ?? {}, structName(root));
  return w.problems;
}

/** Marks a map key in the path: Go's type errors leave map keys out of the field path. */
const MAP_KEY = '\u0000';

/** `spec.containers[0].image` (the strict decoder's form, with indexes). */
function fieldPath(path: (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const name = seg.startsWith(MAP_KEY) ? seg.slice(1) : seg;
      out += out ? `.${name}` : name;
    }
  }
  return out;
}

/** `spec.containers.image` (Go's UnmarshalTypeError.Field: struct field names only). */
function goFieldPath(path: (string | number)[]): string {
  return path.filter((s) => typeof s === 'string' && !s.startsWith(MAP_KEY)).join('.');
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

/** The Go type a node decodes into, as `reflect.Type.String()` prints it. */
export function goType(node: SchemaNode): string {
  if (node.ref) {
    const d = definition(node.ref);
    if (!d) return 'interface {}';
    if (d.quantity) return 'resource.Quantity';
    if (d.intOrString) return 'intstr.IntOrString';
    if (d.format === 'date-time') return 'v1.Time';
    if (d.type && d.type !== 'object') return primitiveType(d);
    return goTypeName(node.ref);
  }
  if (node.items) return `[]${goType(node.items)}`;
  if (node.additionalProperties) return `map[string]${goType(node.additionalProperties)}`;
  return primitiveType(node);
}

function primitiveType(node: SchemaNode): string {
  switch (node.type) {
    case 'integer':
      return node.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'string':
      return node.format === 'byte' ? '[]uint8' : 'string';
    default:
      return 'map[string]interface {}';
  }
}

function setTypeError(w: Walk, message: string): void {
  if (w.checkTypes && w.problems.typeError === null) w.problems.typeError = message;
}

function fieldTypeError(w: Walk, value: unknown, node: SchemaNode, struct: string, literal?: string): void {
  if (!w.checkTypes || w.problems.typeError !== null) return;
  const what = literal ? `number ${literal}` : jsonKind(value);
  setTypeError(
    w,
    `json: cannot unmarshal ${what} into Go struct field ${struct}.${goFieldPath(w.path)} of type ${goType(node)}`,
  );
}

function walkValue(w: Walk, value: unknown, node: SchemaNode, struct: string): void {
  if (value === null || value === undefined) return;
  let target = node;
  let targetStruct = struct;
  if (node.ref) {
    const d = definition(node.ref);
    if (!d) return;
    if (d.quantity) {
      const err = quantityError(value);
      if (err) setTypeError(w, err);
      return;
    }
    if (d.intOrString) {
      checkIntOrString(w, value);
      return;
    }
    if (d.format === 'date-time') {
      if (typeof value !== 'string') {
        setTypeError(w, `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
      }
      return;
    }
    if (d.properties && typeof value === 'object' && !Array.isArray(value)) {
      if (clean.get(value) === node.ref) return;
      const before = problemCount(w);
      walkObjectFields(w, value as Record<string, unknown>, d, structName(node.ref));
      if (problemCount(w) === before) clean.set(value, node.ref);
      return;
    }
    target = d;
    if (d.type === 'object' || d.properties) targetStruct = structName(node.ref);
  }
  if (target.intOrString) {
    checkIntOrString(w, value);
    return;
  }
  if (target.preserveUnknownFields && !target.properties) return;
  if (target.items || target.type === 'array') {
    if (!Array.isArray(value)) {
      fieldTypeError(w, value, node, struct);
      return;
    }
    const items = target.items;
    if (!items) return;
    for (let i = 0; i < value.length; i++) {
      w.path.push(i);
      walkValue(w, value[i], items, struct);
      w.path.pop();
    }
    return;
  }
  if (target.properties || target.additionalProperties || target.type === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) {
      fieldTypeError(w, value, node, struct);
      return;
    }
    if (target.properties) walkObjectFields(w, value as Record<string, unknown>, target, targetStruct);
    else if (target.additionalProperties) {
      const ap = target.additionalProperties;
      const o = value as Record<string, unknown>;
      for (const k in o) {
        w.path.push(MAP_KEY + k);
        walkValue(w, o[k], ap, struct);
        w.path.pop();
      }
    }
    return;
  }
  checkPrimitive(w, value, target, node, struct);
}

function checkPrimitive(w: Walk, value: unknown, target: SchemaNode, node: SchemaNode, struct: string): void {
  switch (target.type) {
    case 'string':
      if (typeof value !== 'string') fieldTypeError(w, value, node, struct);
      else if (target.format === 'byte') {
        const bad = base64Error(value);
        if (bad !== null) setTypeError(w, `illegal base64 data at input byte ${bad}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fieldTypeError(w, value, node, struct);
      return;
    case 'number':
      if (typeof value !== 'number') fieldTypeError(w, value, node, struct);
      return;
    case 'integer': {
      if (typeof value !== 'number') {
        fieldTypeError(w, value, node, struct);
        return;
      }
      const limit = target.format === 'int32' ? 2 ** 31 : 2 ** 63;
      if (!Number.isInteger(value) || value >= limit || value < -limit) {
        fieldTypeError(w, value, node, struct, String(value));
      }
      return;
    }
  }
}

function checkIntOrString(w: Walk, value: unknown): void {
  if (typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value >= 2 ** 31 || value < -(2 ** 31)) {
      setTypeError(w, `json: cannot unmarshal number ${value} into Go value of type int32`);
    }
    return;
  }
  setTypeError(w, `json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`);
}

function walkObjectFields(w: Walk, obj: Record<string, unknown>, node: SchemaNode, struct: string): void {
  const props = node.properties;
  for (const key in obj) {
    const v = obj[key];
    if (v === undefined) continue;
    const prop = props?.[key];
    w.path.push(key);
    if (prop) walkValue(w, v, prop, struct);
    else if (!node.preserveUnknownFields) w.problems.unknown.push(fieldPath(w.path));
    w.path.pop();
  }
}

const B64 = /[A-Za-z0-9+/]/;

/** Go's base64.StdEncoding: the offset of the first corrupt input byte, or null when the text decodes. */
export function base64Error(s: string): number | null {
  let si = 0;
  while (si < s.length) {
    for (let j = 0; j < 4; j++) {
      if (si === s.length) return j === 0 ? null : si - j;
      const c = s[si++];
      if (B64.test(c)) continue;
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (c !== '=') return si - 1;
      // Padding: only valid after two or three characters of a quantum, and must end the input.
      if (j < 2) return si - 1;
      if (j === 2) {
        while (si < s.length && (s[si] === '\n' || s[si] === '\r')) si++;
        if (si === s.length) return s.length;
        if (s[si] !== '=') return si - 1;
        si++;
      }
      while (si < s.length && (s[si] === '\n' || s[si] === '\r')) si++;
      return si < s.length ? si : null;
    }
  }
  return null;
}
