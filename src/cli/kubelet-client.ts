/**
 * What `logs`, `exec`, `run -it`, `attach` and `debug` need from the simulated kubelets (the engine's
 * 'kubelets' service), with the API-side checks kubectl and the API server make first, worded as they are:
 * pod not running yet, container not in pod, completed pod.
 */
import { StatusError } from '../engine/api/errors';
import type { StoredObject } from '../engine/api/types';
import type { CommandContext, InteractiveSession } from './command';
import { CliError } from './errors';

export interface ExecResult {
  output: string;
  exitCode: number;
}

export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  sinceMs?: number;
}

/** The parts of the kubelets service the command line uses (see src/engine/kubelet/index.ts). */
export interface KubeletsForCli {
  exec?(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    stdin?: string,
  ): ExecResult & { error?: string };
  logs?(namespace: string, pod: string, container: string, opts: LogOptions): string;
  /** Subscribe to new log text; `onEnd` when the container stops. Returns the stop function. */
  followLogs?(
    namespace: string,
    pod: string,
    container: string,
    opts: LogOptions,
    onText: (text: string) => void,
    onEnd: () => void,
  ): () => void;
}

export function kubelets(ctx: CommandContext): KubeletsForCli | undefined {
  return ctx.engine.services.get('kubelets') as KubeletsForCli | undefined;
}

export function allContainerNames(pod: StoredObject): string[] {
  return [
    ...(pod.spec?.containers ?? []).map((c: { name: string }) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: { name: string }) => c.name),
  ];
}

/**
 * The container a command talks to: `-c`, else the `kubectl.kubernetes.io/default-container` annotation,
 * else the first one, with kubectl's `Defaulted container ...` note when the pod has several.
 */
