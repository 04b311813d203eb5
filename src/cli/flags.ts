/**
 * Flag parsing with pflag's rules, as kubectl (cobra) applies them: `--flag=value`, `--flag value`,
 * `-n value`, `-nvalue`, `-n=value`, combined boolean shorthands (`-it`), `--` ending the flags (its
 * position is kept for `exec` and `run`), and pflag's exact error messages.
 */
import { CliError } from './errors';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** The default printed in help (`--replicas=1`) and returned when the flag is not given. */
  default?: string | number | boolean;
  /** pflag's NoOptDefVal: the value when the flag is given without `=value` (e.g. `--dry-run`). */
  noOptDefault?: string;
  usage: string;
  hidden?: boolean;
}

type FlagValue = string | number | boolean | string[];

export class FlagValues {
  constructor(
    private readonly specs: Map<string, FlagSpec>,
    private readonly values: Map<string, FlagValue>,
  ) {}

  changed(name: string): boolean {
    return this.values.has(name);
  }

  str(name: string): string {
    const v = this.values.get(name) ?? this.specs.get(name)?.default;
    return v === undefined ? '' : String(v);
  }

  bool(name: string): boolean {
    const v = this.values.get(name) ?? this.specs.get(name)?.default;
    return v === true;
  }

  int(name: string): number {
    const v = this.values.get(name) ?? this.specs.get(name)?.default;
    return typeof v === 'number' ? v : 0;
  }

  list(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }

  /** Duration flags in milliseconds. */
  durationMs(name: string): number {
    const v = this.values.get(name) ?? this.specs.get(name)?.default;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v) return parseDuration(v) ?? 0;
    return 0;
  }
}

export interface ParsedCommandLine {
  args: string[];
  flags: FlagValues;
  /** Index in `args` where `--` appeared (cobra's ArgsLenAtDash), or -1. */
  dashAt: number;
  help: boolean;
}

/** Go's time.ParseDuration for the units kubectl users type (`30s`, `5m`, `1h30m`, `500ms`, `0`). */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  if (!text) return undefined;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
    i = re.lastIndex;
  }
  return total;
}

function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function convert(spec: FlagSpec, raw: string, current: FlagValue | undefined): FlagValue {
  const bad = (why: string) =>
    new CliError(`invalid argument "${raw}" for "${flagLabel(spec)}" flag: ${why}`);
  switch (spec.type) {
    case 'bool': {
      const t = ['1', 't', 'T', 'true', 'TRUE', 'True'];
      const f = ['0', 'f', 'F', 'false', 'FALSE', 'False'];
      if (t.includes(raw)) return true;
      if (f.includes(raw)) return false;
      throw bad(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw bad(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return Number(raw);
    }
    case 'duration': {
      const ms = parseDuration(raw);
      if (ms === undefined) {
        const why = /^\d+(\.\d+)?$/.test(raw)
          ? `time: missing unit in duration "${raw}"`
          : `time: invalid duration "${raw}"`;
        throw bad(why);
      }
      return raw;
    }
    case 'stringArray':
      return [...((current as string[]) ?? []), raw];
    case 'stringSlice':
      return [...((current as string[]) ?? []), ...(raw === '' ? [] : raw.split(','))];
    default:
      return raw;
  }
}

/**
 * Parse `tokens` (everything after the command path) against `specs`. Flag errors are thrown as CliError
 * with kubectl's `See '<path> --help' for usage.` line.
 */
export function parseFlags(tokens: string[], specs: FlagSpec[], commandPath: string): ParsedCommandLine {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  // A command's own flag shadows a global one of the same name (pflag's AddFlagSet keeps the first):
  // `create rolebinding --user` names a subject, not the kubeconfig user.
  for (const s of specs) {
    if (!byName.has(s.name)) byName.set(s.name, s);
    if (s.short && !byShort.has(s.short)) byShort.set(s.short, s);
  }
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  let dashAt = -1;
  let help = false;
  const fail = (msg: string) => new CliError(`${msg}\nSee '${commandPath} --help' for usage.`);
  const set = (spec: FlagSpec, raw: string) => {
    try {
      values.set(spec.name, convert(spec, raw, values.get(spec.name)));
    } catch (err) {
      throw fail((err as Error).message);
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (dashAt >= 0 || tok === '-' || !tok.startsWith('-')) {
      args.push(tok);
      continue;
    }
    if (tok === '--') {
      dashAt = args.length;
      continue;
    }
    if (tok.startsWith('--')) {
      const body = tok.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      if (name === 'help') {
        help = true;
        continue;
      }
      const spec = byName.get(name);
      if (!spec) throw fail(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, body.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < tokens.length) set(spec, tokens[++i]);
      else throw fail(`flag needs an argument: --${name}`);
      continue;
    }
    // Shorthand cluster: -it, -nfoo, -n=foo, -n foo
    const shorts = tok.slice(1);
    for (let j = 0; j < shorts.length; j++) {
      const c = shorts[j];
      if (c === 'h') {
        help = true;
        continue;
      }
      const spec = byShort.get(c);
      if (!spec) throw fail(`unknown shorthand flag: '${c}' in -${shorts}`);
      const rest = shorts.slice(j + 1);
      if (rest.startsWith('=')) {
        set(spec, rest.slice(1));
        break;
      }
      if (spec.type === 'bool') {
        set(spec, 'true');
        continue;
      }
      if (rest) {
        set(spec, rest);
        break;
      }
      if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < tokens.length) set(spec, tokens[++i]);
      else throw fail(`flag needs an argument: '${c}' in -${shorts}`);
      break;
    }
  }
  return { args, flags: new FlagValues(byName, values), dashAt, help };
}

/** The `Options:` block of kubectl's help: `    -n, --namespace='':\n\tText` per flag. */
export function formatFlagHelp(specs: FlagSpec[]): string {
  const out: string[] = [];
  for (const s of [...specs].filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const def =
      s.type === 'bool'
        ? String(s.default ?? false)
        : s.type === 'int'
          ? String(s.default ?? 0)
          : s.type === 'stringArray' || s.type === 'stringSlice'
            ? '[]'
            : s.type === 'duration'
              ? String(s.default ?? '0s')
              : `'${s.default ?? ''}'`;
    const head = s.short ? `    -${s.short}, --${s.name}=${def}:` : `    --${s.name}=${def}:`;
    out.push(`${head}\n${wrap(s.usage)}\n`);
  }
  return out.join('\n');
}

function wrap(text: string): string {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > 110) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => `\t${l}`).join('\n');
}
