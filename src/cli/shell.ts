/**
 * The lab's shell: one line in, kubectl's output out. It tokenizes like bash, finds the command and
 * subcommand in the registry, parses flags with pflag's rules, runs the command against the cluster,
 * lets the clock run what became due, and applies `| grep`-style filters.
 */
import type { UserInfo } from '../engine/api/apiserver';
import type { Cluster } from '../engine/cluster';
import { Rng } from '../engine/sim/rng';
import { authorizedApi } from './authorize';
import { type Command, type CommandContext, renderHelp, type ShellState } from './command';
import { COMMANDS, rootHelp } from './commands/index';
import { runLab } from './commands/lab';
import { completeLine } from './complete';
import { CliError, formatError } from './errors';
import { runFilter } from './filters';
import { type FlagSpec, parseFlags } from './flags';
import { GLOBAL_FLAGS } from './globals';
import { runIstioctl } from './istioctl';
import { joinPath } from './manifests';
import { runOc } from './oc/index';
import { kubeconfigGate } from './oc/session';
import { splitCommandList, TokenizeError, tokenize } from './tokenize';
import type {
  CommandEffect,
  CommandResult,
  InteractiveSession,
  LabFiles,
  OutputStream,
  RunOptions,
  Shell,
} from './types';

export interface ShellOptions {
  files?: LabFiles;
  user?: UserInfo;
  namespace?: string;
}

/** What `LabShell.run` returns (the contract's CommandResult; kept as a name for callers). */
export type KubectlResult = CommandResult;

export const DEFAULT_CONTEXT = 'kubernetes-admin@kubernetes';
/** Programs a pipeline can feed (`| kubectl apply -f -`); other stages are text filters. */
const PIPE_PROGRAMS = new Set(['kubectl', 'k', 'oc']);

export class LabShell implements Shell {
  readonly state: ShellState;
  /** Names kubectl generates client-side; seeded from the cluster so a replay is identical. */
  private readonly rng: Rng;

  constructor(
    readonly cluster: Cluster,
    private readonly opts: ShellOptions = {},
  ) {
    this.rng = new Rng((cluster.ctx.config.seed * 2654435761 + 0x6b756265) >>> 0);
    this.state = {
      contexts: [
        {
          name: DEFAULT_CONTEXT,
          cluster: 'kubernetes',
          user: 'kubernetes-admin',
          ...(opts.namespace ? { namespace: opts.namespace } : {}),
        },
      ],
      currentContext: DEFAULT_CONTEXT,
      history: [],
    };
  }

  get history(): readonly string[] {
    return this.state.history;
  }

  complete(line: string, cursor: number): string[] {
    return completeLine(this, line, cursor);
  }

