/**
 * The compact schema form scripts/gen-schemas.ts writes to generated/definitions.json. One node describes
 * a field: a reference to a named definition, or an inline type. Descriptions live in a separate file
 * (generated/descriptions.json) so the engine bundle does not carry them.
 */

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface SchemaNode {
  /** Name of a definition in `SchemaBundle.definitions`. */
  ref?: string;
  type?: SchemaType;
  properties?: Record<string, SchemaNode>;
  /** Map values (`additionalProperties`). */
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  /** int32, int64, double, date-time, byte... */
  format?: string;
  default?: unknown;
  intOrString?: boolean;
  /** resource.Quantity: a string or number that must parse as a quantity. */
  quantity?: boolean;
  preserveUnknownFields?: boolean;
  nullable?: boolean;
  mergeKey?: string;
  /** `merge`, `replace`, `retainKeys`, `merge,retainKeys`. */
  patchStrategy?: string;
  listType?: string;
  listMapKeys?: string[];
  /** A definition hoisted out of a CRD's inline schema: `kubectl explain` prints it as `Object`. */
  anonymous?: boolean;
}

export interface RootInfo {
  group: string;
  version: string;
  kind: string;
  definition: string;
  /** `k8s` (Go types: strict JSON errors), `openshift` (Go types) or `crd` (structural schema). */
  source: 'k8s' | 'openshift' | 'crd';
}

export interface SchemaBundle {
  definitions: Record<string, SchemaNode>;
  /** `apps/v1|Deployment` → root definition. */
  roots: Record<string, RootInfo>;
}

/** Per definition: `''` is the type's own description, other keys are its properties' descriptions. */
export type DescriptionBundle = Record<string, Record<string, string>>;

export function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}
