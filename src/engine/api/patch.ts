/**
 * Patches as `kubectl patch --type` sends them: JSON merge patch (RFC 7386), strategic merge patch
 * (lists merged by the schema's merge key, e.g. containers by name, with the `$patch`, `$retainKeys`,
 * `$deleteFromPrimitiveList` and `$setElementOrder` directives) and JSON patch (RFC 6902).
 */

import type { Operation } from 'fast-json-patch';
import * as fastJsonPatch from 'fast-json-patch';
import { property, rootFor } from '../schema/bundle';
import type { SchemaNode } from '../schema/types';
import { clone } from '../util/objects';
import { StatusError } from './errors';
import type { ResourceType } from './kinds';
import type { KObject } from './types';

export type PatchType = 'merge' | 'strategic' | 'json';

/** fast-json-patch is CommonJS under Node and ESM under Vite: take applyPatch from whichever shape loaded. */
const applyJsonPatch: typeof fastJsonPatch.applyPatch =
  fastJsonPatch.applyPatch ??
  (fastJsonPatch as unknown as { default: typeof fastJsonPatch }).default.applyPatch;

type Obj = Record<string, unknown>;

export function applyPatch(current: KObject, type: PatchType, patch: unknown, _rt: ResourceType): KObject {
  if (type === 'merge') return mergePatch(clone(current), patch) as KObject;
  if (type === 'json') return jsonPatch(current, patch);
  if (!isObject(patch))
    throw new StatusError(
      400,
      'BadRequest',
      'invalid JSON document: a strategic merge patch must be an object',
    );
  const root = rootFor(current.apiVersion, current.kind);
  // Custom resources have no merge keys: a strategic patch merges like a JSON merge patch.
  const schema: SchemaNode | undefined = root && root.source !== 'crd' ? { ref: root.definition } : undefined;
  return strategicMerge(clone(current), patch, schema) as KObject;
}

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 6902 with the API server's (evanphx/json-patch) wording for operations that do not apply. */
function jsonPatch(current: KObject, patch: unknown): KObject {
  if (!Array.isArray(patch)) {
    throw new StatusError(
      400,
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  try {
    return applyJsonPatch(clone(current), patch as Operation[], true, true).newDocument as KObject;
  } catch (err) {
    const e = err as { name?: string; operation?: Operation; message?: string };
    const op = e.operation;
    if (e.name === 'TEST_OPERATION_FAILED' && op) {
      throw new StatusError(422, 'Invalid', `testing value ${op.path} failed: test failed`);
    }
    if (op && 'path' in op) {
      const missing =
        op.op === 'replace' || op.op === 'remove'
          ? `doc is missing key: ${op.path}`
          : `doc is missing path: ${op.path}`;
      throw new StatusError(
        422,
        'Invalid',
        `jsonpatch ${op.op} operation does not apply: ${missing}: missing value`,
      );
    }
    throw new StatusError(400, 'BadRequest', e.message ?? 'invalid JSON patch');
  }
}

const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';
const SET_ORDER = '$setElementOrder/';

/** Strategic merge of `patch` into `original` (a fresh clone the function may reuse). */
export function strategicMerge(original: unknown, patch: Obj, schema: SchemaNode | undefined): unknown {
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Obj = isObject(original) ? { ...original } : {};
  const retainKeys = Array.isArray(patch.$retainKeys) ? (patch.$retainKeys as string[]) : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const remove = new Set(Array.isArray(value) ? value : []);
      if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).filter((v) => !remove.has(v));
      continue;
    }
    const fieldSchema = schema ? property(schema, key) : undefined;
    const strategy = fieldSchema?.patchStrategy ?? '';
    if (value === null) {
      delete out[key];
    } else if (Array.isArray(value)) {
      out[key] = mergeList(out[key], value, fieldSchema, strategy);
    } else if (isObject(value) && !strategy.split(',').includes('replace')) {
      const next = strategicMerge(out[key], value, fieldSchema);
      if (next === undefined) delete out[key];
      else out[key] = next;
    } else {
      out[key] = stripDirectives(value);
    }
  }
  if (retainKeys) for (const k of Object.keys(out)) if (!retainKeys.includes(k)) delete out[k];
  return out;
}

function mergeList(
  original: unknown,
  patch: unknown[],
  node: SchemaNode | undefined,
  strategy: string,
): unknown[] {
  const current = Array.isArray(original) ? original : [];
  if (!strategy.split(',').includes('merge'))
    return patch.filter((p) => !(isObject(p) && p.$patch)).map(stripDirectives);
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map(stripDirectives);
  }
  const mergeKey = node?.mergeKey;
  if (!mergeKey) {
    // A primitive list with strategy merge (finalizers): union, keeping the original order.
    const out = [...current];
    for (const v of patch) if (!out.some((o) => o === v)) out.push(v);
    return out;
  }
  const items = node?.items;
  const out = [...current];
  for (const p of patch) {
    if (!isObject(p)) continue;
    const i = out.findIndex((o) => isObject(o) && o[mergeKey] === p[mergeKey]);
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategicMerge(out[i], p, items);
    else out.push(strategicMerge({}, p, items));
  }
  return out;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER) || k.startsWith(DELETE_PRIMITIVE))
      continue;
    out[k] = stripDirectives(x);
  }
  return out;
}
