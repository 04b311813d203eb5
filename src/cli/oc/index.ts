/**
 * `oc`: OpenShift's client is kubectl plus its own commands. A line `oc <cmd> ...` runs an oc-only command
 * from OC_COMMANDS when it names one (new-project, start-build, new-app...), and otherwise runs as the
 * kubectl command with oc's name in usage hints (`See 'oc get -h'`).
 */
import { authorizedApi } from '../authorize';
import type { Command, CommandContext } from '../command';
import { renderHelp } from '../command';
import { formatError } from '../errors';
import { parseFlags } from '../flags';
import { GLOBAL_FLAGS } from '../globals';
import type { LabShell } from '../shell';
import type { CommandEffect, CommandResult, OutputStream, RunOptions } from '../types';
import { OC_COMMANDS } from './commands';
import { ocDescribe, ocDescribedResource } from './describe';
import { relaxFieldValidation, withWarnings } from './field-validation';
import { ocGetImages, virtualImageResource } from './get-images';
import { kubeconfigGate } from './session';
import { setBuildHook } from './set-build-hook';
import { setTriggers } from './set-triggers';

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
  // A revoked token: every request is Unauthorized until the next `oc login`.
  const denied = kubeconfigGate(shell, words, 'oc');
  if (denied) return denied;
  const cmd = name ? findOcCommand(words, idx) : undefined;
  if (!cmd) {
    if (name === 'logs') {
      const r = kubectl(dcLogsTarget(shell, words));
      return { ...r, output: asOc(r.output) };
    }
    const files = (shell as unknown as { opts: { files?: CommandContext['files'] } }).opts.files;
    const relaxed = relaxFieldValidation(words, shell.cluster.ctx.kinds, {
      files,
      stdin: opts.stdin,
      cwd: opts.cwd,
    });
    if (relaxed) {
      // The same kubectl command, reading the input without its unknown fields.
      const run = (shell as unknown as { kubectl(w: string[], o: RunOptions): CommandResult }).kubectl;
      const r = run.call(shell, relaxed.words, { ...opts, stdin: relaxed.stdin });
      return { ...r, output: withWarnings(asOc(r.output), relaxed.warnings) };
    }
    const r = kubectl(words);
    return { ...r, output: dcDeprecation(words, name, asOc(r.output)) };
  }
  const tokens = [...words.slice(0, idx), ...words.slice(idx + 1)];
  return runOcCommand(shell, cmd, tokens, opts);
}