  run(line: string, opts: RunOptions = {}): KubectlResult {
    const trimmed = line.trim();
    if (trimmed && !trimmed.startsWith('#')) this.state.history.push(line.split('\n')[0]);
    const parts = splitCommandList(line);
    // bash rejects the whole line before running any of it: `&&`/`||` need a command on both sides.
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].text.trim() !== '') continue;
      const next = parts[i + 1];
      if (parts[i].after !== ';' && !next)
        return { output: 'bash: syntax error: unexpected end of file\n', exitCode: 2 };
      if (next && next.after !== ';')
        return { output: `bash: syntax error near unexpected token \`${next.after}'\n`, exitCode: 2 };
    }
    // Empty commands (`a;`, blank pasted lines) are nothing to run.
    const list = parts.filter((p) => p.text.trim() !== '');
    if (list.length <= 1) return this.runPipeline(list[0]?.text ?? '', opts);
    // `a && b; c`: run in order, short-circuiting like bash; the output is everything printed.
    let output = '';
    let last: KubectlResult = { output: '', exitCode: 0 };
    const effects: CommandEffect[] = [];
    for (const item of list) {
      if (item.after === '&&' && last.exitCode !== 0) continue;
      if (item.after === '||' && last.exitCode === 0) continue;
      last = this.runPipeline(item.text, opts);
      output += last.output;
      effects.push(...(last.effects ?? []));
    }
    return { ...last, output, ...(effects.length ? { effects } : {}) };
  }

  private runPipeline(line: string, opts: RunOptions): KubectlResult {
    let words: string[];
    let filters: string[][];
    let redirect: { path: string; append: boolean } | undefined;
    try {
      ({ words, filters, redirect } = tokenize(line));
    } catch (err) {
      if (err instanceof TokenizeError) return { output: `${err.message}\n`, exitCode: 2 };
      throw err;
    }
    if (words.length === 0) {
      if (filters.length) return { output: "bash: syntax error near unexpected token `|'\n", exitCode: 2 };
      return { output: '', exitCode: 0 };
    }
    let result = this.runWords(words, opts);
    for (const f of filters) {
      if (f.length === 0) return { output: "bash: syntax error near unexpected token `|'\n", exitCode: 2 };
      if (PIPE_PROGRAMS.has(f[0])) {
        // `oc process ... | oc create -f -`: stdout feeds the next program; a failing command's error
        // (stderr) stays on the terminal and the next one reads nothing.
        const ok = result.exitCode === 0;
        const next = this.runWords(f, { ...opts, stdin: ok ? result.output : '' });
        const effects = [...(result.effects ?? []), ...(next.effects ?? [])];
        result = {
          ...next,
          output: (ok ? '' : result.output) + next.output,
          ...(effects.length ? { effects } : {}),
        };
        continue;
      }
      const r = runFilter(f, result.output);
      result = { output: r.output, exitCode: r.exitCode, effects: result.effects };
    }
    if (redirect) result = this.redirectOutput(result, redirect, opts.cwd);
    return result;
  }

  /**
   * `> file`: a successful command's output goes to the file (as stdout would); a failing one's stays on
   * the terminal (kubectl writes errors to stderr) and the file is left empty, as bash leaves it.
   */
  private redirectOutput(
    result: KubectlResult,
    redirect: { path: string; append: boolean },
    cwd?: string,
  ): KubectlResult {
    const ok = result.exitCode === 0;
    const effects = [...(result.effects ?? [])];
    if (redirect.path !== '/dev/null') {
      effects.push({
        type: 'write-file',
        path: joinPath(cwd, redirect.path),
        content: ok ? result.output : '',
        append: redirect.append,
      });
    }
    return { ...result, output: ok ? '' : result.output, effects };
  }

  /** The namespace the current context (or the one `--context` names) points at. */
  currentNamespace(context = this.state.currentContext): string {
    return this.state.contexts.find((c) => c.name === context)?.namespace || 'default';
  }

  private runWords(words: string[], opts: RunOptions): KubectlResult {
    const [program, ...rest] = words;
    switch (program) {
      case 'kubectl':
      case 'k':
        // The kubeconfig `oc login` wrote: kubectl runs as its user, and is refused after `oc logout`.
        return kubeconfigGate(this, rest, 'kubectl') ?? this.kubectl(rest, opts);
      case 'lab':
        return runLab(this.cluster, rest, this.currentNamespace());
      case 'istioctl':
        return runIstioctl(this.cluster, rest, this.currentNamespace());
      case 'oc':
        return runOc(this, rest, opts, (w) => this.kubectl(w, opts));
      case 'clear':
        return { output: '', exitCode: 0, effects: [{ type: 'clear-screen' }] };
      case 'history':
        return {
          output: this.state.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(''),
          exitCode: 0,
        };
      case 'echo':
        return { output: `${rest.join(' ')}\n`, exitCode: 0 };
      case 'cat':
        return this.cat(rest, opts);
      default:
        return { output: `${program}: command not found\n`, exitCode: 127 };
    }
  }

  private kubectl(words: string[], opts: RunOptions): KubectlResult {
    let out = '';
    const effects: CommandEffect[] = [];
    let stream: OutputStream | undefined;
    let session: InteractiveSession | undefined;
    let exitCode = 0;
    try {
      const { cmd, path, tokens } = this.findCommand(words);
      const specs: FlagSpec[] = [...(cmd.flags ?? []), ...GLOBAL_FLAGS];
      const parsed = parseFlags(tokens, specs, path);
      if (parsed.help) return { output: renderHelp(cmd, path, cmd.flags ?? []), exitCode: 0 };
      const contextFlag = parsed.flags.str('context');
      if (contextFlag && !this.state.contexts.some((c) => c.name === contextFlag)) {
        throw new CliError(`context was not found for specified context: ${contextFlag}`);
      }
      if (!cmd.run) {
        if (parsed.args.length > 0)
          throw new CliError(
            `unknown command "${parsed.args.join(' ')}"\nSee '${path} -h' for help and examples`,
          );
        return { output: renderHelp(cmd, path, cmd.flags ?? []), exitCode: 1 };
      }
      const explicit = parsed.flags.changed('namespace') && parsed.flags.str('namespace') !== '';
      const ctx: CommandContext = {
        cluster: this.cluster,
        engine: this.cluster.ctx,
        api: authorizedApi(this.cluster.api, this.opts.user),
        state: this.state,
        files: this.opts.files,
        stdin: opts.stdin,
        cwd: opts.cwd,
        user: this.opts.user,
        rng: this.rng,
        namespace: explicit ? parsed.flags.str('namespace') : this.currentNamespace(contextFlag || undefined),
        explicitNamespace: explicit,
        print: (text: string) => {
          out += text;
        },
        effects,
      };
      try {
        exitCode = cmd.run(ctx, { args: parsed.args, flags: parsed.flags, dashAt: parsed.dashAt, path }) ?? 0;
      } finally {
        stream = ctx.stream;
        session = ctx.session;
      }
    } catch (err) {
      // Anything else is a bug somewhere in the lab; the terminal still answers like kubectl would
      // (`error: ...`, exit 1) instead of dying, and the message says what went wrong.
      out += formatError(err);
      exitCode = err instanceof CliError ? err.exitCode : 1;
    }
    // Whatever the command wrote is now due work for the controllers: let them see it.
    this.cluster.settle();
    const result: KubectlResult = { output: out, exitCode };
    if (effects.length) result.effects = effects;
    if (stream) result.stream = stream;
    if (session) result.session = session;
    return result;
  }

  /** `cat FILE...` over the lab's files (what `> file` wrote), or stdin with no arguments. */
  private cat(paths: string[], opts: RunOptions): KubectlResult {
    if (paths.length === 0) return { output: opts.stdin ?? '', exitCode: 0 };
    let output = '';
    let exitCode = 0;
    for (const p of paths) {
      const text = this.opts.files?.read(joinPath(opts.cwd, p));
      if (text === undefined) {
        output += `cat: ${p}: No such file or directory\n`;
        exitCode = 1;
      } else output += text;
    }
    return { output, exitCode };
  }

  /** Walk `words` to the deepest command they name; the rest are its flags and arguments. */
  findCommand(words: string[]): { cmd: Command; path: string; tokens: string[] } {
    const root: Command = {
      name: 'kubectl',
      short: '',
      usage: '[flags] [options]',
      subcommands: COMMANDS,
      long: rootHelp(),
    };
    let cmd = root;
    let path = 'kubectl';
    let tokens = [...words];
    for (;;) {
      if (!cmd.subcommands?.length) break;
      const idx = firstPositional(tokens, [...(cmd.flags ?? []), ...GLOBAL_FLAGS]);
      if (idx < 0) {
        if (cmd === root) throw new RootHelp();
        break;
      }
      const word = tokens[idx];
      const sub = cmd.subcommands.find((c) => c.name === word || c.aliases?.includes(word));
      if (!sub) {
        if (cmd === root) throw unknownCommand(word, COMMANDS);
        break;
      }
      tokens = [...tokens.slice(0, idx), ...tokens.slice(idx + 1)];
      cmd = sub;
      path = `${path} ${sub.name}`;
    }
    return { cmd, path, tokens };
  }
}

