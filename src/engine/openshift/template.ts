/**
 * Template processing as the template API does it: parameter values from the caller, else the default,
 * else generated (`generate: expression` with `from` such as `[a-zA-Z0-9]{40}`); `${NAME}` substituted in
 * strings and `${{NAME}}` replaced by the parameter's JSON value; required parameters without a value
 * are an error.
 */
import type { KObject } from '../api/types';
import type { Rng } from '../sim/rng';

export interface TemplateParameter {
  name: string;
  displayName?: string;
  description?: string;
  value?: string;
  generate?: string;
  from?: string;
  required?: boolean;
}

export interface ProcessedTemplate {
  objects: KObject[];
  parameters: (TemplateParameter & { value: string; generated: boolean })[];
  labels: Record<string, string>;
  /** The template's message with parameters substituted (new-app prints it). */
  message?: string;
}

export class TemplateError extends Error {}

const CLASSES: Record<string, string> = {
  '\\w': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_',
  '\\d': '0123456789',
  '\\a': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '\\A': '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

function expandClass(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) {
      out += CLASSES[`\\${body[i + 1]}`] ?? body[i + 1];
      i++;
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let c = body.charCodeAt(i); c <= body.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += body[i];
  }
  return out;
}

/** A value matching the expression generator's subset: literals, `[...]` / `\w` classes, `{n}` counts. */
export function generateExpression(from: string, rng: Rng): string {
  let out = '';
  let i = 0;
  while (i < from.length) {
    let chars: string | undefined;
    if (from[i] === '[') {
      const end = from.indexOf(']', i + 1);
      if (end < 0) throw new TemplateError(`malformed expression "${from}"`);
      chars = expandClass(from.slice(i + 1, end));
      i = end + 1;
    } else if (from[i] === '\\' && i + 1 < from.length) {
      chars = CLASSES[from.slice(i, i + 2)] ?? from[i + 1];
      i += 2;
    } else {
      chars = from[i];
      i++;
    }
    let count = 1;
    const m = /^\{(\d+)\}/.exec(from.slice(i));
    if (m) {
      count = Number(m[1]);
      i += m[0].length;
    }
    for (let n = 0; n < count; n++) out += chars.length === 1 ? chars : chars[rng.int(0, chars.length - 1)];
  }
  return out;
}

function substitute(value: unknown, params: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\{([a-zA-Z0-9_]+)\}\}$/.exec(value);
    if (whole && params.has(whole[1])) {
      const raw = params.get(whole[1]) ?? '';
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    }
    return value.replace(/\$\{\{?([a-zA-Z0-9_]+)\}?\}/g, (m, name) => params.get(name) ?? m);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, params));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[substitute(k, params) as string] = substitute(v, params);
    return out;
  }
  return value;
}

/** Process `template` with `values` (NAME=value); generated values come from `rng`. */
export function processTemplate(
  template: KObject,
  values: Record<string, string>,
  rng: Rng,
): ProcessedTemplate {
  const declared = (template.parameters ?? []) as TemplateParameter[];
  for (const name of Object.keys(values)) {
    if (!declared.some((p) => p.name === name)) throw new TemplateError(`unknown parameter name "${name}"`);
  }
  const params = new Map<string, string>();
  const parameters: ProcessedTemplate['parameters'] = [];
  for (const p of declared) {
    let value = values[p.name] ?? p.value ?? '';
    let generated = false;
    if (values[p.name] === undefined && !p.value && p.generate === 'expression' && p.from) {
      value = generateExpression(p.from, rng);
      generated = true;
    }
    if (p.required && value === '') {
      throw new TemplateError(`parameter ${p.name} is required and must be specified`);
    }
    params.set(p.name, value);
    parameters.push({ ...p, value, generated });
  }
  const labels: Record<string, string> =
    (substitute(template.labels ?? {}, params) as Record<string, string>) ?? {};
  const objects = ((template.objects ?? []) as KObject[]).map((o) => {
    const obj = substitute(o, params) as KObject;
    if (Object.keys(labels).length === 0) return obj;
    return { ...obj, metadata: { ...obj.metadata, labels: { ...labels, ...(obj.metadata?.labels ?? {}) } } };
  });
  const message =
    typeof template.message === 'string' ? (substitute(template.message, params) as string) : undefined;
  return { objects, parameters, labels, ...(message !== undefined ? { message } : {}) };
}
