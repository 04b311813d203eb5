/** `lab fault ...`: the instructor's faults, delegated to the engine's faults service. */
import { StatusError } from '../../engine/api/errors';
import type { FaultsService } from '../../engine/faults';
import { CliError } from '../errors';
import type { FlagValues } from '../flags';
import { targetContainers, targetPods, type WorkloadTarget, workloadTarget } from './lab-target';
import { type LabCommand, type LabContext, NAMESPACE_FLAG } from './lab-types';

function faults(ctx: LabContext): FaultsService {
  const f = ctx.engine.services.get('faults') as FaultsService | undefined;
  if (!f) throw new CliError('the faults service is not running in this cluster');
  return f;
}

function one(args: string[], what: string, path: string): string {
  if (args.length !== 1)
    throw new CliError(`exactly one ${what} is required\nSee '${path} -h' for help and examples`);
  return args[0];
}

type Run = (ctx: LabContext, target: WorkloadTarget, flags: FlagValues, path: string) => string;

/** A fault on a pod or a Deployment (pod/NAME, deploy/NAME, or a bare name). */
function workloadFault(
  name: string,
  short: string,
  long: string,
  run: Run,
  extraFlags = [] as LabCommand['flags'],
): LabCommand {
  return {
    name,
    short,
    long,
    usage: `lab fault ${name} (pod/NAME | deploy/NAME) [-n NAMESPACE] [flags]`,
    flags: [NAMESPACE_FLAG, ...(extraFlags ?? [])],
    run(ctx, args, flags, path) {
      const target = workloadTarget(ctx.engine, ctx.namespace, one(args, 'pod or deployment', path), path);
      ctx.print(`${run(ctx, target, flags, path)}\n`);
      return 0;
    },
  };
}

function hasProbe(t: WorkloadTarget, probe: 'liveness' | 'readiness'): boolean {
  return targetContainers(t).some((c) => c[`${probe}Probe`] !== undefined);
}

const ONE_FLAG = {
  name: 'one',
  type: 'bool' as const,
  default: false,
  usage: 'For a Deployment: only its first running pod (by name), to watch traffic drain from one pod.',
};

/** With --one, a Deployment target becomes its first running pod. */
function narrow(ctx: LabContext, t: WorkloadTarget, flags: FlagValues): WorkloadTarget {
  if (!flags.bool('one') || t.kind === 'pod') return t;
  const pods = targetPods(ctx.engine, ctx.namespace, t);
  const pod = pods.find((p) => p.status?.phase === 'Running') ?? pods[0];
  if (!pod) throw new CliError(`deployment "${t.name}" has no pods`);
  return { kind: 'pod', name: pod.metadata.name, object: pod };
}

/** Break the probe if the target has one (whatever its path or kind), else the conventional path. */
function breakProbe(probe: 'liveness' | 'readiness', path: string): Run {
  return (ctx, target, flags) => {
    const t = narrow(ctx, target, flags);
    return faults(ctx).breakEndpoint(ctx.namespace, t.name, hasProbe(t, probe) ? probe : path);
  };
}

const nodeFault = (
  name: string,
  short: string,
  act: (f: FaultsService, node: string) => string,
): LabCommand => ({
  name,
  short,
  usage: `lab fault ${name} NODE`,
  run(ctx, args, _flags, path) {
    const node = one(args, 'node', path);
    if (!ctx.engine.api.store.get('nodes', undefined, node))
      throw new StatusError(404, 'NotFound', `nodes "${node}" not found`);
    ctx.print(`${act(faults(ctx), node)}\n`);
    return 0;
  },
});

const imageFault = (
  name: string,
  short: string,
  act: (f: FaultsService, image: string) => string,
): LabCommand => ({
  name,
  short,
  usage: `lab fault ${name} IMAGE`,
  examples: `  lab fault ${name} nginx:1.27\n  lab fault ${name} nginx`,
  run(ctx, args, _flags, path) {
    ctx.print(`${act(faults(ctx), one(args, 'image', path))}\n`);
    return 0;
  },
});

export const faultCommand: LabCommand = {
  name: 'fault',
  short:
    'Inject the faults an instructor would (broken probes, slow start-up, killed containers, nodes down)',
  usage: 'lab fault <fault> TARGET [flags]',
  subcommands: [
    workloadFault(
      'break-healthz',
      'Make the liveness endpoint fail (500)',
      "Make the target's liveness probe fail from now on: its HTTP path answers 500 (and exec/TCP liveness probes fail). Without a liveness probe, GET /healthz answers 500. Undo with lab fault fix.",
      breakProbe('liveness', '/healthz'),
      [ONE_FLAG],
    ),
    workloadFault(
      'break-ready',
      'Make the readiness endpoint fail (500)',
      "Make the target's readiness probe fail from now on: its HTTP path answers 500 (and exec/TCP readiness probes fail). Without a readiness probe, GET /ready answers 500. Undo with lab fault fix.",
      breakProbe('readiness', '/ready'),
      [ONE_FLAG],
    ),
    workloadFault(
      'fix',
      'Undo break-healthz / break-ready on a target',
      'Make every endpoint and probe of the target (for a Deployment: and of each of its pods) healthy again.',
      (ctx, t) => {
        // A Deployment's fix also covers faults put on its pods one by one (--one).
        if (t.kind === 'deployment')
          for (const p of targetPods(ctx.engine, ctx.namespace, t))
            faults(ctx).fixEndpoint(ctx.namespace, p.metadata.name);
        return faults(ctx).fixEndpoint(ctx.namespace, t.name);
      },
    ),
    workloadFault(
      'slow-start',
      'Make containers started from now on take longer to listen',
      'Containers of the target that start from now on take --seconds longer before they listen (restart or delete the pods to see it).',
      (ctx, t, flags) => {
        const seconds = flags.int('seconds');
        if (seconds <= 0) throw new CliError(`--seconds must be positive, got ${seconds}`);
        return faults(ctx).slowStartup(ctx.namespace, t.name, seconds);
      },
      [{ name: 'seconds', type: 'int', default: 60, usage: 'Extra seconds before the server listens.' }],
    ),
    workloadFault(
      'kill',
      'Kill a container now (SIGKILL, exit code 137)',
      "Kill a running container of the pod (for a Deployment: of its first pod). The kubelet restarts it per the pod's restartPolicy.",
      (ctx, t, flags) => {
        const pods = targetPods(ctx.engine, ctx.namespace, t);
        if (!pods.length) throw new CliError(`deployment "${t.name}" has no pods`);
        const container = flags.str('container') || undefined;
        const pod = pods.find((p) => p.status?.phase === 'Running') ?? pods[0];
        return faults(ctx).killPod(ctx.namespace, pod.metadata.name, container);
      },
      [
        {
          name: 'container',
          short: 'c',
          type: 'string',
          usage: 'The container to kill (default: the first).',
        },
      ],
    ),
    nodeFault('stop-node', "Stop a node's kubelet (the node goes NotReady)", (f, n) => f.stopNode(n)),
    nodeFault('start-node', "Start a node's kubelet again", (f, n) => f.startNode(n)),
    imageFault('unpullable', 'Make pulls of an image fail as if its registry were down', (f, i) =>
      f.makeImageUnpullable(i),
    ),
    imageFault('pullable', 'Make an image pullable again', (f, i) => f.makeImagePullable(i)),
    {
      name: 'clear',
      short: 'Undo every fault',
      usage: 'lab fault clear',
      run(ctx) {
        faults(ctx).clear();
        ctx.print('all faults cleared\n');
        return 0;
      },
    },
  ],
};
