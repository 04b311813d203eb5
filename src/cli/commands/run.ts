/** `kubectl run`: one pod (optionally a Service with --expose), `--rm -it` attaches a throwaway shell. */
import type { KObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { exactlyOneName, finishGenerated, GENERATOR_FLAGS } from '../generate';
import { attachSession } from '../kubelet-client';

export const runCommand: Command = {
  name: 'run',
  group: 'Basic Commands (Beginner)',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  examples: `  # Start a nginx pod
  kubectl run nginx --image=nginx

  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

  # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

  # Dry run; print the corresponding API objects without creating them
  kubectl run nginx --image=nginx --dry-run=client

  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i -t busybox --image=busybox --restart=Never

  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  usage:
    'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    {
      name: 'labels',
      short: 'l',
      type: 'string',
      usage: 'Comma separated labels to apply to the pod. Will override previous values.',
    },
    {
      name: 'restart',
      type: 'string',
      default: 'Always',
      usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].',
    },
    {
      name: 'command',
      type: 'bool',
      usage:
        "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.",
    },
    {
      name: 'expose',
      type: 'bool',
      usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.',
    },
    {
      name: 'rm',
      type: 'bool',
      usage:
        "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.",
    },
    {
      name: 'stdin',
      short: 'i',
      type: 'bool',
      usage: 'Keep stdin open on the container in the pod, even if nothing is attached.',
    },
    { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
    {
      name: 'attach',
      type: 'bool',
      usage:
        "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.",
    },
    {
      name: 'image-pull-policy',
      type: 'string',
      usage:
        'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.',
    },
    { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
    { name: 'serviceaccount', type: 'string', usage: 'Service account to set in the pod spec.' },
    {
      name: 'overrides',
      type: 'string',
      usage:
        'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
    },
    { name: 'privileged', type: 'bool', usage: 'If true, run the container in privileged mode.' },
    ...GENERATOR_FLAGS,
  ],
  run: runRun,
};

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new CliError(`invalid label spec: ${part}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

function runRun(ctx: CommandContext, inv: Invocation): number {
  const { flags } = inv;
  const before = inv.dashAt >= 0 ? inv.args.slice(0, inv.dashAt) : inv.args.slice(0, 1);
  const extra = inv.dashAt >= 0 ? inv.args.slice(inv.dashAt) : inv.args.slice(1);
  if (before.length === 0)
    throw new CliError(`NAME is required for run\nSee '${inv.path} -h' for help and examples`);
  const name = exactlyOneName({ ...inv, args: before });
  const image = flags.str('image');
  if (!image) throw new CliError('required flag(s) "image" not set');
  const restart = flags.str('restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart))
    throw new CliError(`invalid restart policy: ${restart}`);
  const interactive = flags.bool('stdin') || flags.bool('attach');
  if (flags.bool('rm') && !interactive)
    throw new CliError('--rm should only be used for attached containers');
  if (flags.bool('expose') && !flags.str('port'))
    throw new CliError('--port must be set when exposing a service');
  const labels = flags.str('labels') ? parseLabels(flags.str('labels')) : { run: name };
  const env = flags.list('env').map((e) => {
    const i = e.indexOf('=');
    if (i <= 0) throw new CliError(`invalid env: ${e}`);
    return { name: e.slice(0, i), value: e.slice(i + 1) };
  });
  const port = flags.str('port');
  const container: Record<string, unknown> = {
    ...(extra.length && !flags.bool('command') ? { args: extra } : {}),
    ...(extra.length && flags.bool('command') ? { command: extra } : {}),
    ...(env.length ? { env } : {}),
    image,
    ...(flags.str('image-pull-policy') ? { imagePullPolicy: flags.str('image-pull-policy') } : {}),
    name,
    ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
    resources: {},
    ...(flags.bool('privileged') ? { securityContext: { privileged: true } } : {}),
    ...(flags.bool('stdin') ? { stdin: true, stdinOnce: true } : {}),
    ...(flags.bool('tty') ? { tty: true } : {}),
  };
  const annotations = Object.fromEntries(
    flags.list('annotations').map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  );
  let pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), labels, name },
    spec: {
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: restart,
      ...(flags.str('serviceaccount') ? { serviceAccountName: flags.str('serviceaccount') } : {}),
    },
    status: {},
  };
  if (flags.str('overrides')) {
    try {
      pod = { ...pod, ...JSON.parse(flags.str('overrides')) };
    } catch (err) {
      throw new CliError(`unable to parse overrides: ${(err as Error).message}`);
    }
  }
  if (flags.bool('expose')) {
    const svc: KObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }], selector: labels },
      status: { loadBalancer: {} },
    };
    finishGenerated(ctx, inv, svc);
  }
  const attach = interactive && flags.str('dry-run') === 'none';
  const code = finishGenerated(ctx, inv, pod, 'created', attach);
  if (attach) {
    if (flags.bool('tty')) ctx.print("If you don't see a command prompt, try pressing enter.\n");
    ctx.session = attachSession(ctx, name, name, {
      remove: flags.bool('rm'),
      tty: flags.bool('tty'),
      argv: extra,
    });
  }
  return code;
}
