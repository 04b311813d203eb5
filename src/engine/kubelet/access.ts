/**
 * What the CLI and the network reach through the kubelets: container logs (current and previous
 * instance, tail, since, timestamps, follow), exec into a running container, and HTTP to a pod's port.
 */
import { badRequest, notFound, StatusError } from '../api/errors';
import type { StoredObject } from '../api/types';
import type { HttpOutcome } from '../images/types';
import { EPOCH_MS } from '../sim/clock';
import { formatRFC3339 } from '../sim/timefmt';
import type { LogLine } from './logs';
import type { KubeletManager } from './manager';
import type { NodeAgent } from './node-agent';
import { runToEnd, Shell } from './shell/run';
import type { ContainerRt, PodRt } from './types';

export interface LogOptions {
  previous?: boolean;
  tail?: number;
  /** Alias of tail (the CLI's name). */
  tailLines?: number;
  sinceSeconds?: number;
  /** Alias of sinceSeconds in ms. */
  sinceMs?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface ExecResult {
  /** stdout and stderr, interleaved as a terminal shows them. */
  output: string;
  exitCode: number;
  /** A failure before the command ran (kubectl prints `error: <error>` and exits 1). */
  error?: string;
}

export type HttpResult =
  | { ok: true; status: number; body: string; headers: Record<string, string>; latencyMs: number }
  /** refused: nothing listens (or the container is not running); timeout: the server hung; empty-reply: not HTTP; unreachable: node down. */
  | {
      ok: false;
      error: 'refused' | 'timeout' | 'empty-reply' | 'unreachable';
      latencyMs: number;
      refused?: true;
      hang?: true;
      fail?: 'dropped' | 'empty-reply';
    };

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
export function nanoTime(ms: number): string {
  return formatRFC3339(EPOCH_MS + ms, 6)
    .replace(/Z$/, '000Z')
    .replace(/\.(\d{6})000Z$/, (_m, d) => `.${d}${String((ms * 7919) % 1000).padStart(3, '0')}Z`);
}

export class KubeletAccess {
  constructor(private readonly m: KubeletManager) {}

  private pod(ns: string, name: string): StoredObject {
    const pod = this.m.ctx.api.store.get('pods', ns, name);
    if (!pod) throw notFound('pods', name);
    return pod;
  }

  private runtime(pod: StoredObject): { agent?: NodeAgent; rt?: PodRt } {
    const agent = this.m.agentFor(pod);
    const rt = agent?.worker(pod.metadata.uid)?.rt;
    return { agent, rt };
  }

