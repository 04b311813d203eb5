/**
 * The command registry's types: a command is data (name, flags, help text) plus a `run` function, so the
 * terminal, UI buttons, lesson checks and the script runner all go through the same definitions.
 */
import type { ApiServer, UserInfo } from '../engine/api/apiserver';
import type { Cluster } from '../engine/cluster';
import type { EngineContext } from '../engine/context';
import type { Rng } from '../engine/sim/rng';
import { type FlagSpec, type FlagValues, formatFlagHelp } from './flags';
import type { CommandEffect, InteractiveSession, LabFiles, OutputStream } from './types';

export type { InteractiveSession } from './types';

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

/** What lives in the learner's kubeconfig and shell between commands. */
export interface ShellState {
  contexts: KubeContext[];
  currentContext: string;
  history: string[];
}

export interface CommandContext {
  readonly cluster: Cluster;
  readonly engine: EngineContext;
  readonly api: ApiServer;
  readonly state: ShellState;
  readonly files?: LabFiles;
  readonly stdin?: string;
  readonly cwd?: string;
  readonly user?: UserInfo;
  /** The namespace in effect: `-n`, else the context's, else `default`. */
  readonly namespace: string;
  /** Whether `-n` / `--namespace` was given. */
  readonly explicitNamespace: boolean;
  /** The shell's own random stream (generated names such as `debugger-x7k2p`), apart from the engine's. */
  readonly rng: Rng;
  /** Append to the combined output (text should end with a newline). */
  print(text: string): void;
  effects: CommandEffect[];
  stream?: OutputStream;
  session?: InteractiveSession;
}

export interface Invocation {
  args: string[];
  flags: FlagValues;
  dashAt: number;
  /** `kubectl get`, `kubectl rollout status`: for help and usage errors. */
  path: string;
}

/** What positional arguments complete to. */
export type ArgCompletion = 'types' | 'names' | 'pods' | 'nodes' | 'deployments' | 'contexts' | 'none';

export interface Command {
  name: string;
  aliases?: string[];
  /** One line for `kubectl --help`. */
  short: string;
  /** The description paragraph of `kubectl <cmd> --help`. */
  long?: string;
  examples?: string;
  /** The `Usage:` line without `kubectl `. */
  usage: string;
  flags?: FlagSpec[];
  subcommands?: Command[];
  /** Section in `kubectl --help`. */
  group?: string;
  completion?: ArgCompletion;
  run?(ctx: CommandContext, inv: Invocation): number | undefined;
}

/** `kubectl <cmd> --help` in kubectl's layout. */
export function renderHelp(cmd: Command, path: string, flags: FlagSpec[]): string {
  const parts: string[] = [];
  parts.push(`${cmd.long ?? cmd.short}\n`);
  if (cmd.examples) parts.push(`Examples:\n${cmd.examples.replace(/\n+$/, '')}\n`);
  if (cmd.subcommands?.length) {
    const w = Math.max(...cmd.subcommands.map((s) => s.name.length)) + 3;
    parts.push(
      `Available Commands:\n${cmd.subcommands.map((s) => `  ${s.name.padEnd(w)}${s.short}\n`).join('')}`,
    );
  }
  if (flags.length) parts.push(`Options:\n${formatFlagHelp(flags)}`);
  parts.push(`Usage:\n  kubectl ${cmd.usage}\n`);
  if (cmd.subcommands?.length)
    parts.push(`Use "${path} <command> --help" for more information about a given command.`);
  parts.push('Use "kubectl options" for a list of global command-line options (applies to all commands).\n');
  return parts.join('\n');
}