/** An oc-only command, unless it is `oc logs` of a pod (kubectl's) rather than of a build. */
function findOcCommand(words: string[], idx: number): Command | undefined {
  const name = words[idx];
  // The first word after the command that is not a flag: the resource type (`get istag`, `describe bc/x`).
  const typeWord = words
    .slice(idx + 1)
    .find((w, i, a) => !w.startsWith('-') && !/^-(n|o)$|^--(namespace|output)$/.test(a[i - 1] ?? ''));
  if (name === 'get' && virtualImageResource(typeWord)) return ocGetImages;
  if (name === 'describe' && ocDescribedResource(typeWord)) return ocDescribe;
  if (name === 'set' && typeWord === 'triggers') return setTriggers;
  if (name === 'set' && typeWord === 'build-hook') return setBuildHook;
  const cmd = OC_COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
  if (
    cmd?.name === 'logs' &&
    !words.slice(idx + 1).some((w) => /^(bc|buildconfigs?|builds?)(\.build\.openshift\.io)?\//.test(w))
  )
    return undefined;
  if (cmd?.name === 'expose' && !words.slice(idx + 1).some((w) => /^(svc|services?)(\/|$)/.test(w)))
    return undefined;
  if (
    cmd?.name === 'rollout' &&
    !(
      words[idx + 1] === 'latest' ||
      ((words[idx + 1] === 'status' || words[idx + 1] === 'history') &&
        /^(dc|deploymentconfigs?)(\.apps\.openshift\.io)?(\/|$)/.test(words[idx + 2] ?? ''))
    )
  )
    return undefined;
  return cmd;
}

/**
 * `oc logs dc/NAME`: the DeploymentConfig's log is its latest deployment's: the deployer pod while the
 * rollout runs, then the first pod of that ReplicationController.
 */
function dcLogsTarget(shell: LabShell, words: string[]): string[] {
  const i = words.findIndex((w) => /^(dc|deploymentconfigs?)(\.apps\.openshift\.io)?\//.test(w));
  if (i < 0) return words;
  const nsFlag = words.findIndex((w) => w === '-n' || w === '--namespace');
  const ns =
    nsFlag >= 0
      ? words[nsFlag + 1]
      : (words.find((w) => w.startsWith('--namespace='))?.slice(12) ?? shell.currentNamespace());
  const name = words[i].slice(words[i].indexOf('/') + 1);
  const api = shell.cluster.api;
  const dc = api.tryGet('deploymentconfigs.apps.openshift.io', ns, name);
  if (!dc) return words;
  const rc = `${name}-${dc.status?.latestVersion ?? 0}`;
  const deployer = api.tryGet('pods', ns, `${rc}-deploy`);
  const pods = api
    .list('pods', { namespace: ns })
    .filter((p) => p.metadata.labels?.deployment === rc)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const target =
    deployer && deployer.status?.phase !== 'Succeeded'
      ? deployer
      : (pods.find((p) => p.status?.phase === 'Running') ?? pods[0]);
  return target ? [...words.slice(0, i), `pod/${target.metadata.name}`, ...words.slice(i + 1)] : words;
}

const DC_DEPRECATED =
  'Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+\n';
const DC_WORD = /^(dc|deploymentconfigs?)(\.apps\.openshift\.io)?(\/|$)/;

/**
 * The API server's deprecation warning for a request on DeploymentConfigs: before the output of a read,
 * and just before each DeploymentConfig's own line when a create/apply writes several objects.
 */
function dcDeprecation(words: string[], verb: string | undefined, output: string): string {
  if (output.includes(DC_DEPRECATED)) return output;
  const reads = ['get', 'describe', 'delete', 'scale', 'edit', 'patch', 'label', 'annotate'];
  if (verb && reads.includes(verb) && words.some((w) => DC_WORD.test(w))) return DC_DEPRECATED + output;
  // One warning per request: before each DeploymentConfig the command wrote.
  return output.replace(
    /^(deploymentconfig\.apps\.openshift\.io\/\S+ (created|configured|unchanged|replaced))/gm,
    `${DC_DEPRECATED}$1`,
  );
}

/** kubectl's self-references in usage hints and help become oc's. */
function asOc(text: string): string {
  return text.replace(/(See '|Use "|Usage:\n {2})kubectl /g, '$1oc ').replace(/for "kubectl"/g, 'for "oc"');
}

function runOcCommand(shell: LabShell, top: Command, words: string[], opts: RunOptions): CommandResult {
  // `oc policy add-role-to-user ...`: the subcommand named by the first word that is not a flag.
  let cmd = top;
  let tokens = words;
  let path = `oc ${top.name}`;
  if (top.subcommands?.length) {
    const i = tokens.findIndex((w) => !w.startsWith('-'));
    const sub = i >= 0 ? top.subcommands.find((c) => c.name === tokens[i]) : undefined;
    if (!sub) {
      if (i >= 0 && !tokens.some((w) => w === '-h' || w === '--help'))
        return {
          output: `error: unknown command "${tokens[i]}"\nSee '${path} -h' for help and examples\n`,
          exitCode: 1,
        };
      return { output: asOc(renderHelp(top, path, top.flags ?? [])), exitCode: 0 };
    }
    cmd = sub;
    tokens = [...tokens.slice(0, i), ...tokens.slice(i + 1)];
    path = `${path} ${sub.name}`;
  }
  let out = '';
  const effects: CommandEffect[] = [];
  let stream: OutputStream | undefined;
  let exitCode = 0;
  try {
    const parsed = parseFlags(tokens, [...(cmd.flags ?? []), ...GLOBAL_FLAGS], path);
    if (parsed.help) return { output: asOc(renderHelp(cmd, path, cmd.flags ?? [])), exitCode: 0 };
    const explicit = parsed.flags.changed('namespace') && parsed.flags.str('namespace') !== '';
    const ctx: CommandContext = {
      cluster: shell.cluster,
      engine: shell.cluster.ctx,
      api: authorizedApi(
        shell.cluster.api,
        (shell as unknown as { opts: { user?: CommandContext['user'] } }).opts.user,
      ),
      state: shell.state,
      files: (shell as unknown as { opts: { files?: CommandContext['files'] } }).opts.files,
      stdin: opts.stdin,
      cwd: opts.cwd,
      rng: (shell as unknown as { rng: CommandContext['rng'] }).rng,
      user: (shell as unknown as { opts: { user?: CommandContext['user'] } }).opts.user,
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
