/** `kubectl describe`: one object's details and Events; a name also matches as a prefix, as in kubectl. */

import type { ResourceType } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { describeObject } from '../printers/index';
import { noResources, parseResourceArgs, typeId } from '../resources';
import { labelSelector, listNamespace, selectObjects } from '../select';

export const describeCommand: Command = {
  name: 'describe',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You
may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX

 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for
every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

  # Describe a pod
  kubectl describe pods/nginx

  # Describe a pod identified by type and name in "pod.json"
  kubectl describe -f pod.json

  # Describe all pods
  kubectl describe pods

  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel

  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend`,
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  completion: 'types',
  flags: [
    F.allNamespaces,
    F.selector,
    F.filename('containing the resource to describe'),
    F.recursive,
    {
      name: 'show-events',
      type: 'bool',
      default: true,
      usage: 'If true, display events related to the described object.',
    },
    {
      name: 'chunk-size',
      type: 'int',
      default: 500,
      usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable.',
    },
  ],
  run: runDescribe,
};

function runDescribe(ctx: CommandContext, inv: Invocation): number {
  const { flags, args } = inv;
  const filenames = flags.list('filename');
  if (args.length === 0 && filenames.length === 0) {
    throw new CliError(
      `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`,
    );
  }
  const found: { rt: ResourceType; obj: StoredObject }[] = [];
  const errors: unknown[] = [];
  if (filenames.length || args.some((a) => a.includes('/'))) {
    const r = selectObjects(ctx, args, { filenames, recursive: flags.bool('recursive') });
    for (const g of r.groups) for (const obj of g.objects) found.push({ rt: g.rt, obj });
    errors.push(...r.errors);
  } else {
    const allNs = flags.bool('all-namespaces');
    const sel = labelSelector(flags.str('selector'));
    for (const ref of parseResourceArgs(ctx.api.kinds, args)) {
      const id = typeId(ref.rt);
      const ns = listNamespace(ctx, ref.rt, allNs);
      if (ref.names.length === 0) {
        for (const obj of ctx.api.list(id, { namespace: ns, labelSelector: sel }))
          found.push({ rt: ref.rt, obj });
        continue;
      }
      for (const name of ref.names) {
        const exact = ctx.api.tryGet(id, ref.rt.namespaced ? ctx.namespace : undefined, name);
        if (exact) {
          found.push({ rt: ref.rt, obj: exact });
          continue;
        }
        const byPrefix = ctx.api
          .list(id, { namespace: ref.rt.namespaced ? ctx.namespace : undefined })
          .filter((o) => o.metadata.name.startsWith(name));
        if (byPrefix.length === 0) {
          errors.push(
            new CliError(
              `Error from server (NotFound): ${ref.rt.group ? `${ref.rt.plural}.${ref.rt.group}` : ref.rt.plural} "${name}" not found`,
              1,
              true,
            ),
          );
        }
        for (const obj of byPrefix) found.push({ rt: ref.rt, obj });
      }
    }
    if (found.length === 0 && errors.length === 0) {
      const rt = parseResourceArgs(ctx.api.kinds, args)[0]?.rt;
      ctx.print(noResources(rt?.namespaced && !allNs ? ctx.namespace : undefined));
      return 0;
    }
  }
  let first = true;
  for (const { rt, obj } of found) {
    let text = describeObject(ctx.engine, rt, obj);
    if (!flags.bool('show-events')) text = text.replace(/\nEvents:[\s\S]*$/, '\n');
    ctx.print(first ? text : `\n\n${text}`);
    first = false;
  }
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 1;
  }
  return 0;
}
