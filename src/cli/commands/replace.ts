/** `kubectl replace -f`: a full PUT of each manifest (or delete and re-create with --force). */
import type { KObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { loadManifests } from '../manifests';
import { objectRef, typeId } from '../resources';
import { dryRunSuffix, itemNamespace, parseDryRun, wrapServer } from '../write';

export const replaceCommand: Command = {
  name: 'replace',
  group: 'Advanced Commands',
  short: 'Replace a resource by file name or stdin',
  long: `Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This
can be obtained by

        $ kubectl get TYPE NAME -o yaml`,
  examples: `  # Replace a pod using the data in pod.json
  kubectl replace -f ./pod.json

  # Replace a pod based on the JSON passed into stdin
  cat pod.json | kubectl replace -f -

  # Force replace, delete and then re-create the resource
  kubectl replace --force -f ./pod.json`,
  usage: 'replace -f FILENAME [options]',
  flags: [
    F.filename('to use to replace the resource.'),
    F.recursive,
    F.dryRun,
    F.output,
    F.validate,
    {
      name: 'force',
      type: 'bool',
      usage:
        'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    },
    {
      name: 'save-config',
      type: 'bool',
      usage: 'If true, the configuration of current object will be saved in its annotation.',
    },
  ],
  run: runReplace,
};

function runReplace(ctx: CommandContext, inv: Invocation): number {
  const filenames = inv.flags.list('filename');
  if (filenames.length === 0)
    throw new CliError(`must specify --filename to replace\nSee '${inv.path} -h' for help and examples`);
  const dryRun = parseDryRun(inv.flags.str('dry-run'));
  const { items, errors } = loadManifests(
    filenames,
    { files: ctx.files, stdin: ctx.stdin, cwd: ctx.cwd, recursive: inv.flags.bool('recursive') },
    ctx.api.kinds,
  );
  if (items.length === 0 && errors.length === 0) throw new CliError('no objects passed to replace');
  for (const item of items) {
    try {
      const ns = itemNamespace(ctx, item);
      const name = item.obj.metadata.name ?? '';
      const obj = {
        ...item.obj,
        metadata: { ...item.obj.metadata, ...(ns ? { namespace: ns } : {}) },
      } as KObject;
      if (inv.flags.bool('force')) {
        if (ctx.api.tryGet(typeId(item.rt), ns, name)) {
          ctx.api.delete(typeId(item.rt), ns, name, {
            gracePeriodSeconds: 0,
            dryRun: dryRun !== 'none',
            user: ctx.user,
          });
          ctx.print(
            `${item.rt.group ? `${item.rt.singular}.${item.rt.group}` : item.rt.singular} "${name}" deleted${dryRunSuffix(dryRun)}\n`,
          );
        }
        if (dryRun !== 'client')
          ctx.api.create(structuredClone(obj), { dryRun: dryRun === 'server', user: ctx.user });
      } else {
        // A replace needs the object to exist: this throws the API server's NotFound.
        ctx.api.get(typeId(item.rt), ns, name);
        if (dryRun !== 'client')
          ctx.api.update(structuredClone(obj), { dryRun: dryRun === 'server', user: ctx.user });
      }
      ctx.print(`${objectRef(item.rt, name)} replaced${dryRunSuffix(dryRun)}\n`);
    } catch (err) {
      errors.push(wrapServer('replacing', item.source, err));
    }
  }
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 1;
  }
  return 0;
}
