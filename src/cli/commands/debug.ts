/** `kubectl debug`: an ephemeral container in a running pod, or a debugging pod on a node. */
import type { KObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { attachSession, shellSession } from '../kubelet-client';
import { resolvePodArg } from '../pods';

export const debugCommand: Command = {
  name: 'debug',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Create debugging sessions for troubleshooting workloads and nodes',
  long: `Debug cluster resources using interactive debugging containers.

 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will
be used by default if no resource is specified.

 The action taken by 'debug' varies depending on what resource is specified. Supported actions include:

  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.
  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.
  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.`,
  examples: `  # Create an interactive debugging session in pod mypod and immediately attach to it.
  kubectl debug mypod -it --image=busybox

  # Create a debug container named debugger using a custom automated debugging image.
  kubectl debug --image=myproj/debug-tools -c debugger mypod

  # Create an interactive debugging session on a node and immediately attach to it.
  # The container will run in the host namespaces and the host's filesystem will be mounted at /host
  kubectl debug node/mynode -it --image=busybox`,
  usage: 'debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]',
  completion: 'pods',
  flags: [
    { name: 'image', type: 'string', usage: 'Container image to use for debug container.' },
    { name: 'container', short: 'c', type: 'string', usage: 'Container name to use for debug container.' },
    {
      name: 'target',
      type: 'string',
      usage: 'When using an ephemeral container, target processes in this container name.',
    },
    {
      name: 'stdin',
      short: 'i',
      type: 'bool',
      usage: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.',
    },
    { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the debugging container.' },
    {
      name: 'profile',
      type: 'string',
      default: 'legacy',
      usage: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".',
    },
    { name: 'copy-to', type: 'string', usage: 'Create a copy of the target Pod with this name.' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress informational messages.' },
    {
      name: 'keep-labels',
      type: 'bool',
      usage: "If true, keep the original pod labels.(This flag only works when used with '--copy-to')",
    },
  ],
  run: runDebug,
};

function suffix(ctx: CommandContext): string {
  return ctx.rng.string(5, 'bcdfghjklmnpqrstvwxz2456789');
}

function runDebug(ctx: CommandContext, inv: Invocation): number {
  const { flags } = inv;
  const target = inv.dashAt >= 0 ? inv.args.slice(0, inv.dashAt) : inv.args;
  const argv = inv.dashAt >= 0 ? inv.args.slice(inv.dashAt) : [];
  if (target.length !== 1)
    throw new CliError(`one resource is required\nSee '${inv.path} -h' for help and examples`);
  const image = flags.str('image');
  const quiet = flags.bool('quiet');
  const interactive = flags.bool('stdin');
  const arg = target[0];
  if (/^(node|nodes|no)\//.test(arg)) {
    const nodeName = arg.slice(arg.indexOf('/') + 1);
    ctx.api.get('nodes', undefined, nodeName);
    if (!image) throw new CliError('--image is required for node debugging');
    const podName = `node-debugger-${nodeName}-${suffix(ctx)}`;
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: podName, namespace: ctx.namespace },
      spec: {
        containers: [
          {
            name: 'debugger',
            image,
            ...(argv.length ? { command: argv } : {}),
            stdin: interactive,
            tty: flags.bool('tty'),
            volumeMounts: [{ name: 'host-root', mountPath: '/host' }],
          },
        ],
        hostIPC: true,
        hostNetwork: true,
        hostPID: true,
        nodeName,
        restartPolicy: 'Never',
        tolerations: [{ operator: 'Exists' }],
        volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
      },
    };
    ctx.api.create(pod, { user: ctx.user });
    if (!quiet) ctx.print(`Creating debugging pod ${podName} with container debugger on node ${nodeName}.\n`);
    if (interactive) {
      if (!quiet && flags.bool('tty')) ctx.print("If you don't see a command prompt, try pressing enter.\n");
      ctx.session = attachSession(ctx, podName, 'debugger', { remove: false, tty: flags.bool('tty'), argv });
    }
    return 0;
  }
  const pod = resolvePodArg(ctx, arg);
  if (!image) throw new CliError('--image is required for ephemeral containers');
  const name = flags.str('container') || `debugger-${suffix(ctx)}`;
  if (flags.str('copy-to')) {
    const copy: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: flags.str('copy-to'),
        namespace: pod.metadata.namespace,
        // Without --keep-labels the copy has no labels, so no controller adopts it.
        ...(flags.bool('keep-labels') && pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
      },
      spec: {
        ...structuredClone(pod.spec),
        nodeName: undefined,
        containers: [
          ...(pod.spec?.containers ?? []),
          {
            name,
            image,
            stdin: interactive,
            tty: flags.bool('tty'),
            ...(argv.length ? { command: argv } : {}),
          },
        ],
      },
    };
    delete copy.spec.nodeName;
    if (!flags.str('container') && !quiet) ctx.print(`Defaulting debug container name to ${name}.\n`);
    ctx.api.create(copy, { user: ctx.user });
    if (interactive) {
      if (!quiet && flags.bool('tty')) ctx.print("If you don't see a command prompt, try pressing enter.\n");
      ctx.session = attachSession(ctx, flags.str('copy-to'), name, {
        remove: false,
        tty: flags.bool('tty'),
        argv,
      });
    }
    return 0;
  }
  const eph = {
    name,
    image,
    ...(argv.length ? { command: argv } : {}),
    stdin: interactive,
    tty: flags.bool('tty'),
    ...(flags.str('target') ? { targetContainerName: flags.str('target') } : {}),
    terminationMessagePolicy: 'File',
    imagePullPolicy: image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent',
  };
  try {
    ctx.api.update(
      { ...pod, spec: { ...pod.spec, ephemeralContainers: [...(pod.spec?.ephemeralContainers ?? []), eph] } },
      { user: ctx.user },
    );
  } catch (err) {
    // The API server takes ephemeral containers only through the pods/ephemeralcontainers subresource,
    // which the simulated one does not serve yet; point at the copy-based alternative instead.
    if ((err as { reason?: string }).reason !== 'Invalid') throw err;
    throw new CliError(
      `ephemeral containers are not available in this lab yet; use kubectl debug ${arg} --copy-to=${pod.metadata.name}-debug --image=${image} -it instead`,
    );
  }
  if (!flags.str('container') && !quiet) ctx.print(`Defaulting debug container name to ${name}.\n`);
  if (interactive) {
    if (!quiet && flags.bool('tty')) ctx.print("If you don't see a command prompt, try pressing enter.\n");
    ctx.session = shellSession(
      ctx,
      pod.metadata.namespace ?? 'default',
      pod.metadata.name,
      name,
      () =>
        `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod.metadata.name} -c ${name} -i -t' if it is still running\n`,
      flags.bool('tty'),
    );
  }
  return 0;
}
