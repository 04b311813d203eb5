/**
 * A Go text/template subset for `-o go-template=...`: fields (`.a.b`, `$`, `$var.x`), pipelines with
 * `index`, `len`, `printf`, `print`, `println`, `eq`/`ne`/`lt`/`le`/`gt`/`ge`, `and`/`or`/`not`,
 * `base64decode` (kubectl's addition), string literals, `range` (with `$i, $e :=`), `if`/`else if`/`else`,
 * `with`, and `{{-`/`-}}` trimming. Missing map keys print `<no value>`, as Go's templates do.
 */
import { goSprint } from './jsonpath/eval';

type Value = unknown;
type Node =
  | { t: 'text'; s: string }
  | { t: 'action'; pipe: string }
  | { t: 'range' | 'with'; pipe: string; body: Node[]; elseBody: Node[] }
  | { t: 'if'; pipe: string; body: Node[]; elseBody: Node[] };

export function executeGoTemplate(template: string, data: Value): string {
  const tokens = lex(template);
  const [nodes, , stop] = parseNodes(tokens, 0, template);
  if (stop) throw new Error(`template: output:1: unexpected {{${stop.split(/\s/)[0]}}}`);
  return exec(nodes, data, { $: data });
}

function lex(src: string): { text?: string; action?: string }[] {
  const out: { text?: string; action?: string }[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src[start] === '-' && src[start + 1] === ' ') {
      text = text.trimEnd();
      start++;
    }
    out.push({ text });
    const close = findClose(src, start);
    if (close < 0) throw new Error('template: output:1: unclosed action');
    let body = src.slice(start, close);
    let next = close + 2;
    if (body.endsWith(' -')) {
      body = body.slice(0, -2);
      while (next < src.length && /\s/.test(src[next])) next++;
    }
    out.push({ action: body.trim() });
    i = next;
  }
  return out;
}

function findClose(src: string, from: number): number {
  let quote = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '}' && src[i + 1] === '}') return i;
  }
  return -1;
}

/**
 * A block after its opening action: the body up to `else` or `end`; `else if X` is an `if` nested in the
 * else branch that shares the outer `end`, as in Go's parser.
 */
function parseBlock(
  tokens: { text?: string; action?: string }[],
  pos: number,
  src: string,
  word: 'range' | 'if' | 'with',
  pipe: string,
): [Node, number] {
  const [body, p2, stop] = parseNodes(tokens, pos, src);
  let elseBody: Node[] = [];
  pos = p2;
  const elseIf = /^else\s+if\s+(.*)$/s.exec(stop);
  if (elseIf) {
    const [inner, p3] = parseBlock(tokens, pos, src, 'if', elseIf[1]);
    elseBody = [inner];
    pos = p3;
  } else if (stop.startsWith('else')) {
    const [inner, p3, stop2] = parseNodes(tokens, pos, src);
    if (!stop2.startsWith('end')) throw new Error('template: output:1: unexpected EOF');
    elseBody = inner;
    pos = p3;
  } else if (!stop.startsWith('end')) throw new Error('template: output:1: unexpected EOF');
  return [{ t: word, pipe, body, elseBody } as Node, pos];
}

function parseNodes(
  tokens: { text?: string; action?: string }[],
  pos: number,
  src: string,
): [Node[], number, string] {
  const nodes: Node[] = [];
  while (pos < tokens.length) {
    const tok = tokens[pos++];
    if (tok.text !== undefined) {
      if (tok.text) nodes.push({ t: 'text', s: tok.text });
      continue;
    }
    const a = tok.action!;
    if (a.startsWith('/*')) continue;
    const kw = /^(range|if|with|else|end)\b\s*(.*)$/s.exec(a);
    if (!kw) {
      nodes.push({ t: 'action', pipe: a });
      continue;
    }
    const [, word, rest] = kw;
    if (word === 'end' || word === 'else') return [nodes, pos, a];
    const [node, p2] = parseBlock(tokens, pos, src, word as 'range' | 'if' | 'with', rest);
    nodes.push(node);
    pos = p2;
  }
  return [nodes, pos, ''];
}

type Vars = Record<string, Value>;

function exec(nodes: Node[], dot: Value, vars: Vars): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'action') {
      const assign = /^\$(\w*)\s*:?=\s*(.*)$/s.exec(n.pipe);
      if (assign) vars[`$${assign[1]}`] = evalPipe(assign[2], dot, vars);
      else out += printValue(evalPipe(n.pipe, dot, vars));
    } else if (n.t === 'if') {
      out += truthy(evalPipe(n.pipe, dot, vars)) ? exec(n.body, dot, vars) : exec(n.elseBody, dot, vars);
    } else if (n.t === 'with') {
      const v = evalPipe(n.pipe, dot, vars);
      out += truthy(v) ? exec(n.body, v, vars) : exec(n.elseBody, dot, vars);
    } else {
      const m = /^\$(\w+)\s*(?:,\s*\$(\w+))?\s*:=\s*(.*)$/s.exec(n.pipe);
      const v = evalPipe(m ? m[3] : n.pipe, dot, vars);
      const entries: [Value, Value][] = Array.isArray(v)
        ? v.map((x, i) => [i, x])
        : v && typeof v === 'object'
          ? Object.keys(v)
              .sort()
              .map((k) => [k, (v as Record<string, Value>)[k]])
          : [];
      if (entries.length === 0) out += exec(n.elseBody, dot, vars);
      for (const [k, x] of entries) {
        const scope = { ...vars };
        if (m) {
          if (m[2] !== undefined) {
            scope[`$${m[1]}`] = k;
            scope[`$${m[2]}`] = x;
          } else scope[`$${m[1]}`] = x;
        }
        out += exec(n.body, x, scope);
      }
    }
  }
  return out;
}

