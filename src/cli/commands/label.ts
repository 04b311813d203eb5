/** `kubectl label` and `kubectl annotate`: `key=value`, `key-` removal, `--overwrite`, `-l`, `--all`. */

import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { outputFormat } from '../output-format';
import { printObjects } from '../printers/index';
import { objectRef, typeId } from '../resources';
import { selectObjects } from '../select';
import { dryRunSuffix, parseDryRun } from '../write';

type Which = 'labels' | 'annotations';

function splitArgs(
  args: string[],
  which: Which,
): { resources: string[]; set: Record<string, string>; remove: string[] } {
  const resources: string[] = [];
  const set: Record<string, string> = {};
  const remove: string[] = [];
  let seenChange = false;
  for (const a of args) {
    if (a.includes('=')) {
      seenChange = true;
      const i = a.indexOf('=');
      const key = a.slice(0, i);
      if (!key) throw new CliError(`invalid ${which === 'labels' ? 'label' : 'annotation'} spec: ${a}`);
      set[key] = a.slice(i + 1);
    } else if (a.endsWith('-') && (seenChange || resources.length > 0)) {
      seenChange = true;
      remove.push(a.slice(0, -1));
    } else if (!seenChange) resources.push(a);
    else throw new CliError(`invalid ${which === 'labels' ? 'label' : 'annotation'} spec: ${a}`);
  }
  for (const k of remove)
    if (k in set)
      throw new CliError(
        `can not both modify and remove ${which === 'labels' ? 'a label' : 'an annotation'} in the same command`,
      );
  return { resources, set, remove };
}

function makeCommand(which: Which): Command {
  const noun = which === 'labels' ? 'label' : 'annotation';
  const verb = which === 'labels' ? 'labeled' : 'annotated';
  const unverb = which === 'labels' ? 'unlabeled' : 'annotated';
  return {
    name: which === 'labels' ? 'label' : 'annotate',
    group: 'Settings Commands',
    short: which === 'labels' ? 'Update the labels on a resource' : 'Update the annotations on a resource',
    long:
      which === 'labels'
        ? `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`
        : `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are
key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and
system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is
specified and does not match the current resource version on the server the command will fail.`,
    examples:
      which === 'labels'
        ? `  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true

  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy

  # Update all pods in the namespace
  kubectl label pods --all status=unhealthy

  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kubectl label pods foo bar-`
        : `  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  # If the same annotation is set multiple times, only the last value will be applied
  kubectl annotate pods foo description='my frontend'

  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
  kubectl annotate --overwrite pods foo description='my frontend running nginx'

  # Update pod 'foo' by removing an annotation named 'description' if it exists
  # Does not require the --overwrite flag
  kubectl annotate pods foo description-`,
    usage:
      which === 'labels'
        ? 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]'
        : 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    completion: 'types',
    flags: [
      which === 'labels'
        ? F.overwrite
        : {
            ...F.overwrite,
            usage:
              'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.',
          },
      F.all,
      F.allNamespaces,
      F.selector,
      F.fieldSelector,
      F.filename(`identifying the resource to update the ${noun}`),
      F.recursive,
      F.dryRun,
      F.output,
      { name: 'list', type: 'bool', usage: `If true, display the ${which} for a given resource.` },
      { name: 'local', type: 'bool', usage: `If true, ${noun} will NOT contact api-server but run locally.` },
      {
        name: 'resource-version',
        type: 'string',
        usage:
          'If non-empty, the update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
      },
    ],
    run(ctx: CommandContext, inv: Invocation) {
      const { flags } = inv;
      const { resources, set, remove } = splitArgs(inv.args, which);
      const filenames = flags.list('filename');
      if (resources.length === 0 && filenames.length === 0) {
        throw new CliError(
          `one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee '${inv.path} -h' for help and examples`,
        );
      }
      const listing = flags.bool('list');
      if (!listing && Object.keys(set).length === 0 && remove.length === 0) {
        throw new CliError(
          `at least one ${noun} update is required\nSee '${inv.path} -h' for help and examples`,
        );
      }
      const bulk = flags.bool('all') || !!flags.str('selector') || !!flags.str('field-selector');
      if (resources.length === 1 && !resources[0].includes('/') && !bulk && !filenames.length) {
        throw new CliError('resource(s) were provided, but no name was specified');
      }
      const dryRun = parseDryRun(flags.str('dry-run'));
      const format = outputFormat(flags.str('output'));
      const { groups, errors } = selectObjects(ctx, resources, {
        selector: flags.str('selector'),
        fieldSelector: flags.str('field-selector'),
        allNamespaces: flags.bool('all-namespaces'),
        filenames,
      });
      const printed: StoredObject[] = [];
      for (const g of groups) {
        for (const obj of g.objects) {
          try {
            const current = (obj.metadata[which] as Record<string, string> | undefined) ?? {};
            if (listing) {
              for (const [k, v] of Object.entries(current)) ctx.print(`${k}=${v}\n`);
              continue;
            }
            if (!flags.bool('overwrite')) {
              for (const [k, v] of Object.entries(set)) {
                if (k in current && current[k] !== v) {
                  throw new CliError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
                }
              }
            }
            const next: Record<string, string | null> = {};
            for (const k of remove) if (k in current) next[k] = null;
            for (const [k, v] of Object.entries(set)) if (current[k] !== v) next[k] = v;
            const ref = objectRef(g.rt, obj.metadata.name);
            if (Object.keys(next).length === 0) {
              if (format) printed.push(obj);
              else ctx.print(`${ref} not ${verb}${dryRunSuffix(dryRun)}\n`);
              continue;
            }
            if (
              flags.str('resource-version') &&
              flags.str('resource-version') !== obj.metadata.resourceVersion
            ) {
              throw ctx.api.patch(typeId(g.rt), obj.metadata.namespace, obj.metadata.name, 'merge', {
                metadata: { resourceVersion: flags.str('resource-version'), [which]: next },
              });
            }
            const updated = ctx.api.patch(
              typeId(g.rt),
              obj.metadata.namespace,
              obj.metadata.name,
              'merge',
              { metadata: { [which]: next } },
              {
                dryRun: dryRun !== 'none',
                user: ctx.user,
              },
            );
            const onlyRemoved = Object.keys(set).length === 0;
            if (format) printed.push(updated);
            else ctx.print(`${ref} ${onlyRemoved ? unverb : verb}${dryRunSuffix(dryRun)}\n`);
          } catch (err) {
            errors.push(err);
          }
        }
      }
      if (printed.length && format)
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
    },
  };
}

export const labelCommand = makeCommand('labels');
export const annotateCommand = makeCommand('annotations');
