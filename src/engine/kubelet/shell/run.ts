/**
 * The shell interpreter. Scripts run as generators: `sleep` yields a Pause, so a container's main process
 * can resume on the virtual clock while `kubectl exec` simply runs through (its sleeps take no time).
 */

import { evalArith } from './arith';
import { COMMANDS, type CommandContext } from './commands';
import type { Pause, ShellHost } from './host';
import {
  type Command,
  type List,
  type Pipeline,
  parse,
  ShellSyntaxError,
  type SimpleCommand,
  type Word,
} from './parse';

export interface ShellIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

class ExitSignal {
  constructor(readonly code: number) {}
}

/** Bound on loop iterations without a pause, so `while true; do echo; done` cannot hang the engine. */
const MAX_STEPS_WITHOUT_PAUSE = 2000;

export class Shell {
  vars: Record<string, string>;
  positional: string[] = [];
  status = 0;
  private steps = 0;

  constructor(
    readonly host: ShellHost,
    readonly io: ShellIO,
  ) {
    this.vars = { ...host.env };
  }

  /** Run script text; returns the exit status. */
  *runScript(src: string, name: string = this.host.shell): Generator<Pause, number> {
    let ast: List;
    try {
      ast = parse(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.io.stderr(`${name}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    try {
      return yield* this.list(ast, this.io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  /** Run argv directly (a container command that is not a shell, or `kubectl exec -- ls /`). */
  *runArgv(argv: string[]): Generator<Pause, number> {
    try {
      return yield* this.invoke(argv, this.io, '');
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  private *list(list: List, io: ShellIO, stdin = ''): Generator<Pause, number> {
    let status = this.status;
    for (const { op, pipeline } of list.items) {
      if (op === '&&' && status !== 0) continue;
      if (op === '||' && status === 0) continue;
      status = yield* this.pipeline(pipeline, io, stdin);
      this.status = status;
    }
    return status;
  }

  private *pipeline(p: Pipeline, io: ShellIO, stdin: string): Generator<Pause, number> {
    let input = stdin;
    let status = 0;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      if (last) {
        status = yield* this.command(p.commands[i], io, input);
      } else {
        let captured = '';
        status = yield* this.command(
          p.commands[i],
          { stdout: (t) => (captured += t), stderr: io.stderr },
          input,
        );
        input = captured;
      }
    }
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  private *command(c: Command, io: ShellIO, stdin: string): Generator<Pause, number> {
    if (++this.steps > MAX_STEPS_WITHOUT_PAUSE) {
      // A busy loop: let virtual time pass as a real CPU-bound loop would.
      this.steps = 0;
      yield { sleepMs: 1000 };
    }
    switch (c.type) {
      case 'simple':
        return yield* this.simple(c, io, stdin);
      case 'group':
        return yield* this.list(c.body, io, stdin);
      case 'if': {
        for (const b of c.branches) {
          if ((yield* this.list(b.cond, io, stdin)) === 0) return yield* this.list(b.body, io, stdin);
        }
        return c.otherwise ? yield* this.list(c.otherwise, io, stdin) : 0;
      }
      case 'while': {
        let status = 0;
        for (;;) {
          const cond = yield* this.list(c.cond, io, stdin);
          if (c.until ? cond === 0 : cond !== 0) break;
          status = yield* this.list(c.body, io, stdin);
        }
        return status;
      }
      case 'for': {
        let status = 0;
        const items = c.items.length ? c.items.flatMap((w) => this.expandWord(w)) : this.positional;
        for (const item of items) {
          this.vars[c.name] = item;
          status = yield* this.list(c.body, io, stdin);
        }
        return status;
      }
    }
  }

  private *simple(c: SimpleCommand, io: ShellIO, stdin: string): Generator<Pause, number> {
    const argv = c.words.flatMap((w) => this.expandWord(w));
    const assigns = c.assigns.map((a) => [a.name, this.expandWord(a.value, false).join('')] as const);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.vars[k] = v;
      return 0;
    }
    // Redirections
    let out = io;
    let buffered = '';
    let target: { path: string; append: boolean } | undefined;
    let input = stdin;
    for (const r of c.redirects) {
      const path = this.expandWord(r.target, false).join('');
      if (r.op === '<') {
        const content = this.host.fs.read(this.resolve(path));
        if (content === undefined) {
          io.stderr(`${this.host.shell}: can't open ${path}: no such file\n`);
          return 1;
        }
        input = content;
      } else if (r.op === '>&') {
        if (r.fd === 2 && path === '1') out = { stdout: out.stdout, stderr: out.stdout };
      } else if (path === '/dev/null') {
        out =
          r.fd === 2 ? { stdout: out.stdout, stderr: () => {} } : { stdout: () => {}, stderr: out.stderr };
      } else if (r.fd === 1) {
        target = { path: this.resolve(path), append: r.op === '>>' };
        out = { stdout: (t) => (buffered += t), stderr: out.stderr };
      }
    }
    const saved: [string, string | undefined][] = assigns.map(([k]) => [k, this.vars[k]]);
    for (const [k, v] of assigns) this.vars[k] = v;
    let status: number;
    try {
      status = yield* this.invoke(argv, out, input);
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete this.vars[k];
        else this.vars[k] = v;
      }
    }
    if (target) {
      const err = this.host.fs.write(target.path, buffered, target.append);
      if (err) {
        io.stderr(`${this.host.shell}: can't create ${target.path}: ${err}\n`);
        return 1;
      }
    }
    return status;
  }

  /** Run one command: a builtin, an installed binary, or `not found`. */
  *invoke(argv: string[], io: ShellIO, stdin: string): Generator<Pause, number> {
    const [name, ...args] = argv;
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    if (base === 'exit') throw new ExitSignal(args[0] === undefined ? this.status : Number(args[0]) & 255);
    if (base === 'export' || base === 'readonly' || base === 'local') {
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) this.vars[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return 0;
    }
    if (base === 'unset') {
      for (const a of args) delete this.vars[a];
      return 0;
    }
    if (base === 'cd') {
      const dir = this.resolve(args[0] ?? this.vars.HOME ?? '/');
      if (!this.host.fs.isDir(dir)) {
        io.stderr(`${this.host.shell}: cd: ${args[0]}: No such file or directory\n`);
        return 1;
      }
      this.vars.PWD = dir;
      return 0;
    }
    if (
      (base === 'sh' || base === 'bash' || base === 'ash' || base === 'dash') &&
      this.host.hasCommand(base)
    ) {
      const ci = args.indexOf('-c');
      if (ci >= 0 && args[ci + 1] !== undefined) {
        const sub = new Shell({ ...this.host, shell: base === 'bash' ? 'bash' : 'sh' }, io);
        sub.vars = { ...this.vars };
        sub.positional = args.slice(ci + 3);
        return yield* sub.runScript(args[ci + 1], base);
      }
      if (args[0] && !args[0].startsWith('-')) {
        const script = this.host.fs.read(this.resolve(args[0]));
        if (script === undefined) {
          io.stderr(`${base}: can't open '${args[0]}': No such file or directory\n`);
          return base === 'bash' ? 127 : 2;
        }
        return yield* new Shell(this.host, io).runScript(script, base);
      }
      return yield* new Shell(this.host, io).runScript(stdin, base);
    }
    const impl = COMMANDS[base];
    const builtin =
      base === 'echo' ||
      base === 'printf' ||
      base === 'true' ||
      base === 'false' ||
      base === 'test' ||
      base === '[' ||
      base === 'pwd' ||
      base === 'sleep' ||
      base === 'kill';
    if (!impl || (!builtin && !this.host.hasCommand(base))) {
      if (name.includes('/') && !this.host.fs.exists(name)) {
        io.stderr(`${this.host.shell}: ${name}: not found\n`);
        return 127;
      }
      io.stderr(
        this.host.shell === 'bash' ? `bash: ${name}: command not found\n` : `sh: ${name}: not found\n`,
      );
      return 127;
    }
    const ctx: CommandContext = {
      shell: this,
      host: this.host,
      io,
      stdin,
      cwd: this.vars.PWD ?? this.host.cwd,
      resolve: (p) => this.resolve(p),
      name: base,
    };
    const r = impl(ctx, args);
    return typeof r === 'number' ? r : yield* r;
  }

  resolve(path: string): string {
    const cwd = this.vars.PWD ?? this.host.cwd;
    const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
    const parts: string[] = [];
    for (const p of abs.split('/')) {
      if (!p || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return `/${parts.join('/')}`;
  }

  /** Expand $VAR, ${VAR:-x}, $?, $((expr)), $(cmd), then split unquoted results and glob. */
  expandWord(word: Word, split = true): string[] {
    const fields: string[] = [''];
    let sawQuoted = false;
    let glob = false;
    for (const part of word) {
      if (part.quoted) sawQuoted = true;
      const value = part.expand ? this.expandText(part.text) : part.text;
      if (part.quoted || !split) {
        fields[fields.length - 1] += value;
      } else {
        if (/[*?]/.test(part.text)) glob = true;
        const pieces = value.split(/[ \t\n]+/);
        fields[fields.length - 1] += pieces[0];
        for (const p of pieces.slice(1)) fields.push(p);
      }
    }
    const out = fields.filter((f, i) => f !== '' || (sawQuoted && i === 0));
    if (glob && split) return out.flatMap((f) => this.glob(f));
    return out;
  }

  private glob(pattern: string): string[] {
    if (!/[*?]/.test(pattern)) return [pattern];
    const slash = pattern.lastIndexOf('/');
    const dir = slash >= 0 ? pattern.slice(0, slash) || '/' : '.';
    const re = new RegExp(
      `^${pattern
        .slice(slash + 1)
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    const entries = this.host.fs.list(this.resolve(dir));
    const matches = (entries ?? [])
      .filter((e) => re.test(e.name) && !e.name.startsWith('.'))
      .map((e) => (slash >= 0 ? `${pattern.slice(0, slash)}/${e.name}` : e.name));
    return matches.length ? matches.sort() : [pattern];
  }

  expandText(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\\' && text[i + 1] === '$') {
        out += '$';
        i++;
        continue;
      }
      if (c !== '$') {
        out += c;
        continue;
      }
      const rest = text.slice(i + 1);
      if (rest.startsWith('((')) {
        const end = rest.indexOf('))');
        out += String(this.arith(rest.slice(2, end)));
        i += end + 2;
        continue;
      }
      if (rest.startsWith('(')) {
        const end = matchParen(rest);
        let captured = '';
        const sub = new Shell(this.host, { stdout: (t) => (captured += t), stderr: this.io.stderr });
        sub.vars = { ...this.vars };
        const gen = sub.runScript(rest.slice(1, end));
        let r = gen.next();
        while (!r.done) r = gen.next();
        out += captured.replace(/\n+$/, '');
        i += end + 1;
        continue;
      }
      if (rest.startsWith('{')) {
        const end = rest.indexOf('}');
        const inner = rest.slice(1, end);
        const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+)(?::?([-=+])(.*))?$/.exec(inner);
        if (inner.startsWith('#')) out += String((this.lookup(inner.slice(1)) ?? '').length);
        else if (m) {
          const v = this.lookup(m[1]);
          if (m[2] === '-') out += v ? v : this.expandText(m[3]);
          else if (m[2] === '=') {
            if (!v) this.vars[m[1]] = this.expandText(m[3]);
            out += this.vars[m[1]] ?? '';
          } else if (m[2] === '+') out += v ? this.expandText(m[3]) : '';
          else out += v ?? '';
        }
        i += end + 1;
        continue;
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*])/.exec(rest);
      if (!m) {
        out += '$';
        continue;
      }
      out += this.lookup(m[1]) ?? '';
      i += m[1].length;
    }
    return out;
  }

  private lookup(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '#') return String(this.positional.length);
    if (name === '@' || name === '*') return this.positional.join(' ');
    if (/^\d+$/.test(name)) return name === '0' ? this.host.shell : this.positional[Number(name) - 1];
    return this.vars[name];
  }

  arith(expr: string): number {
    const src = this.expandText(expr).replace(/[A-Za-z_][A-Za-z0-9_]*/g, (v) =>
      String(Number(this.vars[v] ?? 0) || 0),
    );
    return evalArith(src);
  }
}

function matchParen(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return s.length;
}

/** Run a script or argv to completion, ignoring pauses (exec): returns output and status. */
export function runToEnd(gen: Generator<Pause, number>): number {
  let r = gen.next();
  while (!r.done) r = gen.next();
  return r.value;
}
