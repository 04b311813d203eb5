/**
 * `kubectl explain` as kubectl 1.32 prints it (the OpenAPI v3 plaintext template of
 * staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl): GROUP/KIND/VERSION, FIELD with
 * its `<type>`, DESCRIPTION word-wrapped at 76 columns, FIELDS with `-required-`, or the `--recursive` tree.
 */
import { apiVersionOf, type KindRegistry } from '../api/kinds';
import { definition, rootFor } from './bundle';
import { descriptionsOf } from './descriptions';
import type { SchemaNode } from './types';

export class ExplainError extends Error {}

export interface ExplainOptions {
  recursive?: boolean;
  /** `--api-version` (e.g. `apps/v1`): pick that version of the resource. */
  apiVersion?: string;
}

/**
 * kubectl's `wrap` template function (kubectl 1.32: term.NewWordWrapWriter, i.e. mitchellh/go-wordwrap):
 * word-wrap at `width` columns, keeping line breaks; a word longer than the line stays whole.
 */
export function wrap(s: string, width: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + space.length <= width) out += space;
      } else out += space + word;
      space = '';
      word = '';
      wordLen = 0;
      out += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || wordLen > 0) {
        current += space.length + wordLen;
        out += space + word;
        space = '';
        word = '';
        wordLen = 0;
      }
      space += ch;
    } else {
      word += ch;
      wordLen++;
      if (current + space.length + wordLen > width && wordLen < width) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (wordLen === 0) {
    if (current + space.length <= width) out += space;
  } else out += space + word;
  return out;
}

/** sprig's `indent`: every line (blank ones too) gets the pad. */
function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The template's typeGuess: `integer`, `[]Container`, `map[string]string`, `ObjectMeta`, `Object`. */
export function typeGuess(node: SchemaNode): string {
  if (node.items) return `[]${typeGuess(node.items)}`;
  if (node.additionalProperties) return `map[string]${typeGuess(node.additionalProperties)}`;
  if (node.ref) {
    const d = definition(node.ref);
    if (!d || d.anonymous) return 'Object';
    if (!d.type || d.type === 'object') return lastSegment(node.ref) || 'Object';
    return d.type;
  }
  if (node.type === 'object') return 'Object';
  return node.type ?? 'Object';
}

/** The description template: the field's own text, then its type's (through items and map values). */
function describeField(node: SchemaNode, own: string | undefined): string {
  let out = own ? `${own}\n` : '';
  const follow = (n: SchemaNode) => {
    if (n.ref) {
      const d = definition(n.ref);
      const text = descriptionsOf(n.ref)?.[''];
      if (d && !d.anonymous && text) out += `${text}\n`;
      if (d?.items) follow(d.items);
      if (d?.additionalProperties) follow(d.additionalProperties);
    }
    if (n.items) follow(n.items);
    if (n.additionalProperties) follow(n.additionalProperties);
  };
  follow(node);
  return out;
}

/** The object schema whose fields a node lists (through references, items and map values). */
function fieldsOf(node: SchemaNode): { def: string; schema: SchemaNode } | undefined {
  if (node.ref) {
    const d = definition(node.ref);
    if (!d) return undefined;
    if (d.properties) return { def: node.ref, schema: d };
    return fieldsOf({ ...d, ref: undefined });
  }
  if (node.items) return fieldsOf(node.items);
  if (node.additionalProperties) return fieldsOf(node.additionalProperties);
  return undefined;
}

function enumShort(node: SchemaNode, indentAmount: number): string {
  const values = node.enum ?? (node.ref ? definition(node.ref)?.enum : undefined);
  if (!values?.length) return '';
  const shown = values.slice(0, 4).map((v) => (v === '' ? '""' : String(v)));
  return `\n${' '.repeat(indentAmount)}enum: ${shown.join(', ')}${values.length > 4 ? ', ....' : ''}`;
}

function enumLong(node: SchemaNode): string {
  const values = node.enum ?? (node.ref ? definition(node.ref)?.enum : undefined);
  if (!values?.length) return '';
  return `ENUM:${values.map((v) => `\n    ${v === '' ? '""' : String(v)}`).join('')}`;
}

function fieldList(node: SchemaNode, level: number, recursive: boolean, seen: Set<string>): string {
  const target = fieldsOf(node);
  if (!target || seen.has(target.def)) return '';
  const history = new Set(seen).add(target.def);
  const { def, schema } = target;
  let out = '';
  const indentAmount = level * 2;
  for (const name of Object.keys(schema.properties ?? {}).sort()) {
    const prop = schema.properties![name];
    out += `${indent(name, indentAmount)}\t<${typeGuess(prop)}>`;
    if (schema.required?.includes(name)) out += ' -required-';
    out += `${enumShort(prop, indentAmount)}\n`;
    if (recursive) out += fieldList(prop, level + 1, true, history);
    else
      out += `${indent(wrap(descriptionsOf(def)?.[name] || '<no description>', 78 - indentAmount), indentAmount + 2)}\n\n`;
  }
  return out;
}

/**
 * Explain `deployments`, `deploy.spec.template`, `pods.spec.containers.resources` as kubectl does.
 * Throws ExplainError with kubectl's message for an unknown resource or field.
 */
export function explain(kinds: KindRegistry, resourceOrPath: string, opts: ExplainOptions = {}): string {
  const [resource, ...path] = resourceOrPath.split('.').filter((p) => p !== '');
  let rt = kinds.resolve(resource ?? '');
  if (rt && opts.apiVersion) {
    rt = kinds.all().find((k) => k.plural === rt!.plural && apiVersionOf(k) === opts.apiVersion) ?? undefined;
  }
  if (!rt) throw new ExplainError(`error: the server doesn't have a resource type "${resource ?? ''}"`);
  const root = rootFor(apiVersionOf(rt), rt.kind);
  if (!root)
    throw new ExplainError(`error: GVK ${apiVersionOf(rt)}, Kind=${rt.kind} not found in OpenAPI schema`);
  let out = '';
  if (rt.group) out += `GROUP:      ${rt.group}\n`;
  out += `KIND:       ${rt.kind}\nVERSION:    ${rt.version}\n\n`;

  let node: SchemaNode = { ref: root.definition };
  let own: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const target = fieldsOf(node);
    const field = path[i];
    const prop = target?.schema.properties?.[field];
    if (!target || !prop) throw new ExplainError(`error: field "${field}" does not exist`);
    own = descriptionsOf(target.def)?.[field];
    node = prop;
    if (i === path.length - 1) out += `FIELD: ${field} <${typeGuess(prop)}>\n${enumLong(prop)}\n\n`;
  }
  const text =
    path.length === 0 ? withNewline(descriptionsOf(root.definition)?.['']) : describeField(node, own);
  out += `DESCRIPTION:\n${indent(wrap(text || '<empty>', 76), 4)}\n`;
  const fields = fieldList(node, 1, opts.recursive ?? false, new Set());
  if (fields) out += `FIELDS:\n${fields}`;
  return `${out}\n`;
}

function withNewline(s: string | undefined): string {
  return s ? `${s}\n` : '';
}
