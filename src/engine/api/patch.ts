/**
 * Patches as `kubectl patch --type` sends them: JSON merge patch (RFC 7386), strategic merge patch
 * (lists merged by their merge key, e.g. containers by name) and JSON patch (RFC 6902).
 */
import { clone } from '../util/objects';
import type { ResourceType } from './kinds';
import type { KObject } from './types';

export type PatchType = 'merge' | 'strategic' | 'json';

export function applyPatch(current: KObject, type: PatchType, patch: unknown, _rt: ResourceType): KObject {
  if (type === 'merge') return mergePatch(clone(current), patch) as KObject;
  throw new Error(`patch type ${type} is not supported yet`);
}

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
