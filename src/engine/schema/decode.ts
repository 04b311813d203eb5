/**
 * Strict decoding, as the API server's JSON decoder (sigs.k8s.io/json) does it for kubectl's default
 * `--validate=strict`: the first wrong type fails with Go's UnmarshalTypeError wording; otherwise every
 * unknown field is listed (`unknown field "spec.replica"`). Custom resources only get the unknown-field
 * check here: their type errors are validation errors (see crd-validate.ts).
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
}

export function decodeObject(root: string, obj: unknown, checkTypes: boolean): DecodeProblems {
  const w: Walk = { problems: { typeError: null, unknown: [] }, checkTypes };
  walkObjectFields(w, obj as Record<string, unknown>, definition(root) ?? {}, '', '', structName(root));
  return w.problems;
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

function fieldTypeError(w: Walk, value: unknown, node: SchemaNode, goPath: string, struct: string, literal?: string): void {
  const what = literal ? `number ${literal}` : jsonKind(value);
  setTypeError(w, `json: cannot unmarshal ${what} into Go struct field ${struct}.${goPath} of type ${goType(node)}`);
}

function walkValue(w: Walk, value: unknown, node: SchemaNode, path: string, goPath: string, struct: string): void {
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
    if (d.intOrString) return checkIntOrString(w, value);
    if (d.format === 'date-time') {
      if (typeof value !== 'string') setTypeError(w, `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
      return;
    }
    target = d;
    if (d.type === 'object' || d.properties) targetStruct = structName(node.ref);
  }
  if (target.intOrString) return checkIntOrString(w, value);
  if (target.preserveUnknownFields && !target.properties) return;
  if (target.items || target.type === 'array') {
    if (!Array.isArray(value)) return fieldTypeError(w, value, node, goPath, struct);
    if (target.items) for (let i = 0; i < value.length; i++) walkValue(w, value[i], target.items, `${path}[${i}]`, goPath, struct);
    return;
  }
  if (target.properties || target.additionalProperties || target.type === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) return fieldTypeError(w, value, node, goPath, struct);
    if (target.properties) walkObjectFields(w, value as Record<string, unknown>, target, path, goPath, targetStruct);
    else if (target.additionalProperties) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        walkValue(w, v, target.additionalProperties, `${path}.${k}`, goPath, struct);
      }
    }
    return;
  }
  checkPrimitive(w, value, target, node, goPath, struct);
}

function checkPrimitive(w: Walk, value: unknown, target: SchemaNode, node: SchemaNode, goPath: string, struct: string): void {
  switch (target.type) {
    case 'string':
      if (typeof value !== 'string') return fieldTypeError(w, value, node, goPath, struct);
      if (target.format === 'byte') {
        const bad = base64Error(value);
        if (bad !== null) setTypeError(w, `illegal base64 data at input byte ${bad}`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fieldTypeError(w, value, node, goPath, struct);
      return;
    case 'number':
      if (typeof value !== 'number') fieldTypeError(w, value, node, goPath, struct);
      return;
    case 'integer': {
      if (typeof value !== 'number') return fieldTypeError(w, value, node, goPath, struct);
      const limit = target.format === 'int32' ? 2 ** 31 : 2 ** 63;
      if (!Number.isInteger(value) || value >= limit || value < -limit) {
        fieldTypeError(w, value, node, goPath, struct, String(value));
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

function walkObjectFields(
  w: Walk,
  obj: Record<string, unknown>,
  node: SchemaNode,
  path: string,
  goPath: string,
  struct: string,
): void {
  const props = node.properties ?? {};
  for (const key of Object.keys(obj)) {
    const childPath = path ? `${path}.${key}` : key;
    const prop = props[key];
    if (!prop) {
      if (!node.preserveUnknownFields && obj[key] !== undefined) w.problems.unknown.push(childPath);
      continue;
    }
    walkValue(w, obj[key], prop, childPath, goPath ? `${goPath}.${key}` : key, struct);
  }
}

const B64 = /[A-Za-z0-9+/]/;

/** Go's base64.StdEncoding: the offset of the first corrupt input byte, or null when the text decodes. */
export function base64Error(s: string): number | null {
  let si = 0;
  while (si < s.length) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === s.length) {
        if (j === 0) return null;
        return si - j;
      }
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