  private containerName(pod: StoredObject, container?: string): string {
    const all = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.ephemeralContainers ?? []),
    ] as { name: string }[];
    if (!container) {
      const dflt = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
      return dflt && all.some((c) => c.name === dflt) ? dflt : (pod.spec?.containers?.[0]?.name ?? '');
    }
    if (!all.some((c) => c.name === container))
      throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    return container;
  }

  private lines(
    ns: string,
    name: string,
    container: string | undefined,
    opts: LogOptions,
  ): { lines: LogLine[]; c?: ContainerRt } {
    const pod = this.pod(ns, name);
    const cname = this.containerName(pod, container);
    const { rt } = this.runtime(pod);
    const c = rt ? [...rt.init, ...rt.app].find((x) => x.name === cname) : undefined;
    const statuses = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ] as { name: string; state?: { waiting?: { reason?: string } } }[];
    const waitingReason =
      statuses.find((s) => s.name === cname)?.state?.waiting?.reason ?? 'ContainerCreating';
    if (opts.previous) {
      if (!c || c.logs.length < 2 || c.restartCount === 0)
        throw badRequest(`previous terminated container "${cname}" in pod "${name}" not found`);
      return { lines: c.logs[c.logs.length - 2].lines, c };
    }
    if (!c || c.logs.length === 0) {
      const reason =
        waitingReason === 'ImagePullBackOff' || waitingReason === 'ErrImagePull'
          ? 'trying and failing to pull image'
          : waitingReason === 'InvalidImageName'
            ? 'InvalidImageName'
            : waitingReason;
      throw badRequest(`container "${cname}" in pod "${name}" is waiting to start: ${reason}`);
    }
    return { lines: c.logs[c.logs.length - 1].lines, c };
  }

  private format(lines: LogLine[], opts: LogOptions): string {
    let picked = lines;
    const sinceMs = opts.sinceMs ?? (opts.sinceSeconds !== undefined ? opts.sinceSeconds * 1000 : undefined);
    if (sinceMs !== undefined) {
      const from = this.m.ctx.clock.now() - sinceMs;
      picked = picked.filter((l) => l.atMs >= from);
    }
    const tail = opts.tail ?? opts.tailLines;
    if (tail !== undefined && tail >= 0) picked = picked.slice(Math.max(0, picked.length - tail));
    let out = picked.map((l) => `${opts.timestamps ? `${nanoTime(l.atMs)} ` : ''}${l.text}\n`).join('');
    if (opts.limitBytes !== undefined) out = out.slice(0, opts.limitBytes);
    return out;
  }

  /** `kubectl logs`: throws StatusError with the API server's wording when there is nothing to show. */
  logs(namespace: string, pod: string, container?: string, opts: LogOptions = {}): string {
    return this.format(this.lines(namespace, pod, container, opts).lines, opts);
  }

  /**
   * `kubectl logs -f`: the text so far, then each new line until the container instance ends.
   * Returns the stop function.
   */
  followLogs(
    namespace: string,
    pod: string,
    container: string | undefined,
    opts: LogOptions,
    onText: (text: string) => void,
    onEnd: () => void,
  ): () => void {
    const { lines, c } = this.lines(namespace, pod, container, { ...opts, previous: false });
    const initial = this.format(lines, opts);
    if (initial) onText(initial);
    const buf = c?.logs[c.logs.length - 1];
    if (!buf) {
      onEnd();
      return () => {};
    }
    return buf.follow((l) => onText(`${opts.timestamps ? `${nanoTime(l.atMs)} ` : ''}${l.text}\n`), onEnd);
  }

  /** `kubectl exec`: run argv in a running container (its sleeps take no time). */
  exec(
    namespace: string,
    pod: string,
    container: string | undefined,
    argv: string[],
    stdin?: string,
  ): ExecResult {
    const p = this.pod(namespace, pod);
    const cname = this.containerName(p, container);
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') {
      return {
        output: '',
        exitCode: 1,
        error: `cannot exec into a container in a completed pod; current phase is ${phase}`,
      };
    }
    const { agent, rt } = this.runtime(p);
    const c = rt ? [...rt.init, ...rt.app].find((x) => x.name === cname) : undefined;
    if (!agent || !rt || !c?.proc || c.proc.exited) {
      return {
        output: '',
        exitCode: 1,
        error: `unable to upgrade connection: container not found ("${cname}")`,
      };
    }
    if (!agent.running)
      return {
        output: '',
        exitCode: 1,
        error: `error dialing backend: dial tcp ${agent.hostIP}:10250: connect: connection refused`,
      };
    const env = c.env ?? { ...(c.image?.profile.env ?? {}), HOSTNAME: rt.name };
    const host = this.m.shellHost(agent, rt, c, env);
    const base = (argv[0] ?? '').split('/').pop() ?? '';
    const runnable = host.hasCommand(base) || (argv[0]?.startsWith('/') && c.fs?.exists(argv[0]));
    if (!argv.length || !runnable) {
      return {
        output: '',
        exitCode: 1,
        error: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${agent.rng.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown`,
      };
    }
    let output = '';
    const sh = new Shell(host, { stdout: (t) => (output += t), stderr: (t) => (output += t) });
    const code = runToEnd(
      sh.invoke(argv, { stdout: (t) => (output += t), stderr: (t) => (output += t) }, stdin ?? ''),
    );
    return { output, exitCode: code };
  }

  /** HTTP to a pod's port, as the network delivers it (H4 calls this). */
  handleHttp(
    pod: StoredObject,
    port: number,
    method: string,
    path: string,
    headers: Record<string, string> = {},
    opts: { clientIP?: string; timeoutMs?: number; body?: string } = {},
  ): HttpResult {
    const { rt } = this.runtime(pod);
    if (!rt) return { ok: false, error: 'refused', refused: true, latencyMs: 1 };
    const out: HttpOutcome | 'refused' | 'not-http' | 'down' = this.m.serve(rt, port, {
      method,
      path,
      headers,
      clientIP: opts.clientIP ?? '10.244.0.1',
      ...(opts.body !== undefined ? { body: opts.body } : {}),
    });
    if (out === 'refused') return { ok: false, error: 'refused', refused: true, latencyMs: 1 };
    if (out === 'down')
      return { ok: false, error: 'unreachable', fail: 'dropped', latencyMs: opts.timeoutMs ?? 30_000 };
    if (out === 'not-http') return { ok: false, error: 'empty-reply', fail: 'empty-reply', latencyMs: 1 };
    if ('hang' in out)
      return { ok: false, error: 'timeout', hang: true, latencyMs: opts.timeoutMs ?? 30_000 };
    return {
      ok: true,
      status: out.status,
      body: out.body,
      headers: {
        'Content-Type': 'text/plain',
        ...(out.headers ?? {}),
        'Content-Length': String(out.body.length),
      },
      latencyMs: 1 + (out.latencyMs ?? 0),
    };
  }
}

export { StatusError };
