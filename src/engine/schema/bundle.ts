/**
 * The generated schema bundle (definitions, GVK roots) and lookups over it. Kinds registered at run time
 * (custom resources from a CustomResourceDefinition) add their own roots through `registerRoot`.
 */
import generated from './generated/definitions.json';
import { gvkKey, type RootInfo, type SchemaBundle, type SchemaNode } from './types';

const bundle = generated as unknown as SchemaBundle;
const extraRoots = new Map<string, RootInfo>();

export function definition(name: string): SchemaNode | undefined {
  return bundle.definitions[name];
}

/** apiVersion → kind → root, filled on first use (every write looks its kind up several times). */
const rootCache = new Map<string, Map<string, RootInfo | null>>();

/** The root definition of a kind (`apps/v1`, `Deployment`), if the schemas know it. */
export function rootFor(apiVersion: string, kind: string): RootInfo | undefined {
  let byKind = rootCache.get(apiVersion);
  if (!byKind) {
    byKind = new Map();
    rootCache.set(apiVersion, byKind);
  }
  let root = byKind.get(kind);
  if (root === undefined) {
    const key = gvkKey(apiVersion, kind);
    root = extraRoots.get(key) ?? bundle.roots[key] ?? null;
    byKind.set(kind, root);
  }
  return root ?? undefined;
}

export function allRoots(): RootInfo[] {
  return [...Object.values(bundle.roots), ...extraRoots.values()];
}

/** Register a definition and root for a kind served at run time (custom resources). */
export function registerRoot(info: RootInfo, defs: Record<string, SchemaNode>): void {
  for (const [name, node] of Object.entries(defs)) bundle.definitions[name] = node;
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  extraRoots.set(gvkKey(apiVersion, info.kind), info);
  rootCache.get(apiVersion)?.delete(info.kind);
}

/** Follow a reference: the node a field's value is checked against. */
export function resolve(node: SchemaNode): SchemaNode {
  let cur = node;
  for (let i = 0; cur.ref && i < 8; i++) {
    const target = bundle.definitions[cur.ref];
    if (!target) break;
    cur = target;
  }
  return cur;
}

/** The property schema of `node` (resolving references), or undefined. */
export function property(node: SchemaNode, key: string): SchemaNode | undefined {
  return resolve(node).properties?.[key];
}

/** `v1.DeploymentSpec` for `io.k8s.api.apps.v1.DeploymentSpec`: the Go type name decoding errors show. */
export function goTypeName(definitionName: string): string {
  const parts = definitionName.split('.');
  return parts.slice(-2).join('.');
}

const structNames = new Map<string, string>();

/** The Go struct name (`DeploymentSpec`) of a definition. */
export function structName(definitionName: string): string {
  let name = structNames.get(definitionName);
  if (name === undefined) {
    name = definitionName.slice(definitionName.lastIndexOf('.') + 1);
    structNames.set(definitionName, name);
  }
  return name;
}
