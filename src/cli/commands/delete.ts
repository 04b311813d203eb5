/** `kubectl delete`: by name, `-f`, `-l`, `--all`, with graceful termination, `--now`, `--force`, `--cascade`. */
import type { DeletionPropagation, StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { typeId } from '../resources';
import { selectObjects } from '../select';
import type { OutputStream } from '../types';
import { dryRunSuffix, parseDryRun } from '../write';

const NO_ARGS = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

export const deleteCommand: Command = {
  name: 'delete',
  group: 'Basic Commands (Intermediate)',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or
resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are
forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to
set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be
acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take
significantly longer than the grace period. To force delete a resource, you must specify the --force flag.`,
  examples: `  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json

  # Delete pods and services with same names "baz" and "foo"
  kubectl delete pod,service baz foo

  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel

  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod on a dead node
  kubectl delete pod foo --force

  # Delete all pods
  kubectl delete pods --all`,
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  completion: 'types',
  flags: [
    F.filename('containing the resource to delete.'),
    F.recursive,
    F.selector,
    F.fieldSelector,
    F.allNamespaces,
    F.dryRun,
    F.output,
    {
      name: 'all',
      type: 'bool',
      usage: 'Delete all resources, in the namespace of the specified resource types.',
    },
    {
      name: 'grace-period',
      type: 'int',
      default: -1,
      usage:
        'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
    },
    {
      name: 'now',
      type: 'bool',
      usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).',
    },
    {
      name: 'force',
      type: 'bool',
      usage:
        'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
    },
    {
      name: 'cascade',
      type: 'string',
      default: 'background',
      noOptDefault: 'background',
      usage:
        'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
    },
    {
      name: 'wait',
      type: 'bool',
      default: true,
      usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.',
    },
    {
      name: 'ignore-not-found',
      type: 'bool',
      usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.',
    },
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      usage:
        'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
    },
  ],
  run: runDelete,
};

function cascadePolicy(value: string): { policy: DeletionPropagation; warning?: string } {
  switch (value) {
    case 'background':
    case 'true':
      return { policy: 'Background' };
    case 'foreground':
      return { policy: 'Foreground' };
    case 'orphan':
      return { policy: 'Orphan' };
    case 'false':
      return {
        policy: 'Orphan',
        warning:
          'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
      };
    default:
      throw new CliError(
        `invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`,
      );
  }
}

function runDelete(ctx: CommandContext, inv: Invocation): number {
  const { flags, args } = inv;
  const filenames = flags.list('filename');
  const selector = flags.str('selector');
  const all = flags.bool('all');
  if (args.length === 0 && filenames.length === 0) throw new CliError(NO_ARGS);
  if (filenames.length && args.length)
    throw new CliError(`Unexpected args: [${args.join(' ')}]\nSee '${inv.path} -h' for help and examples`);
  const typeOnly = args.length === 1 && !args[0].includes('/');
  if (typeOnly && !selector && !all && !flags.str('field-selector') && !filenames.length) {
    throw new CliError('resource(s) were provided, but no name was specified');
  }
  const output = flags.str('output');
  if (output && output !== 'name')
    throw new CliError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  if (all && selector) throw new CliError('cannot set --all and --selector at the same time');
  if (all && flags.str('field-selector'))
    throw new CliError('cannot set --all and --field-selector at the same time');
  const dryRun = parseDryRun(flags.str('dry-run'));
  const { policy, warning } = cascadePolicy(flags.str('cascade'));
  if (warning) ctx.print(warning);
  let grace = flags.int('grace-period');
  const force = flags.bool('force');
  if (flags.bool('now')) {
    if (grace !== -1) throw new CliError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace === -1) grace = 0;
  if (grace === 0 && !force) grace = 1;
  if (force && grace > 0)
    throw new CliError('--force and --grace-period greater than 0 cannot be specified together');
  if (force && grace === 0) ctx.print(FORCE_WARNING);

  const { groups, errors } = selectObjects(ctx, args, {
    allNamespaces: flags.bool('all-namespaces'),
    selector,
    fieldSelector: flags.str('field-selector'),
    filenames,
    recursive: flags.bool('recursive'),
  });
  // With --all, -l or --field-selector, NotFound is ignored unless --ignore-not-found=false was given.
  const bulk = all || !!selector || !!flags.str('field-selector');
  const ignoreNotFound = flags.changed('ignore-not-found') ? flags.bool('ignore-not-found') : bulk;
  const shown = ignoreNotFound
    ? errors.filter((e) => (e as { reason?: string }).reason !== 'NotFound')
    : errors;
  const waiting: { resource: string; obj: StoredObject }[] = [];
  let deleted = 0;
  const asName = output === 'name';
  let warnClusterScope = ctx.explicitNamespace && !flags.bool('all-namespaces');
  for (const g of groups) {
    const id = typeId(g.rt);
    for (const obj of g.objects) {
      try {
        if (warnClusterScope && !g.rt.namespaced) {
          ctx.print('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
          warnClusterScope = false;
        }
        const result = ctx.api.delete(id, obj.metadata.namespace, obj.metadata.name, {
          dryRun: dryRun !== 'none',
          ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
          propagationPolicy: policy,
          user: ctx.user,
        });
        deleted++;
        // `pod "web" deleted`, `deployment.apps "web" deleted` (singular, with the group when it has one).
        const singular = g.rt.group ? `${g.rt.singular}.${g.rt.group}` : g.rt.singular;
        const verb = grace === 0 ? 'force deleted' : 'deleted';
        if (asName) ctx.print(`${singular}/${obj.metadata.name}\n`);
        else ctx.print(`${singular} "${obj.metadata.name}" ${verb}${dryRunSuffix(dryRun)}\n`);
        if (
          dryRun === 'none' &&
          result.metadata.deletionTimestamp &&
          ctx.api.tryGet(id, obj.metadata.namespace, obj.metadata.name)
        ) {
          waiting.push({ resource: id, obj });
        }
      } catch (err) {
        if (!(ignoreNotFound && (err as { reason?: string }).reason === 'NotFound')) shown.push(err);
      }
    }
  }
  if (deleted === 0 && shown.length === 0 && !filenames.length) {
    // kubectl delete says this without the namespace, unlike get.
    ctx.print('No resources found\n');
  }
  if (shown.length) ctx.print(formatErrors(shown));
  if (waiting.length && flags.bool('wait')) ctx.stream = waitGone(ctx, waiting, shown.length ? 1 : 0);
  return shown.length ? 1 : 0;
}

/** kubectl waits (`--wait`, the default) until graceful deletion has finished. */
function waitGone(
  ctx: CommandContext,
  waiting: { resource: string; obj: StoredObject }[],
  exitCode: number,
): OutputStream {
  const api = ctx.api;
  const gone = () =>
    waiting.every(({ resource, obj }) => {
      const cur = api.tryGet(resource, obj.metadata.namespace, obj.metadata.name);
      return !cur || cur.metadata.uid !== obj.metadata.uid;
    });
  return {
    subscribe(_write, done) {
      if (gone()) {
        done(exitCode);
        return () => {};
      }
      let finished = false;
      const stop = api.watch(undefined, undefined, (e) => {
        if (finished || e.type !== 'DELETED') return;
        if (gone()) {
          finished = true;
          done(exitCode);
        }
      });
      return () => stop();
    },
  };
}
