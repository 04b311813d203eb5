/**
 * Schema-driven decoding, defaulting and validation, from the Kubernetes 1.32, OpenShift and Istio API
 * schemas (compiled by scripts/gen-schemas.ts). The API server calls these three for every write.
 */
import { badRequest, type FieldError, type StatusError } from '../api/errors';
import { type ResourceType, resourceId } from '../api/kinds';
import type { KObject, StoredObject } from '../api/types';
import { rootFor } from './bundle';
import { decodeObject } from './decode';
import { Defaulting } from './defaulting';
import { APPS_DEFAULTERS } from './defaults-apps';
import { CORE_DEFAULTERS } from './defaults-core';
import { CORE_RULES } from './validation/core';
import type { Errs } from './validation/field';
import { nameRuleFor, validateObjectMeta } from './validation/meta';
import { validateAgainstSchema } from './validation/schema-rules';
import { WORKLOAD_RULES } from './validation/workloads';

export { registerRoot, rootFor } from './bundle';

const DEFAULTERS = { ...CORE_DEFAULTERS, ...APPS_DEFAULTERS };
const BUILTIN_DEFAULTING = new Defaulting(DEFAULTERS, false);
const CRD_DEFAULTING = new Defaulting({}, true);

/**
 * Strict decoding: unknown fields and wrong types give the API server's BadRequest, e.g.
 * `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"`.
 */
export function decodeStrict(_rt: ResourceType, obj: KObject): StatusError | null {
  const root = rootFor(obj.apiVersion, obj.kind);
  if (!root) return null;
  const problems = decodeObject(root.definition, obj, root.source !== 'crd');
  let detail: string | null = null;
  if (problems.typeError) detail = problems.typeError;
  else if (problems.unknown.length > 0) {
    detail = `strict decoding error: ${problems.unknown.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`;
  }
  if (detail === null) return null;
  return badRequest(`${obj.kind} in version "${root.version}" cannot be handled as a ${obj.kind}: ${detail}`);
}

/** Defaults the API server fills in (schema defaults and the SetDefaults_* functions), in place. */
export function applyDefaults(_rt: ResourceType, obj: KObject): void {
  const root = rootFor(obj.apiVersion, obj.kind);
  if (!root || root.source === 'openshift') return;
  const defaulting = root.source === 'crd' ? CRD_DEFAULTING : BUILTIN_DEFAULTING;
  const out = defaulting.apply(obj, { ref: root.definition }) as KObject;
  if (out === obj) return;
  for (const key of Object.keys(out)) if (out[key] !== obj[key]) obj[key] = out[key];
}

/**
 * Validation of required fields, names, label values, immutable fields and kind-specific rules. On an
 * update, parts that are the very objects already stored (status writes keep spec by reference) were
 * validated when they were written and are not checked again.
 */
export function validate(rt: ResourceType, obj: KObject, old?: StoredObject): FieldError[] {
  const root = rootFor(obj.apiVersion, obj.kind);
  const errs: Errs = [];
  const id = resourceId(rt);
  validateObjectMeta(obj, nameRuleFor(id, root?.source === 'crd'), errs, old);
  if (root) validateAgainstSchema(obj, root.definition, root.source === 'crd', errs, old);
  if (!old || contentChanged(obj, old)) (CORE_RULES[id] ?? WORKLOAD_RULES[id])?.(obj, old, errs);
  if (errs.length < 2) return errs;
  const seen = new Set<string>();
  return errs.filter((e) => !seen.has(e.message) && seen.add(e.message));
}

/** Whether anything but metadata and status differs (by reference) from the stored object. */
function contentChanged(obj: KObject, old: StoredObject): boolean {
  for (const k in obj) if (k !== 'metadata' && k !== 'status' && obj[k] !== old[k]) return true;
  for (const k in old) if (k !== 'metadata' && k !== 'status' && !(k in obj)) return true;
  return false;
}
