/**
 * The `lab` program: the lab's own tools beside kubectl (traffic generators, instructor faults, the image
 * catalog). Same flag rules and error layout as kubectl (pflag, `error: ...`, `Error from server ...`),
 * with its own help since these are not kubectl commands.
 */
import { StatusError } from '../../engine/api/errors';
import type { Cluster } from '../../engine/cluster';
import { CliError, formatError } from '../errors';
import { formatFlagHelp, parseFlags } from '../flags';
import type { CommandResult } from '../types';
import { faultCommand } from './lab-fault';
import { gitCommand } from './lab-git';
import { imagesCommand } from './lab-images';
import { meshCommand } from './lab-mesh';
import { trafficCommand } from './lab-traffic';
import type { LabCommand, LabContext } from './lab-types';

export const LAB_COMMAND: LabCommand = {
  name: 'lab',
  short: 'KubeDojo lab tools',
  long: 'lab drives the simulated cluster from outside: it sends traffic to Services, injects faults an instructor would, and lists the images the lab registries hold.',
  usage: 'lab <command> [flags]',
  subcommands: [trafficCommand, meshCommand, faultCommand, imagesCommand, gitCommand],
};

export function labHelp(cmd: LabCommand, path: string): string {
  const parts: string[] = [`${cmd.long ?? cmd.short}\n`];
  if (cmd.examples) parts.push(`Examples:\n${cmd.examples.replace(/\n+$/, '')}\n`);
  if (cmd.subcommands?.length) {
    const w = Math.max(...cmd.subcommands.map((s) => s.name.length)) + 3;
    parts.push(
      `Available Commands:\n${cmd.subcommands.map((s) => `  ${s.name.padEnd(w)}${s.short}\n`).join('')}`,
    );
  }
  if (cmd.flags?.length) parts.push(`Options:\n${formatFlagHelp(cmd.flags)}`);
  parts.push(`Usage:\n  ${cmd.usage}\n`);
  if (cmd.subcommands?.length)
    parts.push(`Use "${path} <command> --help" for more information about a command.\n`);
  return parts.join('\n');
}

/** Run `lab ...` (the words after `lab`) against the cluster. */
export function runLab(cluster: Cluster, words: string[], currentNamespace: string): CommandResult {
  let out = '';
  let exitCode = 0;
  try {
    let cmd = LAB_COMMAND;
    let path = 'lab';
    let tokens = [...words];
    for (;;) {
      if (!cmd.subcommands?.length) break;
      // The first word that is neither a flag nor the value of `-n` / `--namespace`.
      const idx = tokens.findIndex(
        (t, i) => !t.startsWith('-') && (i === 0 || !['-n', '--namespace'].includes(tokens[i - 1])),
      );
      if (idx < 0) break;
      const sub = cmd.subcommands.find((c) => c.name === tokens[idx]);
      if (!sub) {
        const names = cmd.subcommands.map((c) => c.name).join(', ');
        throw new CliError(
          `unknown command "${tokens[idx]}" for "${path}" (available: ${names})\nSee '${path} --help' for usage.`,
        );
      }
      tokens = [...tokens.slice(0, idx), ...tokens.slice(idx + 1)];
      cmd = sub;
      path = `${path} ${sub.name}`;
    }
    const parsed = parseFlags(tokens, cmd.flags ?? [], path);
    if (parsed.help || !cmd.run) {
      return { output: labHelp(cmd, path), exitCode: parsed.help || cmd === LAB_COMMAND ? 0 : 1 };
    }
    const ctx: LabContext = {
      cluster,
      engine: cluster.ctx,
      namespace: parsed.flags.str('namespace') || currentNamespace,
      print: (text) => {
        out += text;
      },
    };
    exitCode = cmd.run(ctx, parsed.args, parsed.flags, path) ?? 0;
  } catch (err) {
    if (!(err instanceof CliError) && !(err instanceof StatusError)) {
      // Engine services report a bad target with a plain Error: print it as kubectl prints its own errors.
      if (!(err instanceof Error) || err.constructor !== Error) throw err;
      out += formatError(new CliError(err.message));
      exitCode = 1;
    } else {
      out += formatError(err);
      exitCode = err instanceof CliError ? err.exitCode : 1;
    }
  }
  cluster.settle();
  return { output: out, exitCode };
}
