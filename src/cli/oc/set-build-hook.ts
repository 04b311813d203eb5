/**
 * `oc set build-hook BUILDCONFIG --post-commit (--script=SCRIPT | --command -- CMD...) [--remove]`
 * (openshift/oc pkg/cli/set/buildhook.go): sets or removes a BuildConfig's postCommit hook.
 */
import type { Command } from '../command';
import { CliError, usageError } from '../errors';

const BUILD_CONFIGS = 'buildconfigs.build.openshift.io';

export const setBuildHook: Command = {
  name: 'set',
  short: 'Update a build hook on a build config',
  usage: 'set build-hook BUILDCONFIG --post-commit [--command] [--script] -- CMD',
  flags: [
    {
      name: 'post-commit',
      type: 'bool',
      default: false,
      usage: 'If true, set the post-commit build hook on a build config',
    },
    {
      name: 'command',
      type: 'bool',
      default: false,
      usage: 'If true, set the entrypoint of the hook container to the given command',
    },
    { name: 'script', type: 'string', default: '', usage: 'Specify a script to run for the build-hook' },
    { name: 'remove', type: 'bool', default: false, usage: 'If true, remove the build hook.' },
  ],
  run(ctx, inv) {
    const rest = inv.args[0] === 'build-hook' ? inv.args.slice(1) : inv.args;
    const dash = inv.dashAt >= 0 ? inv.dashAt - (inv.args.length - rest.length) : -1;
    const resources = dash >= 0 ? rest.slice(0, dash) : rest;
    const command = dash >= 0 ? rest.slice(dash) : [];
    if (resources.length === 0)
      throw usageError(
        inv.path,
        'one or more build configs must be specified as <name> or <resource>/<name>',
      );
    const script = inv.flags.str('script');
    const entrypoint = inv.flags.bool('command');
    if (!inv.flags.bool('post-commit')) throw new CliError('you must specify a type of hook to set');
    if (inv.flags.bool('remove')) {
      if (script || entrypoint) throw new CliError('--remove may not be used with any other option');
    } else if (script && entrypoint)
      throw new CliError('--script and --command cannot be specified together');
    else if (!entrypoint && !script)
      throw new CliError('you must specify either a script or command for the build hook');
    for (const r of resources) {
      const m = /^([^/]+)\/(.+)$/.exec(r);
      if (m && !/^(bc|buildconfigs?)(\.build\.openshift\.io)?$/.test(m[1]))
        throw new CliError(`${m[1]}/${m[2]} is not a build config`);
      const bc = ctx.api.get(BUILD_CONFIGS, ctx.namespace, m ? m[2] : r);
      const hook = inv.flags.bool('remove')
        ? {}
        : script
          ? { script, ...(command.length ? { args: command } : {}) }
          : { command: command.slice(0, 1), ...(command.length > 1 ? { args: command.slice(1) } : {}) };
      if (JSON.stringify(hook) === JSON.stringify(bc.spec?.postCommit ?? {})) continue;
      ctx.api.update({ ...bc, spec: { ...bc.spec, postCommit: hook } }, { user: ctx.user });
      ctx.print(`buildconfig.build.openshift.io/${bc.metadata.name} hooks updated\n`);
    }
    return 0;
  },
};
