/**
 * Client-side `kubectl apply`: the last-applied-configuration annotation and the three-way merge of
 * (last applied, new manifest, live object). Fields the learner removed from the manifest are removed
 * from the live object; fields others set (controllers, `kubectl scale`) survive unless the manifest sets
 * them. Lists of named things merge by their key, as strategic merge patch does.
 */
import { stableStringify } from '../engine/util/objects';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = unknown;
type Obj = Record<string, Json>;

/** Strategic merge keys of the lists learners touch (patchMergeKey in the API types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  topologySpreadConstraints: 'topologyKey',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
};

function isObj(v: Json): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The annotation value kubectl writes: the manifest as JSON with sorted keys, then a newline. */
export function lastAppliedValue(manifest: Obj): string {
  const copy = structuredClone(manifest) as Obj;
  const meta = copy.metadata as Obj | undefined;
  const ann = meta?.annotations as Obj | undefined;
  if (ann) {
    delete ann[LAST_APPLIED];
    if (Object.keys(ann).length === 0) delete meta!.annotations;
  }
  return `${stableStringify(copy)}\n`;
}

/** The manifest with the annotation set, as it is sent to the server. */
export function withLastApplied(manifest: Obj): Obj {
  const value = lastAppliedValue(manifest);
  const meta = (manifest.metadata ?? {}) as Obj;
  return {
    ...manifest,
    metadata: { ...meta, annotations: { ...((meta.annotations as Obj) ?? {}), [LAST_APPLIED]: value } },
  };
}

/** The live object after applying `modified` with `original` (last applied) as the previous intent. */
export function threeWayMerge(original: Json, modified: Json, current: Json, key = ''): Json {
  if (isObj(modified) && isObj(current)) {
    const out: Obj = { ...current };
    const orig = isObj(original) ? original : {};
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    for (const [k, v] of Object.entries(modified)) {
      if (v === null) delete out[k];
      else out[k] = threeWayMerge(orig[k], v, current[k], k);
    }
    return out;
  }
  const mergeKey = key === 'ports' ? portsKey(modified) : MERGE_KEYS[key];
  if (
    mergeKey &&
    Array.isArray(modified) &&
    Array.isArray(current) &&
    modified.every(isObj) &&
    current.every(isObj)
  ) {
    const orig = Array.isArray(original) ? (original.filter(isObj) as Obj[]) : [];
    const find = (list: Obj[], id: Json) => list.find((x) => x[mergeKey] === id);
    const result: Json[] = [];
    for (const m of modified as Obj[]) {
      const cur = find(current as Obj[], m[mergeKey]);
      result.push(cur ? threeWayMerge(find(orig, m[mergeKey]), m, cur) : m);
    }
    for (const c of current as Obj[]) {
      const id = c[mergeKey];
      if (find(modified as Obj[], id)) continue;
      if (find(orig, id)) continue; // removed from the manifest: delete
      result.push(c);
    }
    return result;
  }
  return modified;
}

/** Container ports merge by containerPort, Service ports by port (their patchMergeKeys). */
function portsKey(list: Json): string | undefined {
  if (!Array.isArray(list) || !list.every(isObj)) return undefined;
  if (list.every((p) => 'containerPort' in (p as Obj))) return 'containerPort';
  if (list.every((p) => 'port' in (p as Obj))) return 'port';
  return undefined;
}

/** A JSON merge patch that turns `from` into `to` (what `apply` prints in a patch error). */
export function diffPatch(from: Json, to: Json): Json {
  if (isObj(from) && isObj(to)) {
    const out: Obj = {};
    for (const k of Object.keys(from)) if (!(k in to)) out[k] = null;
    for (const [k, v] of Object.entries(to)) {
      if (stableStringify(from[k]) === stableStringify(v)) continue;
      out[k] = diffPatch(from[k], v);
    }
    return out;
  }
  return to;
}
