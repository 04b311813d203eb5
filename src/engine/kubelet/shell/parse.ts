/**
 * A small POSIX-ish shell parser for what learners type into `kubectl exec` and container commands:
 * words with quotes and $VAR / ${VAR} / $? expansion, pipelines, ; && || &, redirections (> >> < 2>&1),
 * and the compound commands while/until/for/if. Enough for `sh -c 'while true; do date; sleep 5; done'`.
 */

/** A word is a list of parts; quoted parts are not field-split or globbed. */
export type WordPart = { text: string; quoted: boolean; expand: boolean };
export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export type Command =
  | SimpleCommand
  | { type: 'while'; until: boolean; cond: List; body: List }
  | { type: 'for'; name: string; items: Word[]; body: List }
  | { type: 'if'; branches: { cond: List; body: List }[]; otherwise?: List }
  | { type: 'group'; body: List };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

/** `a && b || c ; d &`: each entry runs after the previous according to `op`. */
export interface List {
  items: { op: ';' | '&&' | '||' | '&'; pipeline: Pipeline }[];
}

export class ShellSyntaxError extends Error {}

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: string };

const OPS = ['&&', '||', ';;', '>>', '2>&1', '>&', ';', '|', '&', '>', '<', '(', ')', '\n'];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const atWordStart = i === 0 || /[\s;|&()]/.test(src[i - 1]);
    if (atWordStart && /^[0-9][<>]/.test(src.slice(i, i + 2)) && !src.startsWith('2>&1', i)) {
      out.push({ kind: 'op', op: `fd${src[i]}` });
      i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op && (op !== '2>&1' || atWordStart)) {
      out.push({ kind: 'op', op });
      i += op.length;
      continue;
    }
    // a word
    const word: Word = [];
    const start = i;
    let buf = '';
    const flush = (quoted: boolean, expand: boolean) => {
      if (buf || quoted) word.push({ text: buf, quoted, expand });
      buf = '';
    };
    while (i < src.length) {
      const ch = src[i];
      if (ch === '$' && src[i + 1] === '(') {
        // $(cmd) and $((expr)) stay one piece of the word; expansion parses them later.
        let depth = 0;
        let j = i + 1;
        for (; j < src.length; j++) {
          if (src[j] === '(') depth++;
          else if (src[j] === ')' && --depth === 0) break;
        }
        buf += src.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (
        ch === ' ' ||
        ch === '\t' ||
        ch === '\n' ||
        ch === ';' ||
        ch === '|' ||
        ch === '&' ||
        ch === '<' ||
        ch === '>' ||
        ch === '(' ||
        ch === ')'
      ) {
        // `2>` as fd redirect: handled by the op matcher; here a word ends.
        break;
      }
      if (ch === "'") {
        flush(false, true);
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        buf = src.slice(i + 1, end);
        flush(true, false);
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        flush(false, true);
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === '\\' && i + 1 < src.length && '"\\$`'.includes(src[i + 1])) {
            buf += src[i] === '\\' && src[i + 1] === '$' ? '\\$' : src[i + 1];
            i += 2;
            continue;
          }
          buf += src[i++];
        }
        if (i >= src.length) throw new ShellSyntaxError('unterminated quoted string');
        flush(true, true);
        i++;
        continue;
      }
      if (ch === '\\' && i + 1 < src.length) {
        flush(false, true);
        buf = src[i + 1];
        flush(true, false);
        i += 2;
        continue;
      }
      buf += ch;
      i++;
    }
    flush(false, true);
    out.push({ kind: 'word', word, raw: src.slice(start, i) });
  }
  return out;
}

const RESERVED_END = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', '}']);

