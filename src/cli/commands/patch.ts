/** `kubectl patch`: strategic (default), merge or JSON patches from `-p` or `--patch-file`. */
import YAML from 'yaml';
import type { PatchType } from '../../engine/api/patch';
import { deepEqual } from '../../engine/util/objects';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { joinPath, yamlSyntaxError } from '../manifests';
import { outputFormat } from '../output-format';
import { printObjects } from '../printers/index';
import { objectRef, typeId } from '../resources';
import { selectObjects } from '../select';
import { dryRunSuffix, parseDryRun } from '../write';

export const patchCommand: Command = {
  name: 'patch',
  group: 'Advanced Commands',
  short: 'Update fields of a resource',
  long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`,
  examples: `  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

  # Partially update a node using a strategic merge patch, specifying the patch as YAML
  kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

  # Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
  kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'

  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

  # Update a deployment's replicas through the 'scale' subresource using a merge patch
  kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
  usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  completion: 'types',
  flags: [
    {
      name: 'patch',
      short: 'p',
      type: 'string',
      usage: 'The patch to be applied to the resource JSON file.',
    },
    { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    {
      name: 'type',
      type: 'string',
      default: 'strategic',
      usage: 'The type of patch being provided; one of [json merge strategic]',
    },
    {
      name: 'subresource',
      type: 'string',
      usage:
        'If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future.',
    },
    {
      name: 'local',
      type: 'bool',
      usage: 'If true, patch will operate on the content of the file, not the server-side resource.',
    },
    F.filename('identifying the resource to update'),
    F.recursive,
    F.dryRun,
    F.output,
    { ...F.fieldManager, default: 'kubectl-patch' },
  ],
  run: runPatch,
};

function runPatch(ctx: CommandContext, inv: Invocation): number {
  const { flags } = inv;
  const type = flags.str('type') as PatchType;
  if (!['json', 'merge', 'strategic'].includes(type)) {
    throw new CliError(
      `--type must be one of [json merge strategic], not "${type}"\nSee '${inv.path} -h' for help and examples`,
    );
  }
  let text = flags.str('patch');
  const file = flags.str('patch-file');
  if (text && file) throw new CliError('--patch and --patch-file are mutually exclusive');
  if (file) {
    const content = ctx.files?.read(joinPath(ctx.cwd, file));
    if (content === undefined)
      throw new CliError(`unable to read patch file: open ${file}: no such file or directory`);
    text = content;
  }
  if (!text)
    throw new CliError(
      `must specify --patch or --patch-file containing the contents of the patch\nSee '${inv.path} -h' for help and examples`,
    );
  const syntax = yamlSyntaxError(text);
  if (syntax) throw new CliError(`unable to parse "${text}": ${syntax}`);
  const patch = YAML.parse(text, { schema: 'yaml-1.1' });
  if (type === 'json' && !Array.isArray(patch)) {
    throw new CliError(
      `unable to parse "${text}": json: cannot unmarshal object into Go value of type jsonpatch.Patch`,
    );
  }
  const filenames = flags.list('filename');
  if (inv.args.length === 0 && !filenames.length) {
    throw new CliError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  }
  if (inv.args.length === 1 && !inv.args[0].includes('/') && !filenames.length)
    throw new CliError('resource(s) were provided, but no name was specified');
  const dryRun = parseDryRun(flags.str('dry-run'));
  const format = outputFormat(flags.str('output'));
  const { groups, errors } = selectObjects(ctx, inv.args, { filenames });
  const subresource = flags.str('subresource');
  for (const g of groups) {
    for (const obj of g.objects) {
      try {
        if (type === 'strategic' && !ctx.api.kinds.all().includes(g.rt))
          throw new CliError('strategic merge patch is not supported for custom resources');
        const patched = ctx.api.patch(typeId(g.rt), obj.metadata.namespace, obj.metadata.name, type, patch, {
          dryRun: dryRun !== 'none',
          user: ctx.user,
          ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
        });
        if (format)
          ctx.print(printObjects(g.rt, [patched], format, { single: true, nowMs: ctx.cluster.clock.now() }));
        else {
          const same = deepEqual(patched, obj);
          ctx.print(
            `${objectRef(g.rt, obj.metadata.name)} patched${same ? ' (no change)' : ''}${dryRunSuffix(dryRun)}\n`,
          );
        }
      } catch (err) {
        errors.push(err);
      }
    }
  }
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 1;
  }
  return 0;
}
