/**
 * JSON Schema (draft-07) per kind for the Monaco YAML editor (monaco-yaml): the same definitions the API
 * server validates with, `apiVersion`/`kind` pinned by enum so the editor can tell kinds apart, unknown
 * fields flagged (additionalProperties: false), and descriptions for hovers.
 */
import { allRoots, definition, rootFor } from './bundle';
import { descriptionsOf } from './descriptions';
import type { SchemaNode } from './types';

type JSONSchema = Record<string, unknown>;

function convert(node: SchemaNode, description: string | undefined, needed: Set<string>): JSONSchema {
  const out: JSONSchema = {};
  if (description) out.description = description;
  if (node.ref) {
    const d = definition(node.ref);
    if (d?.quantity) return { ...out, anyOf: [{ type: 'string' }, { type: 'number' }] };
    if (d?.intOrString) return { ...out, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    needed.add(node.ref);
    return { ...out, $ref: `#/definitions/${node.ref}` };
  }
  if (node.intOrString) return { ...out, anyOf: [{ type: 'integer' }, { type: 'string' }] };
  if (node.type) out.type = node.nullable ? [node.type, 'null'] : node.type;
  if (node.enum) out.enum = node.enum;
  if (node.format && node.format !== 'int-or-string') out.format = node.format;
  if (node.items) out.items = convert(node.items, undefined, needed);
  if (node.additionalProperties)
    out.additionalProperties = convert(node.additionalProperties, undefined, needed);
  return out;
}

function convertDefinition(name: string, needed: Set<string>): JSONSchema {
  const d = definition(name)!;
  const desc = descriptionsOf(name) ?? {};
  const out = convert({ ...d, ref: undefined }, d.anonymous ? undefined : desc[''], needed);
  if (d.properties) {
    out.type = 'object';
    out.properties = Object.fromEntries(
      Object.entries(d.properties).map(([k, p]) => [k, convert(p, desc[k], needed)]),
    );
    const required = (d.required ?? []).filter((k) => d.properties?.[k]?.default === undefined);
    if (required.length) out.required = required;
    if (!d.preserveUnknownFields) out.additionalProperties = false;
  }
  return out;
}

function collect(rootName: string, into: Record<string, JSONSchema>): void {
  const queue = [rootName];
  while (queue.length) {
    const name = queue.pop()!;
    if (into[name] || !definition(name)) continue;
    const needed = new Set<string>();
    into[name] = convertDefinition(name, needed);
    queue.push(...needed);
  }
}

/** The schema of one kind, self-contained, or undefined when the kind has no schema. */
export function jsonSchemaFor(apiVersion: string, kind: string): JSONSchema | undefined {
  const root = rootFor(apiVersion, kind);
  if (!root) return undefined;
  const definitions: Record<string, JSONSchema> = {};
  collect(root.definition, definitions);
  const base = definitions[root.definition];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...base,
    properties: {
      ...(base.properties as object),
      apiVersion: {
        type: 'string',
        enum: [apiVersion],
        description: descriptionsOf(root.definition)?.apiVersion,
      },
      kind: { type: 'string', enum: [kind], description: descriptionsOf(root.definition)?.kind },
    },
    required: [...new Set(['apiVersion', 'kind', ...((base.required as string[]) ?? [])])],
    definitions,
  };
}

/**
 * One schema for any manifest among `kinds` (every known kind by default): each document is checked
 * against the kind its apiVersion/kind name, and the editor completes apiVersion and kind.
 */
export function combinedJsonSchema(kinds?: { apiVersion: string; kind: string }[]): JSONSchema {
  const list =
    kinds ??
    allRoots().map((r) => ({ apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind }));
  const definitions: Record<string, JSONSchema> = {};
  const branches: JSONSchema[] = [];
  for (const { apiVersion, kind } of list) {
    const root = rootFor(apiVersion, kind);
    if (!root) continue;
    collect(root.definition, definitions);
    branches.push({
      if: {
        properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
        required: ['apiVersion', 'kind'],
      },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then.
      then: { $ref: `#/definitions/${root.definition}` },
    });
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(list.map((k) => k.apiVersion))].sort() },
      kind: { type: 'string', enum: [...new Set(list.map((k) => k.kind))].sort() },
    },
    allOf: branches,
    definitions,
  };
}
