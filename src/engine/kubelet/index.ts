/**
 * The simulated kubelets and container runtime (service 'kubelets') and the prober (service 'probes').
 *
 *   const kubelets = service<KubeletsService>(ctx, 'kubelets');
 *   kubelets.logs('default', 'web-x', 'app', { previous: true, tail: 20, timestamps: true })   // string, or throws StatusError
 *   kubelets.followLogs(ns, pod, container, opts, onText, onEnd)                              // `logs -f`; returns stop()
 *   kubelets.exec('default', 'web-x', 'app', ['sh', '-c', 'cat /etc/config/x'])               // { output, exitCode, error? }
 *   kubelets.handleHttp(pod, 80, 'GET', '/', headers, { clientIP, timeoutMs })                 // H4: a request reaching a pod
 *   kubelets.stopNode('node-1') / startNode('node-1')                                          // faults: the kubelet stops reporting
 *
 * The network service (H4, 'network') is called for curl/wget/nslookup inside containers:
 *   request(fromPod, url, { method, headers, timeoutMs }) → { ok: true, status, body, headers?, latencyMs?, ip? }
 *                                                          | { ok: false, error: 'resolve'|'refused'|'timeout'|'unreachable'|'empty-reply'|'reset' }
 *   lookup(fromPod, name) → { ok: true, name: fqdn, addresses: string[] } | { ok: false, error: 'NXDOMAIN' }
 * Without it, curl says `curl: (6) Could not resolve host: x`.
 */
import type { StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { service } from '../context';
import type { ImageCatalog } from '../images/catalog';
import { type ExecResult, type HttpResult, KubeletAccess, type LogOptions } from './access';
import { KubeletManager } from './manager';
import type { ProbesService } from './probes';

export type { ExecResult, HttpResult, LogOptions } from './access';
export type { NetworkService } from './manager';
export type { ProbeKind, ProbeRecord, ProbesService } from './probes';

export interface ContainerUsage {
  name: string;
  /** millicores */
  cpu: number;
  /** working set bytes */
  memory: number;
}

export interface KubeletsService {
  logs(namespace: string, pod: string, container?: string, opts?: LogOptions): string;
  /** Either (ns, pod, container, opts, onText, onEnd) or the CLI's (ns, pod, container, write, opts). */
  followLogs(
    namespace: string,
    pod: string,
    container: string | undefined,
    a: LogOptions | ((text: string) => void),
    b?: ((text: string) => void) | LogOptions,
    onEnd?: () => void,
  ): () => void;
  exec(
    namespace: string,
    pod: string,
    container: string | undefined,
    argv: string[],
    stdin?: string,
  ): ExecResult;
  /** The 6th argument is the client IP or { clientIP, timeoutMs }. */
  handleHttp(
    pod: StoredObject,
    port: number,
    method: string,
    path: string,
    headers?: Record<string, string>,
    opts?: string | { clientIP?: string; timeoutMs?: number; body?: string },
  ): HttpResult;
  /** Ports a pod's running containers listen on right now. */
  listeningPorts(pod: StoredObject): number[];
  /** Live usage of a pod's running containers (metrics service). */
  usage(pod: StoredObject): ContainerUsage[] | undefined;
  /** Images cached on a node. */
  nodeImages(node: string): string[];
  /** Whether a node has an image (normalized name, e.g. docker.io/library/nginx:1.27). */
  hasImage(node: string, image: string): boolean;
  stopNode(node: string): boolean;
  startNode(node: string): boolean;
  nodeRunning(node: string): boolean;
  /** Kill a container's process now (SIGKILL, exit 137); it restarts per restartPolicy. */
  killContainer(namespace: string, pod: string, container?: string): boolean;
  /** Add request load to a pod's containers (requests over a window), for CPU metrics. */
  addLoad(pod: StoredObject, requests: number, overMs: number): void;
  /** The manager (faults and tests reach the internals through it). */
  readonly manager: KubeletManager;
}

function createService(m: KubeletManager): KubeletsService {
  const access = new KubeletAccess(m);
  const rtOf = (pod: StoredObject) => m.agentFor(pod)?.worker(pod.metadata.uid)?.rt;
  return {
    manager: m,
    logs: (ns, pod, c, o) => access.logs(ns, pod, c, o),
    followLogs: (ns, pod, c, a, b, e) =>
      typeof a === 'function'
        ? access.followLogs(ns, pod, c, (b as LogOptions) ?? {}, a, () => {})
        : access.followLogs(ns, pod, c, a, b as (t: string) => void, e ?? (() => {})),
    exec: (ns, pod, c, argv, stdin) => access.exec(ns, pod, c, argv, stdin),
    handleHttp: (pod, port, method, path, headers, opts) =>
      access.handleHttp(
        pod,
        port,
        method,
        path,
        headers,
        typeof opts === 'string' ? { clientIP: opts } : opts,
      ),
    listeningPorts: (pod) => {
      const rt = rtOf(pod);
      if (!rt) return [];
      return [...rt.app, ...rt.init].flatMap((c) =>
        c.proc && !c.proc.exited ? c.proc.ports().filter((p) => c.proc!.listening(p)) : [],
      );
    },
    usage: (pod) => {
      const rt = rtOf(pod);
      if (!rt || rt.terminal) return undefined;
      const now = m.ctx.clock.now();
      return [...rt.app, ...rt.init.filter((c) => c.sidecar)]
        .filter((c) => c.proc && !c.proc.exited)
        .map((c) => ({ name: c.name, cpu: c.proc!.cpuMillis(now), memory: c.proc!.memoryBytes(now) }));
    },
    nodeImages: (node) => [...(m.agents.get(node)?.imageCache.keys() ?? [])],
    hasImage: (node, image) => m.agents.get(node)?.imageCache.has(image) ?? false,
    stopNode: (node) => {
      const a = m.agents.get(node);
      if (!a?.running) return false;
      a.stop();
      return true;
    },
    startNode: (node) => {
      const a = m.agents.get(node);
      if (!a || a.running) return false;
      a.resume();
      return true;
    },
    nodeRunning: (node) => m.agents.get(node)?.running ?? false,
    killContainer: (ns, pod, container) => {
      const p = m.ctx.api.store.get('pods', ns, pod);
      const rt = p ? rtOf(p) : undefined;
      const c = rt
        ? [...rt.app, ...rt.init].find((x) => (container ? x.name === container : !x.init))
        : undefined;
      if (!c?.proc || c.proc.exited) return false;
      c.proc.kill();
      return true;
    },
    addLoad: (pod, requests, overMs) => {
      const rt = rtOf(pod);
      for (const c of rt?.app ?? []) c.proc?.addLoad(requests, overMs);
    },
  };
}

export const kubeletsComponent: Component = {
  name: 'kubelets',
  start(ctx: EngineContext) {
    const m = new KubeletManager(ctx, service<ImageCatalog>(ctx, 'images'));
    m.start();
    ctx.services.set('kubelets', createService(m));
    ctx.services.set('probes', m.probes satisfies ProbesService);
  },
};
