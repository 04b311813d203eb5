/** `kubectl create -f` and the `create <kind>` generators. */
import type { StoredObject } from '../../engine/api/types';
import { type Command, type CommandContext, type Invocation, renderHelp } from '../command';
import { CliError, formatErrors } from '../errors';
import { GENERATOR_FLAGS } from '../generate';
import { F } from '../globals';
import { loadManifests } from '../manifests';
import { outputFormat } from '../output-format';
import { printObjects } from '../printers/index';
import { createItem, parseDryRun, resultLine } from '../write';
import {
  createConfigMapCommand,
  createNamespaceCommand,
  createSecretCommand,
  createServiceAccountCommand,
} from './create-config';
import {
  createClusterRoleBindingCommand,
  createClusterRoleCommand,
  createRoleBindingCommand,
  createRoleCommand,
} from './create-rbac';
import { createIngressCommand, createServiceCommand } from './create-service';
import { createCronJobCommand, createDeploymentCommand, createJobCommand } from './create-workloads';

export const createCommand: Command = {
  name: 'create',
  group: 'Basic Commands (Beginner)',
  short: 'Create a resource from a file or from stdin',
  long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
  examples: `  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json

  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -

  # Edit the data in registry.yaml in JSON then create the resource using the edited data
  kubectl create -f registry.yaml --edit -o json`,
  usage: 'create -f FILENAME [options]',
  flags: [F.filename('to use to create the resource'), F.recursive, ...GENERATOR_FLAGS, F.selector],
  subcommands: [
    createClusterRoleCommand,
    createClusterRoleBindingCommand,
    createConfigMapCommand,
    createCronJobCommand,
    createDeploymentCommand,
    createIngressCommand,
    createJobCommand,
    createNamespaceCommand,
    createRoleCommand,
    createRoleBindingCommand,
    createSecretCommand,
    createServiceCommand,
    createServiceAccountCommand,
  ],
  run: runCreate,
};

function runCreate(ctx: CommandContext, inv: Invocation): number {
  const filenames = inv.flags.list('filename');
  if (filenames.length === 0) {
    // kubectl prints this line, then behaves as a command group: help, or `unknown command` for stray words.
    ctx.print('Error: must specify one of -f and -k\n\n');
    if (inv.args.length)
      throw new CliError(
        `unknown command "${inv.args.join(' ')}"\nSee '${inv.path} -h' for help and examples`,
      );
    ctx.print(renderHelp(createCommand, inv.path, createCommand.flags ?? []));
    return 1;
  }
  if (inv.args.length > 0)
    throw new CliError(
      `Unexpected args: [${inv.args.join(' ')}]\nSee '${inv.path} -h' for help and examples`,
    );
  const dryRun = parseDryRun(inv.flags.str('dry-run'));
  const format = outputFormat(inv.flags.str('output'));
  const { items, errors } = loadManifests(
    filenames,
    { files: ctx.files, stdin: ctx.stdin, cwd: ctx.cwd, recursive: inv.flags.bool('recursive') },
    ctx.api.kinds,
  );
  if (items.length === 0 && errors.length === 0) throw new CliError('no objects passed to create');
  const printed: StoredObject[] = [];
  for (const item of items) {
    try {
      const obj = createItem(ctx, item, dryRun, inv.flags.bool('save-config'));
      if (format) printed.push(obj as StoredObject);
      else ctx.print(resultLine(item.rt, obj.metadata.name ?? '', 'created', dryRun));
    } catch (err) {
      errors.push(err);
    }
  }
  if (format && printed.length)
    ctx.print(
      printObjects(undefined, printed, format, {
        single: printed.length === 1,
        nowMs: ctx.cluster.clock.now(),
      }),
    );
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 1;
  }
  return 0;
}
