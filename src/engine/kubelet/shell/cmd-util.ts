/** Shared pieces of the shell's commands: their context, and reading input files or stdin. */
import type { Pause, ShellHost } from './host';
import type { Shell, ShellIO } from './run';

export interface CommandContext {
  shell: Shell;
  host: ShellHost;
  io: ShellIO;
  stdin: string;
  cwd: string;
  name: string;
  resolve(path: string): string;
}

export type CommandImpl = (ctx: CommandContext, args: string[]) => number | Generator<Pause, number>;

export const lines = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));

export function readOrComplain(ctx: CommandContext, cmd: string, path: string): string | undefined {
  const p = ctx.resolve(path);
  if (ctx.host.fs.isDir(p)) {
    ctx.io.stderr(`${cmd}: ${ctx.host.busybox ? `read error: Is a directory` : `${path}: Is a directory`}\n`);
    return undefined;
  }
  const content = ctx.host.fs.read(p);
  if (content === undefined) {
    ctx.io.stderr(
      ctx.host.busybox
        ? `${cmd}: can't open '${path}': No such file or directory\n`
        : `${cmd}: ${path}: No such file or directory\n`,
    );
  }
  return content;
}

/** Inputs: the files named, or stdin. */
export function inputs(ctx: CommandContext, cmd: string, files: string[]): { text: string; ok: boolean } {
  if (files.length === 0) return { text: ctx.stdin, ok: true };
  let text = '';
  let ok = true;
  for (const f of files) {
    const c = readOrComplain(ctx, cmd, f);
    if (c === undefined) ok = false;
    else text += c;
  }
  return { text, ok };
}

export function splitFlags(args: string[]): {
  flags: Set<string>;
  rest: string[];
  values: Record<string, string>;
} {
  const flags = new Set<string>();
  const rest: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (/^-n$/.test(a) && /^\d+$/.test(args[i + 1] ?? '')) {
      values.n = args[++i];
    } else if (/^-\d+$/.test(a)) values.n = a.slice(1);
    else if (a.startsWith('--')) flags.add(a);
    else if (a.startsWith('-') && a.length > 1) for (const ch of a.slice(1)) flags.add(ch);
    else rest.push(a);
  }
  return { flags, rest, values };
}
