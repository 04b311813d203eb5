/**
 * Reading `-f` sources (lab files, directories, `-` for stdin, bundled URLs) and decoding their YAML or
 * JSON documents the way kubectl's resource builder does, with its error wording: YAML syntax errors as
 * go-yaml words them (line numbers relative to the document), missing apiVersion/kind, unknown kinds.
 */
import YAML from 'yaml';
import type { KindRegistry, ResourceType } from '../engine/api/kinds';
import type { KObject } from '../engine/api/types';
import { CliError } from './errors';
import { bundledSample } from './samples';
import type { LabFiles } from './types';

export interface ManifestItem {
  obj: KObject;
  rt: ResourceType;
  /** The source kubectl names in messages: the path as given, or `STDIN`. */
  source: string;
}

export interface ManifestResult {
  items: ManifestItem[];
  errors: unknown[];
}

export interface SourceOptions {
  files?: LabFiles;
  stdin?: string;
  cwd?: string;
  recursive?: boolean;
}

const MANIFEST_EXT = /\.(ya?ml|json)$/;

export function joinPath(cwd: string | undefined, path: string): string {
  if (path.startsWith('/') || !cwd) return normalize(path);
  return normalize(`${cwd.replace(/\/+$/, '')}/${path}`);
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}

/** Each `-f` value as (source name, text) pairs. Throws kubectl's error for missing paths. */
export function readSources(filenames: string[], opts: SourceOptions): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push({ source: 'STDIN', text: opts.stdin ?? '' });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      const text = opts.files?.read(f) ?? bundledSample(f);
      if (text === undefined)
        throw new CliError(`unable to read URL "${f}", server reported 404 Not Found, status code=404`);
      out.push({ source: f, text });
      continue;
    }
    const full = joinPath(opts.cwd, f);
    const text = opts.files?.read(full);
    if (text !== undefined) {
      out.push({ source: f, text });
      continue;
    }
    const prefix = full === '.' ? '' : `${full.replace(/\/+$/, '')}/`;
    const inDir = (opts.files?.list() ?? [])
      .filter((p) => p.startsWith(prefix) && MANIFEST_EXT.test(p))
      .filter((p) => opts.recursive || !p.slice(prefix.length).includes('/'))
      .sort();
    const isDir = (opts.files?.list() ?? []).some((p) => p.startsWith(prefix));
    if (!isDir) throw new CliError(`the path "${f}" does not exist`);
    if (inDir.length === 0)
      throw new CliError(`error reading [${f}]: recognized file extensions are [.json .yaml .yml]`);
    for (const p of inDir) {
      const shown = `${f.replace(/\/+$/, '')}/${p.slice(prefix.length)}`;
      out.push({ source: shown, text: opts.files!.read(p) ?? '' });
    }
  }
  return out;
}

/** Split a stream at `---` lines, as kubectl's YAMLReader does (each document then counts lines from 1). */
export function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (/^---(\s.*)?$/.test(line)) {
      docs.push(cur.join('\n'));
      cur = [];
    } else cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs.filter((d) => d.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#')));
}

/** go-yaml's message for the first syntax error of a document, or undefined when it parses. */
export function yamlSyntaxError(doc: string): string | undefined {
  const parsed = YAML.parseDocument(doc, { schema: 'yaml-1.1', uniqueKeys: false, prettyErrors: true });
  if (parsed.errors.length === 0) return undefined;
  const errs = parsed.errors;
  const implicit = errs.filter(
    (e) => e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY',
  );
  if (implicit.length > 0) {
    const line = Math.max(...implicit.map((e) => e.linePos?.[1]?.line ?? e.linePos?.[0]?.line ?? 1));
    return `yaml: line ${line}: mapping values are not allowed in this context`;
  }
  const e = errs[0];
  const line = e.linePos?.[0]?.line ?? 1;
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return `yaml: line ${line}: found character that cannot start any token`;
    case 'MISSING_CHAR':
      if (/quote/.test(e.message))
        return `yaml: line ${Math.min(line, doc.replace(/\n+$/, '').split('\n').length)}: found unexpected end of stream`;
      if (/Flow map/.test(e.message)) return `yaml: line ${line}: did not find expected ',' or '}'`;
      if (/Flow sequence/.test(e.message)) return `yaml: line ${line}: did not find expected ',' or ']'`;
      if (/Sequence item/.test(e.message)) return `yaml: line ${line}: did not find expected '-' indicator`;
      return `yaml: line ${line}: did not find expected key`;
    case 'BAD_INDENT':
      if (/Flow sequence/.test(e.message)) return `yaml: line ${line}: did not find expected ',' or ']'`;
      if (/Flow mapping/.test(e.message)) return `yaml: line ${line}: did not find expected ',' or '}'`;
      return `yaml: line ${line}: did not find expected key`;
    default:
      return `yaml: line ${line}: did not find expected key`;
  }
}

/** Decode one source's documents into objects (a `List` expands into its items). */
export function decodeSource(source: string, text: string, kinds: KindRegistry): ManifestResult {
  const items: ManifestItem[] = [];
  const errors: unknown[] = [];
  for (const doc of splitDocuments(text)) {
    const syntax = yamlSyntaxError(doc);
    if (syntax) {
      // The stream stops at a syntax error: later documents are never read.
      errors.push(new CliError(`error parsing ${source}: error converting YAML to JSON: ${syntax}`));
      break;
    }
    const value = YAML.parse(doc, { schema: 'yaml-1.1', uniqueKeys: false });
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      const what = Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value;
      errors.push(
        new CliError(
          `unable to decode "${source}": json: cannot unmarshal ${what} into Go value of type map[string]interface {}`,
        ),
      );
      continue;
    }
    const objs = value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
    for (const obj of objs) {
      const missing = [
        ...(obj.apiVersion ? [] : ['apiVersion not set']),
        ...(obj.kind ? [] : ['kind not set']),
      ];
      if (missing.length > 0) {
        const detail = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
        errors.push(
          new CliError(
            `error validating "${source}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`,
          ),
        );
        continue;
      }
      const rt = kinds.forObject(obj);
      if (!rt) {
        const name = obj.metadata?.name ?? '';
        const ns = obj.metadata?.namespace ?? '';
        errors.push(
          new CliError(
            `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
          ),
        );
        continue;
      }
      obj.metadata ??= {};
      items.push({ obj: obj as KObject, rt, source });
    }
  }
  return { items, errors };
}

/** Read and decode every `-f` source. Read errors (missing paths) throw; decode errors are collected. */
export function loadManifests(filenames: string[], opts: SourceOptions, kinds: KindRegistry): ManifestResult {
  const result: ManifestResult = { items: [], errors: [] };
  for (const { source, text } of readSources(filenames, opts)) {
    const r = decodeSource(source, text, kinds);
    result.items.push(...r.items);
    result.errors.push(...r.errors);
  }
  return result;
}
