/**
 * `kubectl edit`: asks the host to open the object's YAML in the editor (an `open-editor` effect). When the
 * learner saves, the host calls `completeEdit` (src/cli/edit-complete.ts) which applies the change the way
 * kubectl does and returns `deployment.apps/web edited`.
 */
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { F } from '../globals';
import { printObjects } from '../printers/index';
import { objectRef } from '../resources';
import { selectObjects } from '../select';

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const editCommand: Command = {
  name: 'edit',
  group: 'Basic Commands (Intermediate)',
  short: 'Edit a resource on the server',
  long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open
the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for
Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL'
environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for
Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as
command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify
the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".`,
  examples: `  # Edit the service named 'registry'
  kubectl edit svc/registry

  # Use an alternative editor
  KUBE_EDITOR="nano" kubectl edit svc/registry

  # Edit the job 'myjob' in JSON using the v1 API format
  kubectl edit job.v1.batch/myjob -o json

  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kubectl edit deployment/mydeployment -o yaml --save-config`,
  usage: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  completion: 'types',
  flags: [
    F.filename('to use to edit the resource'),
    F.recursive,
    F.output,
    F.validate,
    F.fieldManager,
    {
      name: 'save-config',
      type: 'bool',
      usage: 'If true, the configuration of current object will be saved in its annotation.',
    },
  ],
  run(ctx: CommandContext, inv: Invocation) {
    const filenames = inv.flags.list('filename');
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
    const { groups, errors } = selectObjects(ctx, inv.args, { filenames });
    if (errors.length) throw errors[0];
    const json = inv.flags.str('output') === 'json';
    for (const g of groups) {
      for (const obj of g.objects) {
        const body = printObjects(
          g.rt,
          [obj],
          { kind: json ? 'json' : 'yaml' },
          { single: true, nowMs: ctx.cluster.clock.now() },
        );
        const ref = objectRef(g.rt, obj.metadata.name);
        ctx.effects.push({
          type: 'open-editor',
          path: `/tmp/kubectl-edit-${obj.metadata.name}.${json ? 'json' : 'yaml'}`,
          content: EDIT_HEADER + body,
          resource: ref.slice(0, ref.indexOf('/')),
          ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
          name: obj.metadata.name,
        });
      }
    }
    return 0;
  },
};