export function pickContainer(ctx: CommandContext, pod: StoredObject, requested: string): string {
  const names = allContainerNames(pod);
  if (requested) {
    if (!names.includes(requested)) {
      throw new StatusError(
        400,
        'BadRequest',
        `container ${requested} is not valid for pod ${pod.metadata.name}`,
      );
    }
    return requested;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const main = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  const chosen = annotated && names.includes(annotated) ? annotated : main[0];
  if (names.length > 1 && !annotated) {
    const all = [
      ...main,
      ...(pod.spec?.initContainers ?? []).map((c: { name: string }) => `${c.name} (init)`),
      ...(pod.spec?.ephemeralContainers ?? []).map((c: { name: string }) => `${c.name} (ephem)`),
    ];
    ctx.print(`Defaulted container "${chosen}" out of: ${all.join(', ')}\n`);
  }
  return chosen;
}

/** Whether a container has started, for the API server's `is waiting to start` errors. */
function containerWaiting(pod: StoredObject, container: string): string | undefined {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const st = statuses.find((s: { name: string }) => s.name === container);
  if (!st) return 'ContainerCreating';
  if (st.state?.waiting && !st.lastState?.terminated) return st.state.waiting.reason ?? 'ContainerCreating';
  return undefined;
}

export function checkLogsAvailable(pod: StoredObject, container: string, previous: boolean): void {
  if (previous) {
    const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    const st = statuses.find((s: { name: string }) => s.name === container);
    if (!st?.lastState?.terminated) {
      throw new StatusError(
        400,
        'BadRequest',
        `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
      );
    }
    return;
  }
  const waiting = containerWaiting(pod, container);
  if (waiting) {
    throw new StatusError(
      400,
      'BadRequest',
      `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting}`,
    );
  }
}

export function podLogs(ctx: CommandContext, pod: StoredObject, container: string, opts: LogOptions): string {
  checkLogsAvailable(pod, container, !!opts.previous);
  const k = kubelets(ctx);
  if (!k?.logs) return '';
  return k.logs(pod.metadata.namespace ?? 'default', pod.metadata.name, container, opts);
}

export function checkExecAllowed(pod: StoredObject, container: string): void {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw new CliError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  const st = statuses.find((s: { name: string }) => s.name === container);
  if (!st?.state?.running)
    throw new CliError(`unable to upgrade connection: container not found ("${container}")`);
}

export function execInPod(
  ctx: CommandContext,
  pod: StoredObject,
  container: string,
  argv: string[],
  stdin?: string,
): ExecResult {
  checkExecAllowed(pod, container);
  const k = kubelets(ctx);
  if (!k?.exec) throw new CliError(`unable to upgrade connection: container not found ("${container}")`);
  const r = k.exec(pod.metadata.namespace ?? 'default', pod.metadata.name, container, argv, stdin);
  // A failure before the command ran (kubectl prints `error: ...` and exits 1).
  if (r.error) throw new CliError(r.error);
  return r;
}

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash', '/usr/bin/bash']);

export function isShell(argv: string[]): boolean {
  return argv.length === 1 && SHELLS.has(argv[0]);
}

/** BusyBox/Alpine images run ash with `\w # `; Debian-based ones run bash with `root@<pod>:\w# `. */
function promptFor(image: string, podName: string, cwd: string): string {
  return /(^|\/)(busybox|alpine)(:|@|$)/.test(image) ? `${cwd} # ` : `root@${podName}:${cwd}# `;
}

/**
 * An interactive shell in a container: each line runs through the kubelet's exec as `sh -c LINE` in the
 * session's working directory (kept across lines, as `cd` would), with the prompt of the image's shell;
 * `exit` ends it.
 */
export function shellSession(
  ctx: CommandContext,
  namespace: string,
  podName: string,
  container: string,
  onClose: (exitCode: number) => string,
  tty = true,
): InteractiveSession {
  let cwd = '/';
  const image = (): string => {
    const pod = ctx.api.tryGet('pods', namespace, podName);
    const all = [...(pod?.spec?.containers ?? []), ...(pod?.spec?.ephemeralContainers ?? [])];
    return all.find((c: { name: string }) => c.name === container)?.image ?? '';
  };
  return {
    ready() {
      const pod = ctx.api.tryGet('pods', namespace, podName);
      const statuses = [
        ...(pod?.status?.containerStatuses ?? []),
        ...(pod?.status?.ephemeralContainerStatuses ?? []),
      ];
      return !!statuses.find((s: { name: string }) => s.name === container)?.state?.running;
    },
    tty,
    prompt: () => (tty ? promptFor(image(), podName, cwd) : ''),
    input(line: string) {
      const trimmed = line.trim();
      const m = /^exit(?:\s+(\d+))?$/.exec(trimmed);
      if (m) return { output: '', exited: m[1] ? Number(m[1]) : 0 };
      if (!trimmed) return { output: '' };
      const k = kubelets(ctx);
      if (!ctx.api.tryGet('pods', namespace, podName) || !k?.exec) return { output: '', exited: 1 };
      const quoted = `'${cwd.replace(/'/g, `'\\''`)}'`;
      const cd = /^cd(?:\s+(.*))?$/.exec(trimmed);
      if (cd) {
        const r = k.exec(namespace, podName, container, [
          'sh',
          '-c',
          `cd ${quoted} && cd ${cd[1] ?? '~'} && pwd`,
        ]);
        if (r.exitCode === 0) cwd = r.output.trim() || cwd;
        return { output: r.exitCode === 0 ? '' : r.output };
      }
      const r = k.exec(namespace, podName, container, ['sh', '-c', `cd ${quoted} && ${line}`]);
      return { output: r.error ? `error: ${r.error}\n` : r.output };
    },
    close: onClose,
  };
}

/** `kubectl run -it` / `attach`: the container's shell; with --rm the pod is deleted when it ends. */
export function attachSession(
  ctx: CommandContext,
  podName: string,
  container: string,
  opts: { remove: boolean; tty: boolean; argv: string[] },
): InteractiveSession {
  const namespace = ctx.namespace;
  return shellSession(
    ctx,
    namespace,
    podName,
    container,
    () => {
      if (!opts.remove) {
        return `Session ended, resume using 'kubectl attach ${podName} -c ${container} -i -t' command when the pod is running\n`;
      }
      try {
        // The attached process has ended, so the pod goes at once (kubectl waits for that before returning).
        ctx.api.delete('pods', namespace, podName, { user: ctx.user, gracePeriodSeconds: 0 });
        return `pod "${podName}" deleted\n`;
      } catch {
        return '';
      }
    },
    opts.tty,
  );
}
