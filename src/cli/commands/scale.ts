/** `kubectl scale` (through the scale subresource's semantics: only workloads with replicas) and `autoscale`. */

import { StatusError } from '../../engine/api/errors';
import type { KObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { finishGenerated, GENERATOR_FLAGS } from '../generate';
import { F } from '../globals';
import { objectRef, typeId } from '../resources';
import { selectObjects } from '../select';
import { dryRunSuffix, parseDryRun } from '../write';

const SCALABLE = new Set([
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'replicationcontrollers',
]);

export const scaleCommand: Command = {
  name: 'scale',
  group: 'Deploy Commands',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is
guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples: `  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo

  # Scale a resource identified by type and name specified in "foo.yaml" to 3
  kubectl scale --replicas=3 -f foo.yaml

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

  # Scale multiple replication controllers
  kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

  # Scale stateful set named 'web' to 3
  kubectl scale --replicas=3 statefulset/web`,
  usage:
    'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  completion: 'types',
  flags: [
    { name: 'replicas', type: 'int', default: -1, usage: 'The new desired number of replicas. Required.' },
    {
      name: 'current-replicas',
      type: 'int',
      default: -1,
      usage:
        'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.',
    },
    {
      name: 'resource-version',
      type: 'string',
      usage:
        'Precondition for resource version. Requires that the current resource version match this value in order to scale.',
    },
    F.filename('identifying the resource to set a new size'),
    F.recursive,
    F.selector,
    F.all,
    F.dryRun,
    F.output,
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      usage:
        "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
    },
  ],
  run: runScale,
};

function runScale(ctx: CommandContext, inv: Invocation): number {
  const { flags, args } = inv;
  const replicas = flags.int('replicas');
  if (replicas < 0) {
    if (!flags.changed('replicas')) throw new CliError(`required flag(s) "replicas" not set`);
    throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  const filenames = flags.list('filename');
  if (args.length === 0 && filenames.length === 0) {
    throw new CliError(`required resource not specified\nSee '${inv.path} -h' for help and examples`);
  }
  if (
    args.length === 1 &&
    !args[0].includes('/') &&
    !flags.bool('all') &&
    !flags.str('selector') &&
    !filenames.length
  ) {
    throw new CliError('resource(s) were provided, but no name was specified');
  }
  const dryRun = parseDryRun(flags.str('dry-run'));
  const { groups, errors } = selectObjects(ctx, args, { selector: flags.str('selector'), filenames });
  for (const g of groups) {
    const id = typeId(g.rt);
    for (const obj of g.objects) {
      try {
        if (!SCALABLE.has(id)) {
          throw new StatusError(404, 'NotFound', `the server could not find the requested resource`);
        }
        const current = obj.spec?.replicas ?? 1;
        if (flags.int('current-replicas') >= 0 && flags.int('current-replicas') !== current) {
          throw new CliError(`Expected replicas to be ${flags.int('current-replicas')}, was ${current}`);
        }
        if (flags.str('resource-version') && flags.str('resource-version') !== obj.metadata.resourceVersion) {
          throw new CliError(
            `Expected resource version to be ${flags.str('resource-version')}, was ${obj.metadata.resourceVersion}`,
          );
        }
        ctx.api.patch(
          id,
          obj.metadata.namespace,
          obj.metadata.name,
          'merge',
          { spec: { replicas } },
          { dryRun: dryRun !== 'none', user: ctx.user },
        );
        ctx.print(`${objectRef(g.rt, obj.metadata.name)} scaled${dryRunSuffix(dryRun)}\n`);
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

export const autoscaleCommand: Command = {
  name: 'autoscale',
  group: 'Deploy Commands',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses
the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within
the system as needed.`,
  examples: `  # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
  kubectl autoscale deployment foo --min=2 --max=10

  # Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
  kubectl autoscale rc foo --max=5 --cpu-percent=80`,
  usage:
    'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  completion: 'types',
  flags: [
    {
      name: 'min',
      type: 'int',
      default: -1,
      usage:
        "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.",
    },
    {
      name: 'max',
      type: 'int',
      default: -1,
      usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.',
    },
    {
      name: 'cpu-percent',
      type: 'int',
      default: -1,
      usage:
        "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
    },
    {
      name: 'name',
      type: 'string',
      usage:
        'The name for the newly created object. If not specified, the name of the input resource will be used.',
    },
    F.filename('identifying the resource to autoscale.'),
    ...GENERATOR_FLAGS,
  ],
  run(ctx, inv) {
    const { flags } = inv;
    const max = flags.int('max');
    if (max < 1) throw new CliError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    const min = flags.int('min');
    if (min > max)
      throw new CliError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const { groups, errors } = selectObjects(ctx, inv.args, { filenames: flags.list('filename') });
    if (errors.length) throw errors[0];
    const target = groups[0]?.objects[0];
    if (!target)
      throw new CliError(`required resource not specified\nSee '${inv.path} -h' for help and examples`);
    const rt = groups[0].rt;
    if (!SCALABLE.has(typeId(rt)))
      throw new CliError(`cannot autoscale a ${rt.kind}: ${rt.kind} is not scalable`);
    const cpu = flags.int('cpu-percent');
    const hpa: KObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: flags.str('name') || target.metadata.name },
      spec: {
        maxReplicas: max,
        ...(min >= 0 ? { minReplicas: min } : {}),
        ...(cpu >= 0
          ? {
              metrics: [
                {
                  resource: { name: 'cpu', target: { averageUtilization: cpu, type: 'Utilization' } },
                  type: 'Resource',
                },
              ],
            }
          : {}),
        scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.metadata.name },
      },
      status: {},
    };
    return finishGenerated(ctx, inv, hpa, 'autoscaled');
  },
};
