/**
 * `oc`: OpenShift's client is kubectl plus its own commands. A line `oc <cmd> ...` runs an oc-only command
 * from OC_COMMANDS when it names one (new-project, start-build, new-app...), and otherwise runs as the
 * kubectl command with oc's name in usage hints (`See 'oc get -h'`).
 */
import type { Command, CommandContext } from '../command';
import { renderHelp } from '../command';
import { formatError } from '../errors';
import { parseFlags } from '../flags';
import { GLOBAL_FLAGS } from '../globals';
import type { LabShell } from '../shell';
import type { CommandEffect, CommandResult, OutputStream, RunOptions } from '../types';
import { OC_COMMANDS } from './commands';

export { OC_COMMANDS } from './commands';

/** Run `oc` with `words` (after `oc`); `kubectl` runs the words as kubectl would. */
export function runOc(
  shell: LabShell,
  words: string[],
  opts: RunOptions,
  kubectl: (words: string[]) => CommandResult,
): CommandResult {
  const idx = words.findIndex((w) => !w.startsWith('-'));
  const name = idx >= 0 ? words[idx] : undefined;
  const cmd = name ? findOcCommand(words, idx) : undefined;
  if (!cmd) {
    const r = kubectl(words);
    return { ...r, output: asOc(r.output) };
  }
  const tokens = [...words.slice(0, idx), ...words.slice(idx + 1)];
  return runOcCommand(shell, cmd, tokens, opts);
}

/** An oc-only command, unless it is `oc logs` of a pod (kubectl's) rather than of a build. */
function findOcCommand(words: string[], idx: number): Command | undefined {
  const name = words[idx];
  const cmd = OC_COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
  if (
    cmd?.name === 'logs' &&
    !words.slice(idx + 1).some((w) => /^(bc|buildconfigs?|builds?)(\.build\.openshift\.io)?\//.test(w))
  )
    return undefined;
  if (cmd?.name === 'expose' && !words.slice(idx + 1).some((w) => /^(svc|services?)(\/|$)/.test(w)))
    return undefined;
  if (cmd?.name === 'rollout' && words[idx + 1] !== 'latest') return undefined;
  return cmd;
}

/** kubectl's self-references in usage hints and help become oc's. */
function asOc(text: string): string {
  return text.replace(/(See '|Use "|Usage:\n {2})kubectl /g, '$1oc ').replace(/for "kubectl"/g, 'for "oc"');
}

function runOcCommand(shell: LabShell, cmd: Command, tokens: string[], opts: RunOptions): CommandResult {
  let out = '';
  const effects: CommandEffect[] = [];
  let stream: OutputStream | undefined;
  let exitCode = 0;
  const path = `oc ${cmd.name}`;
  try {
    const parsed = parseFlags(tokens, [...(cmd.flags ?? []), ...GLOBAL_FLAGS], path);
    if (parsed.help) return { output: asOc(renderHelp(cmd, path, cmd.flags ?? [])), exitCode: 0 };
    const explicit = parsed.flags.changed('namespace') && parsed.flags.str('namespace') !== '';
    const ctx: CommandContext = {
      cluster: shell.cluster,
      engine: shell.cluster.ctx,
      api: shell.cluster.api,
      state: shell.state,
      files: (shell as unknown as { opts: { files?: CommandContext['files'] } }).opts.files,
      stdin: opts.stdin,
      cwd: opts.cwd,
      rng: (shell as unknown as { rng: CommandContext['rng'] }).rng,
      namespace: explicit ? parsed.flags.str('namespace') : shell.currentNamespace(),
      explicitNamespace: explicit,
      print: (text: string) => {
        out += text;
      },
      effects,
    };
    try {
      exitCode = cmd.run?.(ctx, { args: parsed.args, flags: parsed.flags, dashAt: parsed.dashAt, path }) ?? 0;
    } finally {
      stream = ctx.stream;
    }
  } catch (err) {
    out += formatError(err);
    exitCode = (err as { exitCode?: number }).exitCode ?? 1;
  }
  shell.cluster.settle();
  const result: CommandResult = { output: out, exitCode };
  if (effects.length) result.effects = effects;
  if (stream) result.stream = stream;
  return result;
}
