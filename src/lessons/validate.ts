/**
 * Validates lesson folders: lesson.yaml against the JSON Schema (schema.ts) with ajv, then what a schema
 * cannot say (Markdown for every step and language, known prerequisites, valid regular expressions,
 * selectors and paths, manifests that parse). Every problem names the file, the line and the field.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { type Document, isMap, isSeq, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { parseLabelSelector } from '../engine/api/selectors';
import { groupByLesson, type LessonFiles, recapPath, stepTextPath } from './loader';
import { parsePath } from './path';
import { CHECK_NODE_SCHEMA, LESSON_SCHEMA } from './schema';
import { LANGS } from './types';

export interface LessonProblem {
  /** Path from the repository root, e.g. `lessons/pods/lesson.yaml`. */
  file: string;
  line?: number;
  column?: number;
  /** The field, e.g. `steps[1].check.op`. */
  field?: string;
  message: string;
}

export function formatProblem(p: LessonProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

let compiled: ReturnType<Ajv['compile']> | undefined;

function schemaValidator() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addSchema(CHECK_NODE_SCHEMA);
    compiled = ajv.compile(LESSON_SCHEMA);
  }
  return compiled;
}

type Segment = string | number;

function fieldName(path: Segment[]): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/** Where a field is in the YAML source: its key when it has one, else the closest node along the path. */
function locate(doc: Document, lc: LineCounter, path: Segment[]): { line?: number; column?: number } {
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
      const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
      if (range) {
        const pos = lc.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = lc.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

function ajvMessage(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `missing required field "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return e.message ?? e.keyword;
  }
}

function ajvPath(e: ErrorObject): Segment[] {
  const segs: Segment[] = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (e.keyword === 'additionalProperties')
    segs.push((e.params as { additionalProperty: string }).additionalProperty);
  return segs;
}

/** Problems in every lesson under `lessons/` (files keyed by their path under `lessons/`). */
export function validateLessonFiles(files: LessonFiles): LessonProblem[] {
  const problems: LessonProblem[] = [];
  const groups = groupByLesson(files);
  const known = new Map<string, number>();
  const parsed: { id: string; raw: Record<string, any>; at: (path: Segment[], msg: string) => void }[] = [];

  for (const [folder, group] of groups) {
    const file = `lessons/${folder}/lesson.yaml`;
    const text = group['lesson.yaml'];
    if (text === undefined) {
      problems.push({ file, message: 'file is missing (every folder under lessons/ is a lesson)' });
      continue;
    }
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lc.linePos(err.pos[0]);
        problems.push({
          file,
          line: pos.line,
          column: pos.col,
          message: `YAML syntax: ${err.message.split('\n')[0]}`,
        });
      }
      continue;
    }
    const raw = doc.toJS() as Record<string, any>;
    const at = (path: Segment[], message: string) =>
      problems.push({
        file,
        ...locate(doc, lc, path),
        field: path.length ? fieldName(path) : undefined,
        message,
      });
    const validate = schemaValidator();
    if (!validate(raw)) {
      const seen = new Set<string>();
      for (const e of validate.errors ?? []) {
        if (e.keyword === 'if') continue; // the branch's own errors say what is wrong
        const path = ajvPath(e);
        const key = `${fieldName(path)}|${ajvMessage(e)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        at(path, ajvMessage(e));
      }
      continue;
    }
    if (raw.id !== folder) at(['id'], `must equal the folder name "${folder}"`);
    if (known.has(raw.id)) at(['id'], `duplicate lesson id "${raw.id}"`);
    known.set(raw.id, raw.order);
    parsed.push({ id: folder, raw, at });
    checkLessonContent(folder, group, raw, at, problems);
  }

  const orders = new Map<number, string>();
  for (const { id, raw, at } of parsed) {
    const other = orders.get(raw.order);
    if (other) at(['order'], `order ${raw.order} is also used by lesson "${other}"`);
    orders.set(raw.order, id);
    (raw.prerequisites ?? []).forEach((p: string, i: number) => {
      const order = known.get(p);
      if (order === undefined) at(['prerequisites', i], `unknown lesson "${p}"`);
      else if (order >= raw.order)
        at(['prerequisites', i], `lesson "${p}" comes later in the course (order ${order})`);
    });
  }
  return problems;
}