function truthy(v: Value): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function printValue(v: Value): string {
  if (v === undefined) return '<no value>';
  return goSprint(v);
}

/** Splits `a | b c` into commands and each command into arguments (respecting quotes and parens). */
function tokenizeArgs(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (/\s/.test(s[i])) {
      i++;
      continue;
    }
    const start = i;
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      i++;
    } else if (s[i] === '`') {
      i = s.indexOf('`', i + 1) + 1 || s.length;
    } else if (s[i] === '(') {
      let depth = 0;
      for (; i < s.length; i++) {
        if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) {
          i++;
          break;
        }
      }
      // `(index .items 0).metadata.name`: a field chain on the group's value.
      while (i < s.length && !/[\s|()]/.test(s[i])) i++;
    } else if (s[i] === '|') i++;
    else while (i < s.length && !/[\s|()]/.test(s[i])) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

function evalPipe(pipe: string, dot: Value, vars: Vars): Value {
  const parts = tokenizeArgs(pipe);
  const commands: string[][] = [[]];
  for (const p of parts) {
    if (p === '|') commands.push([]);
    else commands[commands.length - 1].push(p);
  }
  let prev: Value;
  let first = true;
  for (const cmd of commands) {
    const args = first ? cmd : [...cmd, PREV];
    prev = evalCommand(args, dot, vars, prev);
    first = false;
  }
  return prev;
}

const PREV = '\u0000prev';

function evalCommand(args: string[], dot: Value, vars: Vars, prev: Value): Value {
  if (args.length === 0) throw new Error('template: output:1: missing value for command');
  const [head, ...rest] = args;
  const val = (a: string) => (a === PREV ? prev : evalArg(a, dot, vars));
  const fn = FUNCS[head];
  if (fn) return fn(...rest.map(val));
  if (rest.length > 0) throw new Error(`template: output:1: function "${head}" not defined`);
  return val(head);
}

function evalArg(a: string, dot: Value, vars: Vars): Value {
  if (a.startsWith('"')) return JSON.parse(a);
  if (a.startsWith('`')) return a.slice(1, -1);
  if (a.startsWith('(')) {
    const close = a.lastIndexOf(')');
    return fields(evalPipe(a.slice(1, close), dot, vars), a.slice(close + 1));
  }
  if (/^-?\d+(\.\d+)?$/.test(a)) return Number(a);
  if (a === 'true' || a === 'false') return a === 'true';
  if (a === 'nil') return null;
  if (a === '.') return dot;
  if (a.startsWith('$')) {
    const m = /^(\$\w*)(.*)$/.exec(a)!;
    if (!(m[1] in vars)) throw new Error(`template: output:1: undefined variable "${m[1]}"`);
    return fields(vars[m[1]], m[2]);
  }
  if (a.startsWith('.')) return fields(dot, a);
  if (FUNCS[a]) return FUNCS[a]();
  throw new Error(`template: output:1: function "${a}" not defined`);
}

function fields(v: Value, path: string): Value {
  if (path === '') return v;
  let cur = v;
  for (const f of path.slice(1).split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, Value>)[f];
  }
  return cur;
}

const cmp = (a: Value, b: Value) => (a as number) < (b as number);

const FUNCS: Record<string, (...a: Value[]) => Value> = {
  index: (v, ...keys) =>
    keys.reduce((cur, k) => (cur == null ? undefined : (cur as Record<string, Value>)[k as string]), v),
  len: (v) =>
    Array.isArray(v) || typeof v === 'string' ? v.length : Object.keys((v as object) ?? {}).length,
  print: (...a) => a.map(goSprint).join(''),
  println: (...a) => `${a.map(goSprint).join(' ')}\n`,
  printf: (f, ...a) => {
    let i = 0;
    return String(f).replace(/%([-+ 0#]*\d*(?:\.\d+)?)([vsdqtf%])/g, (_, _flags, verb: string) => {
      if (verb === '%') return '%';
      const x = a[i++];
      if (verb === 'q') return JSON.stringify(goSprint(x));
      if (verb === 'f') return Number(x).toFixed(6);
      return goSprint(x);
    });
  },
  eq: (a, ...b) => b.some((x) => x === a),
  ne: (a, b) => a !== b,
  lt: cmp,
  le: (a, b) => a === b || cmp(a, b),
  gt: (a, b) => cmp(b, a),
  ge: (a, b) => a === b || cmp(b, a),
  and: (...a) => a.find((x) => !truthy(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => truthy(x)) ?? a[a.length - 1],
  not: (a) => !truthy(a),
  base64decode: (s) => decodeBase64(String(s)),
};

function decodeBase64(s: string): string {
  const bytes = Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