/** `kubectl` alone (or with only flags) prints the command overview. */
class RootHelp extends CliError {
  constructor() {
    super(rootHelp(), 0, true);
  }
}

/** Index of the first word that is not a flag or a flag's value, or -1. */
function firstPositional(tokens: string[], specs: FlagSpec[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '--') return -1;
    if (!t.startsWith('-') || t === '-') return i;
    if (t.includes('=')) continue;
    const spec = t.startsWith('--')
      ? specs.find((s) => s.name === t.slice(2))
      : specs.find((s) => s.short === t.slice(-1));
    if (
      spec &&
      spec.type !== 'bool' &&
      spec.noOptDefault === undefined &&
      (t.startsWith('--') || t.length === 2)
    )
      i++;
  }
  return -1;
}

/** cobra's `unknown command` with its suggestions (Levenshtein distance ≤ 2 or a shared prefix). */
export function unknownCommand(word: string, commands: Command[]): CliError {
  const suggestions = commands
    .map((c) => c.name)
    .filter(
      (n) =>
        levenshtein(word.toLowerCase(), n.toLowerCase()) <= 2 ||
        n.toLowerCase().startsWith(word.toLowerCase()),
    )
    .sort();
  let msg = `unknown command "${word}" for "kubectl"`;
  if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`;
  return new CliError(msg);
}

function levenshtein(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}