export function parse(src: string): List {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.raw === w;
  const isOp = (t: Token | undefined, o: string) => t?.kind === 'op' && t.op === o;
  const skipNewlines = () => {
    while (isOp(peek(), '\n') || isOp(peek(), ';')) pos++;
  };
  const expectWord = (w: string) => {
    skipNewlines();
    if (!isWord(peek(), w))
      throw new ShellSyntaxError(`syntax error: unexpected ${describeToken(peek())} (expecting "${w}")`);
    pos++;
  };

  function list(stops: string[]): List {
    const items: List['items'] = [];
    let op: ';' | '&&' | '||' | '&' = ';';
    for (;;) {
      while (isOp(peek(), '\n')) pos++;
      const t = peek();
      if (!t || (t.kind === 'word' && stops.includes(t.raw)) || isOp(t, ')')) break;
      items.push({ op, pipeline: pipeline() });
      const n = peek();
      if (
        n?.kind === 'op' &&
        (n.op === '&&' || n.op === '||' || n.op === ';' || n.op === '&' || n.op === '\n')
      ) {
        pos++;
        op = n.op === '\n' ? ';' : (n.op as ';' | '&&' | '||' | '&');
        if (op === '&&' || op === '||') while (isOp(peek(), '\n')) pos++;
      } else break;
    }
    return { items };
  }

  function pipeline(): Pipeline {
    let negate = false;
    if (isWord(peek(), '!')) {
      negate = true;
      pos++;
    }
    const commands = [command()];
    while (isOp(peek(), '|')) {
      pos++;
      commands.push(command());
    }
    return { negate, commands };
  }

  function command(): Command {
    const t = peek();
    if (isWord(t, 'while') || isWord(t, 'until')) {
      pos++;
      const cond = list(['do']);
      expectWord('do');
      const body = list(['done']);
      expectWord('done');
      return { type: 'while', until: (t as { raw: string }).raw === 'until', cond, body };
    }
    if (isWord(t, 'for')) {
      pos++;
      const nameTok = peek();
      if (nameTok?.kind !== 'word') throw new ShellSyntaxError('syntax error: bad for loop variable');
      pos++;
      const items: Word[] = [];
      if (isWord(peek(), 'in')) {
        pos++;
        while (peek()?.kind === 'word') items.push((tokens[pos++] as { word: Word }).word);
      }
      expectWord('do');
      const body = list(['done']);
      expectWord('done');
      return { type: 'for', name: nameTok.raw, items, body };
    }
    if (isWord(t, 'if')) {
      pos++;
      const branches: { cond: List; body: List }[] = [];
      let otherwise: List | undefined;
      const cond = list(['then']);
      expectWord('then');
      branches.push({ cond, body: list(['elif', 'else', 'fi']) });
      for (;;) {
        if (isWord(peek(), 'elif')) {
          pos++;
          const c = list(['then']);
          expectWord('then');
          branches.push({ cond: c, body: list(['elif', 'else', 'fi']) });
        } else if (isWord(peek(), 'else')) {
          pos++;
          otherwise = list(['fi']);
        } else break;
      }
      expectWord('fi');
      return { type: 'if', branches, otherwise };
    }
    if (isWord(t, '{') || isOp(t, '(')) {
      pos++;
      const body = list(['}']);
      if (isOp(t, '(')) {
        if (!isOp(peek(), ')')) throw new ShellSyntaxError('syntax error: missing )');
      } else if (!isWord(peek(), '}')) throw new ShellSyntaxError('syntax error: missing }');
      pos++;
      return { type: 'group', body };
    }
    return simple();
  }

  function simple(): SimpleCommand {
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.kind === 'op') {
        if (t.op === '2>&1') {
          pos++;
          cmd.redirects.push({ fd: 2, op: '>&', target: [{ text: '1', quoted: true, expand: false }] });
          continue;
        }
        let fd: number | undefined;
        let opTok = t;
        if (t.op.startsWith('fd')) {
          fd = Number(t.op.slice(2));
          pos++;
          opTok = peek() as Token & { kind: 'op' };
        }
        if (
          opTok?.kind === 'op' &&
          (opTok.op === '>' || opTok.op === '>>' || opTok.op === '<' || opTok.op === '>&')
        ) {
          pos++;
          const target = peek();
          if (target?.kind !== 'word')
            throw new ShellSyntaxError(`syntax error: unexpected ${describeToken(target)}`);
          pos++;
          cmd.redirects.push({
            fd: fd ?? (opTok.op === '<' ? 0 : 1),
            op: opTok.op as Redirect['op'],
            target: target.word,
          });
          continue;
        }
        if (fd !== undefined) throw new ShellSyntaxError(`syntax error: unexpected ${describeToken(opTok)}`);
        break;
      }
      if (cmd.words.length === 0 && RESERVED_END.has(t.raw)) break;
      const m = cmd.words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw) : null;
      if (m) {
        // NAME=value: drop the `NAME=` prefix from the first part
        const word = t.word.map((p) => ({ ...p }));
        word[0] = { ...word[0], text: word[0].text.slice(m[0].length) };
        cmd.assigns.push({ name: m[1], value: word });
        pos++;
        continue;
      }
      cmd.words.push(t.word);
      pos++;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      throw new ShellSyntaxError(`syntax error: unexpected ${describeToken(peek())}`);
    }
    return cmd;
  }

  const result = list([]);
  if (pos < tokens.length) throw new ShellSyntaxError(`syntax error: unexpected ${describeToken(peek())}`);
  return result;
}

function describeToken(t: Token | undefined): string {
  if (!t) return 'end of file';
  if (t.kind === 'op') return t.op === '\n' ? 'newline' : `"${t.op}"`;
  return `"${t.raw}"`;
}
