/** `kubectl apply -f`: client-side apply with the last-applied annotation (or `--server-side`). */

import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { loadManifests } from '../manifests';
import { outputFormat } from '../output-format';
import { printObjects } from '../printers/index';
import { applyItem, parseDryRun, resultLine } from '../write';

export const applyCommand: Command = {
  name: 'apply',
  group: 'Advanced Commands',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be
created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create
--save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current
state is. See https://issues.k8s.io/34274.`,
  examples: `  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json

  # Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl apply -k dir/

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -

  # Apply the configuration from all files that end with '.json'
  kubectl apply -f '*.json'`,
  usage: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    F.filename('that contains the configuration to apply'),
    F.recursive,
    F.dryRun,
    F.output,
    F.validate,
    F.fieldManager,
    F.selector,
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    {
      name: 'force-conflicts',
      type: 'bool',
      usage: 'If true, server-side apply will force the changes against conflicts.',
    },
    {
      name: 'prune',
      type: 'bool',
      usage:
        'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.',
    },
    {
      name: 'force',
      type: 'bool',
      usage:
        'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    },
    {
      name: 'overwrite',
      type: 'bool',
      default: true,
      usage:
        'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration',
    },
    {
      name: 'kustomize',
      short: 'k',
      type: 'string',
      usage: "Process a kustomization directory. This flag can't be used together with -f or -R.",
    },
  ],
  run: runApply,
};

function runApply(ctx: CommandContext, inv: Invocation): number {
  const { flags } = inv;
  const filenames = flags.list('filename');
  if (flags.changed('kustomize'))
    throw new CliError('kustomize is not available in this lab; use -f with the manifests instead');
  if (filenames.length === 0) throw new CliError('must specify one of -f and -k');
  if (inv.args.length > 0)
    throw new CliError(
      `Unexpected args: [${inv.args.join(' ')}]\nSee '${inv.path} -h' for help and examples`,
    );
  const dryRun = parseDryRun(flags.str('dry-run'));
  const format = outputFormat(flags.str('output'));
  const { items, errors } = loadManifests(
    filenames,
    { files: ctx.files, stdin: ctx.stdin, cwd: ctx.cwd, recursive: flags.bool('recursive') },
    ctx.api.kinds,
  );
  if (items.length === 0 && errors.length === 0) throw new CliError('no objects passed to apply');
  const printed: StoredObject[] = [];
  for (const item of items) {
    try {
      const { obj, verb } = applyItem(ctx, item, dryRun, flags.bool('server-side'));
      if (format) printed.push(obj as StoredObject);
      else ctx.print(resultLine(item.rt, obj.metadata.name ?? '', verb, dryRun));
    } catch (err) {
      errors.push(err);
    }
  }
  if (format && printed.length) {
    ctx.print(
      printObjects(undefined, printed, format, {
        single: printed.length === 1,
        nowMs: ctx.cluster.clock.now(),
      }),
    );
  }
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 1;
  }
  return 0;
}
