/** `kubectl create deployment|job|cronjob`: the objects kubectl's generators build. */
import type { KObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import {
  containerNameFromImage,
  exactlyOneName,
  finishGenerated,
  GENERATOR_FLAGS,
  requireFlag,
  requireFlags,
} from '../generate';

function containersFor(images: string[], command: string[]): Record<string, unknown>[] {
  const used = new Map<string, number>();
  return images.map((image) => {
    let name = containerNameFromImage(image);
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    if (n > 0) name = `${name}-${n}`;
    return { image, name, resources: {}, ...(command.length && images.length === 1 ? { command } : {}) };
  });
}

function commandAfterDash(inv: Invocation): string[] {
  return inv.dashAt >= 0 ? inv.args.slice(inv.dashAt) : [];
}

function namesBeforeDash(inv: Invocation): Invocation {
  return inv.dashAt >= 0 ? { ...inv, args: inv.args.slice(0, inv.dashAt) } : inv;
}

export const createDeploymentCommand: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  long: 'Create a deployment with the specified name.',
  examples: `  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox

  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date

  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3

  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701`,
  usage: 'create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: [
    {
      name: 'image',
      type: 'stringSlice',
      usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.',
    },
    {
      name: 'replicas',
      short: 'r',
      type: 'int',
      default: 1,
      usage: 'Number of replicas to create. Default is 1.',
    },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    ...GENERATOR_FLAGS,
  ],
  run(ctx: CommandContext, inv: Invocation) {
    // cobra checks required flags before the command looks at its arguments.
    const images = inv.flags.list('image');
    if (images.length === 0) throw new CliError('required flag(s) "image" not set');
    const name = exactlyOneName(namesBeforeDash(inv));
    const containers = containersFor(images, commandAfterDash(inv));
    const port = inv.flags.int('port');
    if (port >= 0 && containers.length)
      containers[0] = { ...containers[0], ports: [{ containerPort: port }] };
    const labels = { app: name };
    const obj: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas: inv.flags.int('replicas'),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers } },
      },
      status: {},
    };
    return finishGenerated(ctx, inv, obj, 'created', false, 'failed to create deployment');
  },
};

export const createJobCommand: Command = {
  name: 'job',
  short: 'Create a job with the specified name',
  long: 'Create a job with the specified name.',
  examples: `  # Create a job
  kubectl create job my-job --image=busybox

  # Create a job with a command
  kubectl create job my-job --image=busybox -- date

  # Create a job from a cron job named "a-cronjob"
  kubectl create job test-job --from=cronjob/a-cronjob`,
  usage: 'create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'string', usage: 'Image name to run.' },
    {
      name: 'from',
      type: 'string',
      usage: 'The name of the resource to create a Job from (only cronjob is supported).',
    },
    ...GENERATOR_FLAGS,
  ],
  run(ctx, inv) {
    const name = exactlyOneName(namesBeforeDash(inv));
    const from = inv.flags.str('from');
    if (from) {
      const m = /^(cronjob|cj|cronjobs)(?:\.batch)?\/(.+)$/.exec(from);
      if (!m) throw new CliError(`from must be an existing cronjob: ${from}`);
      const cj = ctx.api.get('cronjobs.batch', ctx.namespace, m[2]);
      const tmpl = cj.spec?.jobTemplate ?? {};
      const obj: KObject = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name,
          annotations: {
            'cronjob.kubernetes.io/instantiate': 'manual',
            ...(tmpl.metadata?.annotations ?? {}),
          },
          ...(tmpl.metadata?.labels ? { labels: tmpl.metadata.labels } : {}),
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: cj.metadata.name,
              uid: cj.metadata.uid,
              controller: true,
            },
          ],
        },
        spec: structuredClone(tmpl.spec ?? {}),
        status: {},
      };
      return finishGenerated(ctx, inv, obj);
    }
    const image = requireFlag(inv, 'image');
    const command = commandAfterDash(inv);
    const obj: KObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: {
        template: {
          metadata: {},
          spec: {
            containers: [{ image, name, resources: {}, ...(command.length ? { command } : {}) }],
            restartPolicy: 'Never',
          },
        },
      },
      status: {},
    };
    return finishGenerated(ctx, inv, obj);
  },
};

export const createCronJobCommand: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  long: 'Create a cron job with the specified name.',
  examples: `  # Create a cron job
  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"

  # Create a cron job with a command
  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
  usage:
    "create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: [
    { name: 'image', type: 'string', usage: 'Image name to run.' },
    { name: 'schedule', type: 'string', usage: 'A schedule in the Cron format the job should be run with.' },
    { name: 'restart', type: 'string', usage: "job's restart policy. supported values: OnFailure, Never" },
    ...GENERATOR_FLAGS,
  ],
  run(ctx, inv) {
    requireFlags(inv, ['image', 'schedule']);
    const name = exactlyOneName(namesBeforeDash(inv));
    const image = inv.flags.str('image');
    const schedule = inv.flags.str('schedule');
    const restart = inv.flags.str('restart') || 'OnFailure';
    if (restart !== 'OnFailure' && restart !== 'Never')
      throw new CliError(`invalid restart policy: ${restart}`);
    const command = commandAfterDash(inv);
    const obj: KObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: {
        jobTemplate: {
          metadata: { name },
          spec: {
            template: {
              metadata: {},
              spec: {
                containers: [{ image, name, resources: {}, ...(command.length ? { command } : {}) }],
                restartPolicy: restart,
              },
            },
          },
        },
        schedule,
      },
      status: {},
    };
    return finishGenerated(ctx, inv, obj);
  },
};
