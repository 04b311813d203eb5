/** `oc start-build`, `oc cancel-build` and `oc logs bc/x|build/x` (with `--follow` streaming in virtual time). */
import { StatusError } from '../../engine/api/errors';
import type { StoredObject } from '../../engine/api/types';
import { service } from '../../engine/context';
import type { BuildLogs } from '../../engine/openshift/build-controller';
import {
  BUILD_CONFIG_LABEL,
  BUILD_CONFIGS,
  BUILDS,
  instantiateBuild,
} from '../../engine/openshift/instantiate';
import type { Command, CommandContext } from '../command';
import { CliError, usageError } from '../errors';
import { joinPath } from '../manifests';
import type { OutputStream } from '../types';

const TERMINAL = new Set(['Complete', 'Failed', 'Error', 'Cancelled']);

function stripKind(arg: string, kinds: RegExp): string {
  const m = /^([^/]+)\/(.+)$/.exec(arg);
  if (!m) return arg;
  if (!kinds.test(m[1])) throw new CliError(`invalid resource type "${m[1]}"`);
  return m[2];
}

/**
 * The binary input of `--from-dir` / `--from-file` / `--from-repo` from the lab's files, after oc's
 * "Uploading ..." lines. The lab's working directory is not a Git repository, so --from-repo fails as oc
 * does outside one.
 */
