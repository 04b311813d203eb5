/**
 * `oc create|apply|replace --validate=warn|ignore|false`: the server's field validation then drops unknown
 * fields instead of failing the request (Warn also answers `Warning: unknown field "spec.triggers"`, which
 * oc prints before the object's line). The shared sample templates need it: their Deployment still carries
 * the DeploymentConfig-era `spec.triggers`, which the default (`--validate=strict`) rejects as real oc does.
 * Done here by decoding the input against the schema and sending it without the unknown fields.
 */
import YAML from 'yaml';
import type { KindRegistry } from '../../engine/api/kinds';
import { rootFor } from '../../engine/schema';
import { decodeObject } from '../../engine/schema/decode';
import { readSources, splitDocuments } from '../manifests';
import type { LabFiles } from '../types';

type Any = any;
const VERBS = new Set(['create', 'apply', 'replace']);

export interface RelaxedInput {
  words: string[];
  stdin: string;
  /** `kind.group/name` → the warnings to print before that object's line. */
  warnings: Map<string, string[]>;
}

/** Remove `a.b[0].c` from `obj`. */
function deletePath(obj: Any, path: string): void {
  const segs = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cur = obj;
  for (let i = 0; i < segs.length - 1 && cur; i++) {
    const s = segs[i];
    cur = s.startsWith('[') ? cur[Number(s.slice(1, -1))] : cur[s];
  }
  const last = segs[segs.length - 1];
  if (cur && last && !last.startsWith('[')) delete cur[last];
}

/** The input rewritten without unknown fields, or undefined when the command validates strictly. */
export function relaxFieldValidation(
  words: string[],
  kinds: KindRegistry,
  io: { files?: LabFiles; stdin?: string; cwd?: string },
): RelaxedInput | undefined {
  const verb = words.find((w) => !w.startsWith('-'));
  if (!verb || !VERBS.has(verb)) return undefined;
  let mode: string | undefined;
  let file: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('--validate=')) mode = w.slice('--validate='.length);
    else if (w === '--validate') mode = words[++i];
    else if (w === '-f' || w === '--filename') {
      if (file !== undefined) return undefined;
      file = words[++i];
      rest.push('-f', '-');
    } else if (/^(-f|--filename)=/.test(w)) {
      if (file !== undefined) return undefined;
      file = w.slice(w.indexOf('=') + 1);
      rest.push('-f', '-');
    } else rest.push(w);
  }
  if (!mode || !['warn', 'ignore', 'false'].includes(mode) || file === undefined) return undefined;
  const [{ text }] = readSources([file], io);
  const items: Any[] = [];
  const warnings = new Map<string, string[]>();
  for (const doc of splitDocuments(text)) {
    const value = YAML.parse(doc, { schema: 'yaml-1.1', uniqueKeys: false });
    if (!value || typeof value !== 'object') continue;
    for (const obj of value.kind === 'List' && Array.isArray(value.items) ? value.items : [value]) {
      const root = obj?.apiVersion && obj?.kind ? rootFor(obj.apiVersion, obj.kind) : undefined;
      const unknown = root ? decodeObject(root.definition, obj, root.source !== 'crd').unknown : [];
      for (const p of unknown) deletePath(obj, p);
      const rt = unknown.length && mode === 'warn' ? kinds.forObject(obj) : undefined;
      if (rt) {
        const key = `${rt.singular}${rt.group ? `.${rt.group}` : ''}/${obj.metadata?.name ?? ''}`;
        warnings.set(
          key,
          unknown.map((p) => `Warning: unknown field ${JSON.stringify(p)}`),
        );
      }
      items.push(obj);
    }
  }
  return { words: rest, stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), warnings };
}

/** Put each object's warnings before its `<kind>/<name> created` line, as oc prints them. */
export function withWarnings(output: string, warnings: Map<string, string[]>): string {
  if (warnings.size === 0) return output;
  return output
    .split('\n')
    .map((line) => {
      const key = line.split(' ')[0];
      const w = warnings.get(key);
      return w ? `${w.join('\n')}\n${line}` : line;
    })
    .join('\n');
}
