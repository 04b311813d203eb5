/** `-o` formats other than tables: yaml, json, name, jsonpath, custom-columns and go-template. */
import { type ResourceType, resourceId } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import { groupOf, kindPrefix } from './format';
import { executeGoTemplate } from './gotemplate';
import type { OutputFormat } from './index';
import { goSharpV, goSprint, JsonPath } from './jsonpath/eval';
import { toGoJson } from './serialize/json';
import { toYaml } from './serialize/yaml';
import { TABLE_SETTINGS, tabwrite } from './tabwriter';

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/**
 * `-o yaml`, `-o jsonpath={...}`, `-o custom-columns=A:.a`. The `-file` variants carry the file's content
 * as their template (the command reads the file). Unknown formats fail with kubectl's message.
 */
export function parseImpl(value: string): OutputFormat {
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  switch (name) {
    case '':
      return { kind: 'table' };
    case 'wide':
    case 'yaml':
    case 'json':
    case 'name':
      if (eq < 0) return { kind: name };
      break;
    case 'jsonpath':
    case 'jsonpath-file':
    case 'jsonpath-as-json':
      if (arg === '') throw new Error('template format specified but no template given');
      return name === 'jsonpath-as-json'
        ? { kind: 'jsonpath', template: arg, asJson: true }
        : { kind: 'jsonpath', template: arg };
    case 'custom-columns':
    case 'custom-columns-file':
      if (arg === '') throw new Error('custom-columns format specified but no custom columns given');
      return { kind: 'custom-columns', spec: arg };
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
      if (arg === '') throw new Error('template format specified but no template given');
      return { kind: 'go-template', template: arg };
  }
  throw new Error(
    `unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED}`,
  );
}

/** kubectl get prints what it listed as a `kind: List`; one named object prints as itself. */
function subject(objects: StoredObject[], single: boolean): unknown {
  if (single && objects.length === 1) return stripManagedFields(objects[0]);
  return {
    apiVersion: 'v1',
    items: objects.map(stripManagedFields),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

/** --show-managed-fields defaults to false. */
function stripManagedFields(o: StoredObject): StoredObject {
  if (!('managedFields' in o.metadata)) return o;
  const { managedFields: _omit, ...metadata } = o.metadata;
  return { ...o, metadata } as StoredObject;
}

export function printObjectsImpl(
  rt: ResourceType | undefined,
  objects: StoredObject[],
  format: OutputFormat,
  opts: { single: boolean; nowMs: number; noHeaders?: boolean },
): string {
  switch (format.kind) {
    case 'yaml':
      return toYaml(subject(objects, opts.single));
    case 'json':
      return `${toGoJson(subject(objects, opts.single))}\n`;
    case 'name':
      return objects.map((o) => `${nameOf(rt, o)}\n`).join('');
    case 'jsonpath':
      return printJsonPath(format.template, subject(objects, opts.single), !!format.asJson);
    case 'custom-columns':
      return printCustomColumns(format.spec, objects, !!opts.noHeaders);
    case 'go-template':
      return executeGoTemplate(format.template, subject(objects, opts.single));
    default:
      throw new Error(`printObjects does not print tables (${format.kind}); use printTable`);
  }
}

/** `deployment.apps/web`, `pod/web-x`. */
function nameOf(rt: ResourceType | undefined, o: StoredObject): string {
  const group = rt ? rt.group : groupOf(o.apiVersion);
  const kind = rt ? rt.kind : o.kind;
  return `${kindPrefix(kind, group)}/${o.metadata.name}`;
}

function printJsonPath(template: string, data: unknown, asJson: boolean): string {
  let jp: JsonPath;
  try {
    jp = new JsonPath(template).allowMissing(true);
  } catch (e) {
    throw new Error(`error parsing jsonpath ${template}, ${(e as Error).message}\n`);
  }
  try {
    return jp.execute(data, asJson);
  } catch (e) {
    throw new Error(
      `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${(e as Error).message}. ` +
        'Printing more information for debugging the template:\n' +
        `\ttemplate was:\n\t\t${template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n\n`,
    );
  }
}

/**
 * `-o custom-columns-file=FILE`: the file holds a line of headers and a line of JSONPaths, separated by
 * whitespace. Returns the equivalent `custom-columns=` spec (the command reads the file).
 */
export function customColumnsSpecFromFile(content: string): string {
  const lines = content.split('\n');
  const format =
    'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (lines.length < 1 || lines[0].trim() === '')
    throw new Error(`invalid template, missing header line. ${format}`);
  if (lines.length < 2 || lines[1].trim() === '')
    throw new Error(`invalid template, missing spec line. ${format}`);
  const headers = lines[0].trim().split(/\s+/);
  const specs = lines[1].trim().split(/\s+/);
  if (headers.length !== specs.length) {
    throw new Error(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((h, i) => `${h}:${specs[i]}`).join(',');
}

/** `{.a.b}` from `.a.b`, `a.b` or `{a.b}` (RelaxedJSONPathExpression, also used by --sort-by). */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) {
    throw new Error(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}

function printCustomColumns(spec: string, objects: StoredObject[], noHeaders: boolean): string {
  const columns = spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const header = part.slice(0, i);
    const path = relaxedJsonPath(part.slice(i + 1));
    let jp: JsonPath;
    try {
      jp = new JsonPath(path).allowMissing(true);
    } catch (e) {
      throw new Error(`${(e as Error).message}`);
    }
    return { header, jp };
  });
  const lines: string[] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  for (const o of objects) {
    const cells = columns.map(({ jp }) => {
      const groups = jp.findResults(stripManagedFields(o));
      if (groups.length === 0 || groups[0].length === 0) return '<none>';
      return groups.flatMap((g) => g.map(goSprint)).join(',');
    });
    lines.push(cells.join('\t'));
  }
  return tabwrite(`${lines.join('\n')}\n`, TABLE_SETTINGS);
}

export { resourceId };
