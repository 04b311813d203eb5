/**
 * Compiles raw OpenAPI schemas (v3 components, Swagger 2.0 definitions, a CRD's openAPIV3Schema) into the
 * compact SchemaNode form. Used by scripts/gen-schemas.ts at build time and by the API server at run time
 * for CustomResourceDefinitions a learner creates.
 */
import type { SchemaNode, SchemaType } from './types';

export type RawSchema = any;

export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

export class SchemaCompiler {
  readonly definitions = new Map<string, SchemaNode>();
  readonly descriptions = new Map<string, Record<string, string>>();

  addDescription(def: string, key: string, text: unknown): void {
    if (typeof text !== 'string' || text === '') return;
    let d = this.descriptions.get(def);
    if (!d) {
      d = {};
      this.descriptions.set(def, d);
    }
    d[key] = text;
  }

  /**
   * Convert one raw node. With `hoist` (CRD schemas), every inline object with properties becomes its own
   * anonymous definition named `<owner>/<path>`, so descriptions stay keyed by definition.
   */
  convert(raw: RawSchema, owner: string, path: string, hoist: boolean): SchemaNode {
    const node: SchemaNode = {};
    let ref: string | undefined = raw.$ref;
    if (!ref && Array.isArray(raw.allOf) && raw.allOf.length === 1 && raw.allOf[0].$ref && !raw.properties) {
      ref = raw.allOf[0].$ref;
    }
    if (ref) node.ref = refName(ref);
    if (raw.type) node.type = raw.type as SchemaType;
    if (raw.format) node.format = raw.format;
    if (raw.format === 'int-or-string' || raw['x-kubernetes-int-or-string']) node.intOrString = true;
    if (raw['x-kubernetes-preserve-unknown-fields']) node.preserveUnknownFields = true;
    if (raw.nullable) node.nullable = true;
    if (Array.isArray(raw.enum)) node.enum = raw.enum;
    if (raw.default !== undefined) node.default = raw.default;
    if (Array.isArray(raw.required) && raw.required.length) node.required = [...raw.required];
    if (raw['x-kubernetes-patch-merge-key']) node.mergeKey = raw['x-kubernetes-patch-merge-key'];
    if (raw['x-kubernetes-patch-strategy']) node.patchStrategy = raw['x-kubernetes-patch-strategy'];
    if (raw['x-kubernetes-list-type']) node.listType = raw['x-kubernetes-list-type'];
    if (raw['x-kubernetes-list-map-keys']) node.listMapKeys = raw['x-kubernetes-list-map-keys'];
    if (raw.items && typeof raw.items === 'object')
      node.items = this.convert(raw.items, owner, `${path}[]`, hoist);
    if (raw.additionalProperties && typeof raw.additionalProperties === 'object') {
      node.additionalProperties = this.convert(raw.additionalProperties, owner, `${path}{}`, hoist);
    } else if (raw.additionalProperties === true) {
      node.preserveUnknownFields = true;
    }
    if (raw.properties) {
      if (hoist && path !== '') {
        const name = `${owner}/${path}`;
        const hoisted: SchemaNode = { ...node, anonymous: true };
        delete hoisted.default;
        hoisted.properties = this.convertProperties(raw, name, hoist);
        this.addDescription(name, '', raw.description);
        this.definitions.set(name, hoisted);
        const out: SchemaNode = { ref: name };
        if (node.default !== undefined) out.default = node.default;
        if (node.nullable) out.nullable = true;
        return out;
      }
      node.properties = this.convertProperties(raw, owner, hoist);
    }
    return node;
  }

  convertProperties(raw: RawSchema, def: string, hoist: boolean): Record<string, SchemaNode> {
    const out: Record<string, SchemaNode> = {};
    for (const key of Object.keys(raw.properties).sort()) {
      const prop = raw.properties[key];
      this.addDescription(def, key, prop.description);
      out[key] = this.convert(prop, def, key, hoist);
    }
    return out;
  }

  /** A named definition (Kubernetes or OpenShift); the first one registered under a name wins. */
  addDefinition(name: string, raw: RawSchema): void {
    if (this.definitions.has(name)) return;
    this.addDescription(name, '', raw.description);
    const node = this.convert({ ...raw, properties: undefined }, name, '', false);
    if (raw.properties) node.properties = this.convertProperties(raw, name, false);
    if (name === QUANTITY) {
      node.quantity = true;
      delete node.type;
    }
    this.definitions.set(name, node);
  }

  /** A custom resource's root definition from its openAPIV3Schema; returns the definition name. */
  addCustomResource(group: string, version: string, kind: string, schema: RawSchema): string {
    const name = `${group.split('.').reverse().join('.')}.${version}.${kind}`;
    this.addDescription(name, '', schema.description);
    const root = this.convert({ ...schema, properties: undefined }, name, '', true);
    const props: Record<string, SchemaNode> = schema.properties
      ? this.convertProperties(schema, name, true)
      : {};
    // A custom resource always has these, whatever its schema lists.
    props.apiVersion ??= { type: 'string' };
    props.kind ??= { type: 'string' };
    props.metadata ??= { ref: OBJECT_META };
    root.properties = Object.fromEntries(
      Object.keys(props)
        .sort()
        .map((k) => [k, props[k]]),
    );
    root.type = 'object';
    this.definitions.set(name, root);
    return name;
  }
}
