/** `kubectl logs`: a container's log (`-c`, `--previous`, `--tail`, `--timestamps`, `--since`), `-f`, `-l`, `deploy/x`. */
import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { F } from '../globals';
import { checkLogsAvailable, kubelets, type LogOptions, pickContainer, podLogs } from '../kubelet-client';
import { podsFor, resolvePodArg } from '../pods';
import { resolveType, typeId } from '../resources';
import { labelSelector } from '../select';
import type { OutputStream } from '../types';
import { stopAfterRequestTimeout } from './get';

export const logsCommand: Command = {
  name: 'logs',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: `  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix

  # Return snapshot logs from pod nginx with multi containers
  kubectl logs nginx --all-containers=true

  # Return snapshot logs from all pods in the deployment nginx
  kubectl logs deployment/nginx --all-pods=true

  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1

  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx

  # Return snapshot logs from first container of a job named hello
  kubectl logs job/hello

  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubectl logs deployment/nginx -c nginx-1`,
  usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  completion: 'pods',
  flags: [
    F.container,
    { name: 'follow', short: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
    {
      name: 'previous',
      short: 'p',
      type: 'bool',
      usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.',
    },
    {
      name: 'tail',
      type: 'int',
      default: -1,
      usage:
        'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
    },
    { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
    {
      name: 'since',
      type: 'duration',
      default: '0s',
      usage:
        'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.',
    },
    {
      name: 'prefix',
      type: 'bool',
      usage: 'Prefix each log line with the log source (pod name and container name)',
    },
    { name: 'all-containers', type: 'bool', usage: "Get all containers' logs in the pod(s)." },
    { name: 'all-pods', type: 'bool', usage: 'Get logs from all pod(s). Sets prefix to true.' },
    {
      name: 'max-log-requests',
      type: 'int',
      default: 5,
      usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.',
    },
    F.selector,
  ],
  run: runLogs,
};

interface Source {
  pod: StoredObject;
  container: string;
}

function runLogs(ctx: CommandContext, inv: Invocation): number {
  const { flags, args } = inv;
  const selector = flags.str('selector');
  if (args.length === 0 && !selector) {
    throw new CliError(
      `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee '${inv.path} -h' for help and examples`,
    );
  }
  if (args.length > 0 && selector) throw new CliError('only a selector (-l) or a POD name is allowed');
  if (args.length > 2)
    throw new CliError(
      `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee '${inv.path} -h' for help and examples`,
    );
  const sinceMs = flags.durationMs('since');
  let tail = flags.int('tail');
  let pods: StoredObject[];
  let prefix = flags.bool('prefix');
  if (selector) {
    if (!flags.changed('tail')) tail = 10;
    pods = ctx.api.list('pods', { namespace: ctx.namespace, labelSelector: labelSelector(selector) });
    if (pods.length === 0) {
      ctx.print(`No resources found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    if (flags.bool('follow') && pods.length > flags.int('max-log-requests')) {
      throw new CliError(
        `you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${flags.int('max-log-requests')}, use --max-log-requests to increase the limit`,
      );
    }
  } else {
    const arg = args[0];
    if (flags.bool('all-pods') && arg.includes('/')) {
      const rt = resolveType(ctx.api.kinds, arg.slice(0, arg.indexOf('/')));
      const owner = ctx.api.get(typeId(rt), ctx.namespace, arg.slice(arg.indexOf('/') + 1));
      pods = rt.kind === 'Pod' ? [owner] : podsFor(ctx, owner);
      prefix = true;
    } else {
      const pod = resolvePodArg(ctx, arg);
      if (
        arg.includes('/') &&
        !arg.startsWith('pod/') &&
        !arg.startsWith('pods/') &&
        !arg.startsWith('po/')
      ) {
        const slash = arg.indexOf('/');
        const rt = resolveType(ctx.api.kinds, arg.slice(0, slash));
        const owner = ctx.api.get(typeId(rt), ctx.namespace, arg.slice(slash + 1));
        const all = podsFor(ctx, owner);
        if (all.length > 1) ctx.print(`Found ${all.length} pods, using pod/${pod.metadata.name}\n`);
      }
      pods = [pod];
    }
  }
  // `kubectl logs POD CONTAINER` is the old spelling of `-c CONTAINER`.
  const container = args.length === 2 ? args[1] : flags.str('container');
  if (args.length === 2 && flags.changed('container')) {
    throw new CliError(
      `only one of -c or an inline [CONTAINER] arg is allowed\nSee '${inv.path} -h' for help and examples`,
    );
  }
  const sources: Source[] = [];
  for (const pod of pods) {
    if (flags.bool('all-containers')) {
      for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])])
        sources.push({ pod, container: c.name });
    } else sources.push({ pod, container: pickContainer(ctx, pod, container) });
  }
  const opts: LogOptions = {
    previous: flags.bool('previous'),
    ...(tail >= 0 ? { tailLines: tail } : {}),
    timestamps: flags.bool('timestamps'),
    ...(sinceMs > 0 ? { sinceMs } : {}),
  };
  const label = (s: Source) => (prefix ? `[pod/${s.pod.metadata.name}/${s.container}] ` : '');
  if (flags.bool('follow')) {
    // The follow stream starts with the log so far (from the kubelet), then new lines as they come.
    for (const s of sources) checkLogsAvailable(s.pod, s.container, !!opts.previous);
    ctx.stream = follow(ctx, inv, sources, opts, label);
    return 0;
  }
  for (const s of sources) {
    const text = podLogs(ctx, s.pod, s.container, opts);
    ctx.print(prefixLines(text, label(s)));
  }
  return 0;
}

function prefixLines(text: string, prefix: string): string {
  if (!prefix || !text) return text;
  return text
    .split('\n')
    .map((l, i, a) => (i === a.length - 1 && l === '' ? '' : `${prefix}${l}`))
    .join('\n');
}

/** `-f`: new lines as the container writes them, until the container stops or the host stops the stream. */
function follow(
  ctx: CommandContext,
  inv: Invocation,
  sources: Source[],
  opts: LogOptions,
  label: (s: Source) => string,
): OutputStream {
  return {
    untilInterrupted: true,
    subscribe(write, done) {
      const k = kubelets(ctx);
      const stops: (() => void)[] = [];
      let open = sources.length;
      // kubectl exits when every followed container has stopped.
      const ended = () => {
        if (--open === 0) done(0);
      };
      for (const s of sources) {
        if (k?.followLogs) {
          const ns = s.pod.metadata.namespace ?? 'default';
          stops.push(
            k.followLogs(
              ns,
              s.pod.metadata.name,
              s.container,
              opts,
              (t) => write(prefixLines(t, label(s))),
              ended,
            ),
          );
        }
      }
      const stopWatch = () => {};
      const timer = stopAfterRequestTimeout(ctx, inv, done);
      return () => {
        if (timer) timer.cancelled = true;
        for (const s of stops) s();
        stopWatch();
      };
    },
  };
}