function checkLessonContent(
  id: string,
  group: LessonFiles,
  raw: Record<string, any>,
  at: (path: Segment[], msg: string) => void,
  problems: LessonProblem[],
): void {
  const steps = raw.steps as Record<string, any>[];
  const stepIds = new Set<string>();
  steps.forEach((step, i) => {
    if (stepIds.has(step.id)) at(['steps', i, 'id'], `duplicate step id "${step.id}"`);
    stepIds.add(step.id);
    for (const lang of LANGS) {
      const path = stepTextPath(i, lang);
      if (!group[path]?.trim())
        problems.push({
          file: `lessons/${id}/${path}`,
          message: `step ${i + 1} ("${step.id}") has no ${lang} text`,
        });
    }
    if (step.hints.en.length !== step.hints.ja.length)
      at(
        ['steps', i, 'hints'],
        `en has ${step.hints.en.length} hints and ja has ${step.hints.ja.length}: give both languages the same hints`,
      );
    checkNode(step.check, ['steps', i, 'check'], true, at);
    const files = new Set((step.solution.files ?? []).map((f: { path: string }) => f.path));
    if (!step.solution.commands?.length && files.size === 0)
      at(['steps', i, 'solution'], 'give at least one command or file');
  });
  for (const lang of LANGS) {
    if (!group[recapPath(lang)]?.trim())
      problems.push({ file: `lessons/${id}/${recapPath(lang)}`, message: `the ${lang} recap is missing` });
  }
  for (const path of Object.keys(group)) {
    const m = /^steps\/(\d+)\.([a-z]+)\.md$/.exec(path);
    if (path === 'lesson.yaml' || /^recap\.[a-z]+\.md$/.test(path)) continue;
    if (!m) {
      problems.push({
        file: `lessons/${id}/${path}`,
        message: 'unexpected file (expected lesson.yaml, recap.<lang>.md, steps/<n>.<lang>.md)',
      });
      continue;
    }
    const n = Number(m[1]);
    if (n < 1 || n > steps.length)
      problems.push({
        file: `lessons/${id}/${path}`,
        message: `there is no step ${n} (the lesson has ${steps.length})`,
      });
    if (!(LANGS as readonly string[]).includes(m[2]))
      problems.push({ file: `lessons/${id}/${path}`, message: `unknown language "${m[2]}"` });
  }
  (raw.setup?.manifests ?? []).forEach((text: string, i: number) => {
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    for (const d of list) {
      if (d.errors.length)
        at(['setup', 'manifests', i], `YAML syntax: ${d.errors[0].message.split('\n')[0]}`);
      else if (!isMap(d.contents) && !isSeq(d.contents) && d.contents !== null)
        at(['setup', 'manifests', i], 'must be a YAML object');
    }
  });
}

function checkNode(
  node: Record<string, any>,
  path: Segment[],
  top: boolean,
  at: (path: Segment[], msg: string) => void,
): void {
  if (!top && node.within !== undefined)
    at([...path, 'within'], '"within" is only allowed on the step\'s top-level check');
  const tryRegex = (source: string, field: Segment[]) => {
    try {
      new RegExp(source);
    } catch (e) {
      at(field, `invalid regular expression: ${(e as Error).message}`);
    }
  };
  const tryPath = (p: string, field: Segment[]) => {
    try {
      parsePath(p);
    } catch (e) {
      at(field, (e as Error).message);
    }
  };
  if (Array.isArray(node.all)) {
    node.all.forEach((c: any, i: number) => {
      checkNode(c, [...path, 'all', i], false, at);
    });
  } else if (Array.isArray(node.any)) {
    node.any.forEach((c: any, i: number) => {
      checkNode(c, [...path, 'any', i], false, at);
    });
  } else if (node.command !== undefined) tryRegex(node.command, [...path, 'command']);
  else if (node.count !== undefined) {
    if (node.count.selector !== undefined) {
      try {
        parseLabelSelector(node.count.selector);
      } catch (e) {
        at([...path, 'count', 'selector'], `invalid label selector: ${(e as Error).message}`);
      }
    }
    (node.count.where ?? []).forEach((w: any, i: number) => {
      tryPath(w.path, [...path, 'count', 'where', i, 'path']);
      if (w.op === 'matches') tryRegex(String(w.value), [...path, 'count', 'where', i, 'value']);
      needsValue(w, [...path, 'count', 'where', i], at);
    });
  } else if (node.kind !== undefined) {
    if (node.path !== undefined) {
      tryPath(node.path, [...path, 'path']);
      if (node.op === undefined) at([...path, 'op'], 'a check with a path needs an op');
    } else if (node.op !== undefined && node.op !== 'absent' && node.op !== 'exists')
      at([...path, 'op'], 'without a path, op can only be "exists" or "absent"');
    if (node.op === 'matches') tryRegex(String(node.value), [...path, 'value']);
    if (node.path !== undefined) needsValue(node, path, at);
  }
}

function needsValue(
  node: { op?: string; value?: unknown },
  path: Segment[],
  at: (path: Segment[], msg: string) => void,
) {
  const unary = node.op === 'exists' || node.op === 'absent';
  if (!unary && node.value === undefined) at([...path, 'value'], `op "${node.op}" needs a value`);
  if (unary && node.value !== undefined) at([...path, 'value'], `op "${node.op}" takes no value`);
}