function binaryInput(
  ctx: CommandContext,
  dir: string,
  file: string,
  repo: string,
): { asFile?: string; files: Record<string, string> } | undefined {
  const given = [dir, file, repo].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given > 1) throw new CliError('only one of --from-file, --from-repo, or --from-dir may be specified');
  if (file === '-') throw new CliError('--from-file=- is not supported');
  const all = ctx.files?.list() ?? [];
  const base = joinPath(ctx.cwd, dir || file || repo).replace(/^\.\/?/, '');
  const clean = (dir || file || repo).replace(/\/+$/, '') || '.';
  if (repo) {
    ctx.print(`Uploading "${clean}" at commit "HEAD" as binary input for the build ...\n`);
    throw new CliError(`the directory "${clean}" is not a valid Git repository: exit status 128`);
  }
  if (file) {
    const text = ctx.files?.read(base);
    if (text === undefined) throw new CliError(`stat ${clean}: no such file or directory`);
    ctx.print(`Uploading file "${clean}" as binary input for the build ...\n.\nUploading finished\n`);
    return { asFile: clean.split('/').pop(), files: { [clean.split('/').pop() ?? clean]: text } };
  }
  const prefix = base === '.' || base === '' ? '' : `${base}/`;
  const inside = all.filter((p) => p.replace(/^\.\//, '').startsWith(prefix));
  if (prefix && inside.length === 0 && ctx.files?.read(base) === undefined)
    throw new CliError(`stat ${clean}: no such file or directory`);
  const files: Record<string, string> = {};
  for (const p of inside) files[p.replace(/^\.\//, '').slice(prefix.length)] = ctx.files?.read(p) ?? '';
  ctx.print(`Uploading directory "${clean}" as binary input for the build ...\n.\nUploading finished\n`);
  return { files };
}

export const startBuild: Command = {
  name: 'start-build',
  short: 'Start a new build',
  usage: 'start-build (BUILDCONFIG | --from-build=BUILD) [flags]',
  flags: [
    {
      name: 'follow',
      short: 'F',
      type: 'bool',
      default: false,
      usage: 'Start a build and watch its logs until it completes or fails',
    },
    {
      name: 'wait',
      short: 'w',
      type: 'bool',
      default: false,
      usage: 'Wait for a build to complete and exit with a non-zero return code if the build fails',
    },
    {
      name: 'commit',
      type: 'string',
      default: '',
      usage: 'Specify the source code commit identifier the build should use',
    },
    {
      name: 'from-build',
      type: 'string',
      default: '',
      usage: 'Specify the name of a build which should be re-run',
    },
    {
      name: 'from-dir',
      type: 'string',
      default: '',
      usage: 'A directory to archive and use as the binary input for a build.',
    },
    {
      name: 'from-file',
      type: 'string',
      default: '',
      usage:
        'A file to use as the binary input for the build; example a pom.xml or Dockerfile. Will be the only file in the build source.',
    },
    {
      name: 'from-repo',
      type: 'string',
      default: '',
      usage: 'The path to a local source code repository to use as the binary input for a build.',
    },
  ],
  run(ctx, inv) {
    let name = inv.args[0] ? stripKind(inv.args[0], /^(bc|buildconfigs?)(\.build\.openshift\.io)?$/) : '';
    const fromBuild = inv.flags.str('from-build');
    if (fromBuild) {
      const b = ctx.api.tryGet(BUILDS, ctx.namespace, fromBuild);
      if (!b) throw new StatusError(404, 'NotFound', `builds.build.openshift.io "${fromBuild}" not found`);
      name = b.metadata.labels?.[BUILD_CONFIG_LABEL] ?? '';
    }
    if (!name)
      throw usageError(
        inv.path,
        "Must pass a name of a build config or specify build name with '--from-build' flag.",
      );
    if (!ctx.api.tryGet(BUILD_CONFIGS, ctx.namespace, name)) {
      throw new StatusError(404, 'NotFound', `buildconfigs.build.openshift.io "${name}" not found`);
    }
    const binary = binaryInput(
      ctx,
      inv.flags.str('from-dir'),
      inv.flags.str('from-file'),
      inv.flags.str('from-repo'),
    );
    const build = instantiateBuild(ctx.engine, ctx.namespace, name, {
      message: 'Manually triggered',
      commit: inv.flags.str('commit') || undefined,
      ...(binary ? { binary } : {}),
    });
    ctx.print(`build.build.openshift.io/${build.metadata.name} started\n`);
    const follow = inv.flags.bool('follow');
    const wait = inv.flags.bool('wait');
    if (follow || wait) ctx.stream = followBuild(ctx, build.metadata.name, { logs: follow, wait });
    return 0;
  },
};

export const cancelBuild: Command = {
  name: 'cancel-build',
  short: 'Cancel running, pending, or new builds',
  usage: 'cancel-build (BUILD | BUILDCONFIG) [flags]',
  run(ctx, inv) {
    if (inv.args.length === 0)
      throw usageError(inv.path, 'must pass the name of at least one build or build config');
    // bc/NAME means its builds; anything else names a build. Finished builds are skipped silently.
    const names: string[] = [];
    for (const arg of inv.args) {
      const m = /^([^/]+)\/(.+)$/.exec(arg);
      if (m && /^(bc|buildconfigs?)(\.build\.openshift\.io)?$/.test(m[1])) {
        for (const b of ctx.api.list(BUILDS, { namespace: ctx.namespace }))
          if (b.metadata.labels?.[BUILD_CONFIG_LABEL] === m[2]) names.push(b.metadata.name);
      } else names.push(stripKind(arg, /^(builds?)(\.build\.openshift\.io)?$/));
    }
    let failed = false;
    const cancelling: string[] = [];
    for (const name of names) {
      const b = ctx.api.tryGet(BUILDS, ctx.namespace, name);
      if (!b) {
        ctx.print(`error: build ${ctx.namespace}/${name} not found\n`);
        failed = true;
        continue;
      }
      if (TERMINAL.has(b.status?.phase)) continue;
      ctx.api.updateStatus({ ...b, status: { ...b.status, cancelled: true } }, { user: ctx.user });
      ctx.print(`build.build.openshift.io/${name} marked for cancellation, waiting to be cancelled\n`);
      cancelling.push(name);
    }
    ctx.cluster.advance(500);
    for (const name of cancelling)
      if (ctx.api.tryGet(BUILDS, ctx.namespace, name)?.status?.phase === 'Cancelled')
        ctx.print(`build.build.openshift.io/${name} cancelled\n`);
    if (failed) throw new CliError('failure during the build cancellation');
    return 0;
  },
};

/** `oc logs bc/x` (the newest build) and `oc logs build/x`; other targets are kubectl's. */
export const buildLogs: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [flags]',
  flags: [
    {
      name: 'follow',
      short: 'f',
      type: 'bool',
      default: false,
      usage: 'Specify if the logs should be streamed.',
    },
    { name: 'version', type: 'int', default: 0, usage: 'View the logs of a particular build version' },
  ],
  run(ctx, inv) {
    const [arg] = inv.args;
    const m = /^([^/]+)\/(.+)$/.exec(arg ?? '');
    if (!m) throw usageError(inv.path, 'expected POD or TYPE/NAME');
    let build: StoredObject | undefined;
    if (/^(bc|buildconfigs?)/.test(m[1])) {
      if (!ctx.api.tryGet(BUILD_CONFIGS, ctx.namespace, m[2]))
        throw new StatusError(404, 'NotFound', `buildconfigs.build.openshift.io "${m[2]}" not found`);
      const bc = ctx.api.get(BUILD_CONFIGS, ctx.namespace, m[2]);
      const version = inv.flags.int('version') || bc.status?.lastVersion || 0;
      build = ctx.api.tryGet(BUILDS, ctx.namespace, `${m[2]}-${version}`);
      if (!build) throw new CliError(`no builds found for "${m[2]}"`);
    } else {
      build = ctx.api.tryGet(BUILDS, ctx.namespace, m[2]);
      if (!build) throw new StatusError(404, 'NotFound', `builds.build.openshift.io "${m[2]}" not found`);
    }
    const name = build.metadata.name;
    const phase = build.status?.phase ?? 'New';
    if (phase === 'New' || phase === 'Pending') {
      if (!inv.flags.bool('follow'))
        throw new CliError(`build ${name} is ${phase === 'New' ? 'New' : 'Pending'}`);
    }
    const logs = service<BuildLogs>(ctx.engine, 'openshift-builds');
    const shown = logs.visible(ctx.namespace, name, ctx.cluster.clock.now());
    const text = shown.map((l) => `${l.text}\n`).join('');
    ctx.print(text);
    if (inv.flags.bool('follow') && !TERMINAL.has(phase))
      ctx.stream = followBuild(ctx, name, { logs: true, wait: false }, shown.length);
    return 0;
  },
};

/**
 * `--follow` prints the build's log lines as they appear in virtual time; `--wait` ends with oc's error when
 * the build does not complete. The stream ends when the build does.
 */
function followBuild(
  ctx: CommandContext,
  name: string,
  opts: { logs: boolean; wait: boolean },
  already = 0,
): OutputStream {
  const logs = service<BuildLogs>(ctx.engine, 'openshift-builds');
  const ns = ctx.namespace;
  return {
    subscribe(write, done) {
      let sent = already;
      let finished = false;
      let timer: { cancelled: boolean } | undefined;
      const tick = () => {
        if (finished) return;
        const lines = logs.visible(ns, name, ctx.cluster.clock.now());
        if (opts.logs) for (; sent < lines.length; sent++) write(`${lines[sent].text}\n`);
        const b = ctx.api.tryGet(BUILDS, ns, name);
        const phase = b?.status?.phase;
        if (!b || TERMINAL.has(phase)) {
          finished = true;
          if (timer) timer.cancelled = true;
          const ok = phase === 'Complete';
          if (!ok && opts.wait) write(`error: the build ${ns}/${name} status is "${phase ?? 'Unknown'}"\n`);
          done(ok || !opts.wait ? 0 : 1);
          return;
        }
        timer = ctx.cluster.clock.after(100, 'oc start-build --follow', tick);
      };
      tick();
      return () => {
        finished = true;
        if (timer) timer.cancelled = true;
      };
    },
  };
}
