/**
 * Evaluating a parsed JSONPath template over plain JSON values, with client-go's semantics: each top-level
 * node gives one group of results, values in a group print separated by spaces, maps and arrays print as
 * compact JSON, `range` repeats the nodes up to `end` for each value.
 */
import { toGoJson } from '../serialize/json';
import { goFloatOrInt } from '../serialize/yaml';
import { type JpList, type JpNode, parseTemplate } from './parser';

type Value = unknown;

export class JsonPath {
  private readonly root: JpList;
  private allowMissingKeys = false;

  /** Throws the parser's error (`unclosed action`, ...). */
  constructor(readonly template: string) {
    this.root = parseTemplate(template);
  }

  allowMissing(allow: boolean): this {
    this.allowMissingKeys = allow;
    return this;
  }

  /** Groups of results, one per top-level node (range bodies repeated per value). */
  findResults(data: Value): Value[][] {
    const state = { inRange: 0 };
    return this.run(this.root.nodes, data, state).results;
  }

  /** The printed text, as `kubectl -o jsonpath` writes it (no trailing newline added). */
  execute(data: Value, outputJson = false): string {
    let out = '';
    for (const group of this.findResults(data)) out += printResults(group, outputJson);
    return out;
  }

  /**
   * Runs `nodes` against `data`. Returns the results and, when an `end` closed the current range body,
   * how many nodes were consumed so the caller can resume after it.
   */
  private run(
    nodes: JpNode[],
    data: Value,
    state: { inRange: number },
  ): { results: Value[][]; consumed: number } {
    const results: Value[][] = [];
    const cur: Value[] = [data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const flags = { begin: false, end: false };
      const values = this.walk(cur, node, flags, state);
      if (flags.end) return { results, consumed: i + 1 };
      if (flags.begin) {
        state.inRange++;
        const body = nodes.slice(i + 1);
        let consumed = body.length;
        if (values.length > 0) {
          for (const v of values) {
            const r = this.run(body, v, state);
            results.push(...r.results);
            consumed = r.consumed;
          }
        } else {
          consumed = this.run(body, null, state).consumed;
        }
        state.inRange--;
        i += consumed;
        continue;
      }
      results.push(values);
    }
    return { results, consumed: nodes.length };
  }

  private walk(
    input: Value[],
    node: JpNode,
    flags: { begin: boolean; end: boolean },
    state: { inRange: number },
  ): Value[] {
    switch (node.type) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n, flags, state);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'int':
      case 'float':
      case 'bool':
        return [node.value];
      case 'field':
        return this.evalField(input, node.name);
      case 'wildcard':
        return input.flatMap((v) => children(v));
      case 'recursive':
        return input.flatMap((v) => descend(v));
      case 'array':
        return this.evalArray(input, node.params);
      case 'union':
        return node.lists.flatMap((l) => this.walk(input, l, flags, state));
      case 'filter':
        return this.evalFilter(input, node, state);
      case 'identifier':
        if (node.name === 'range') {
          flags.begin = true;
          return input;
        }
        if (node.name === 'end') {
          if (state.inRange === 0) throw new Error('not in range, nothing to end');
          flags.end = true;
          return input;
        }
        throw new Error(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    if (name === '') return input.filter((v) => v !== null && v !== undefined);
    const results: Value[] = [];
    for (const v of input) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, name)) {
        results.push((v as Record<string, Value>)[name]);
      }
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new Error(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], params: { value: number; known: boolean; derived: boolean }[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new Error(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += len;
      let end = params[1].known ? params[1].value : len;
      if (end < 0 || (end === 0 && params[1].derived)) end += len;
      if (end === start) return result;
      if (start >= len || start < 0)
        throw new Error(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len || end < 0) throw new Error(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end) throw new Error(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new Error('step must be > 0');
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(v[i]);
    }
    return result;
  }

  private evalFilter(
    input: Value[],
    node: Extract<JpNode, { type: 'filter' }>,
    state: { inRange: number },
  ): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new Error(`${goSprint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        const flags = { begin: false, end: false };
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left, flags, state);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new Error('can only compare one element at a time');
        const rights = this.walk([item], node.right, flags, state);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new Error('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }
}

function compare(left: Value, right: Value, op: string): boolean {
  if (typeof left !== typeof right) {
    if (op === '!=') return true;
    if (op === '==') return false;
    throw new Error('incompatible types for comparison');
  }
  const l = left as string | number;
  const r = right as string | number;
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    case '>=':
      return l >= r;
    default:
      throw new Error(`unrecognized filter operator ${op}`);
  }
}

function children(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, Value>;
    return Object.keys(o)
      .sort()
      .map((k) => o[k]);
  }
  return [];
}

/** `..`: the value itself (when it has children) followed by all its descendants. */
function descend(v: Value): Value[] {
  const kids = children(v);
  if (kids.length === 0) return [];
  return [v, ...kids.flatMap((k) => descend(k))];
}

function printResults(values: Value[], outputJson: boolean): string {
  return values
    .map((v) => {
      if (outputJson) return `${toGoJson(v)}\n`;
      if (v !== null && typeof v === 'object') return toGoJson(v, '');
      return goSprint(v);
    })
    .join(' ');
}

/** fmt.Sprint of a JSON value: maps as `map[k:v]`, slices as `[a b]`, nil as `<nil>`. */
export function goSprint(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloatOrInt(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const o = v as Record<string, Value>;
  return `map[${Object.keys(o)
    .sort()
    .map((k) => `${k}:${goSprint(o[k])}`)
    .join(' ')}]`;
}

/** fmt's %#v of a JSON value, as kubectl's jsonpath error message shows the object. */
export function goSharpV(v: Value): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return goFloatOrInt(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  const o = v as Record<string, Value>;
  return `map[string]interface {}{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${goSharpV(o[k])}`)
    .join(', ')}}`;
}

function goTypeName(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'map[string]interface {}';
}
