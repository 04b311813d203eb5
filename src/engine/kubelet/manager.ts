/**
 * The kubelets of every node: one NodeAgent per Node, pods routed to the agent of their spec.nodeName.
 * Also where the shared pieces live: back-off tables, PVC/hostPath data, the prober, and the context a
 * container's shell and server get (files, env, network).
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import type { ImageCatalog } from '../images/catalog';
import type { HttpOutcome, HttpRequest, ServerContext } from '../images/types';
import { ensurePodNodeIndex } from '../scheduler/cache';
import type { Rng } from '../sim/rng';
import { Backoff } from './backoff';
import { FaultState } from './fault-state';
import type { MemVolume } from './fs';
import { NodeAgent } from './node-agent';
import { type ProbeOutcome, runProbe } from './probe-run';
import { ProbeManager } from './probes';
import { PodServerContext } from './server-context';
import type { NetResult, ShellHost, ShellNetwork } from './shell/host';
import type { ContainerRt, PodRt } from './types';

/** What H4's 'network' service is expected to offer (see index.ts). */
export interface NetworkService {
  request(
    fromPod: StoredObject,
    url: string,
    opts?: { method?: string; headers?: Record<string, string>; timeoutMs?: number },
  ): unknown;
  lookup(fromPod: StoredObject, name: string): unknown;
}

export class KubeletManager {
  readonly agents = new Map<string, NodeAgent>();
  readonly crashBackoff = new Backoff();
  readonly pullBackoff = new Backoff();
  readonly volumeStores = { claims: new Map<string, MemVolume>(), hostPaths: new Map<string, MemVolume>() };
  readonly probes: ProbeManager;
  readonly faults = new FaultState();
  readonly rng: Rng;
  private readonly shared = new Map<string, Record<string, unknown>>();

  constructor(
    readonly ctx: EngineContext,
    readonly images: ImageCatalog,
  ) {
    this.rng = ctx.rng.fork('kubelet');
    this.probes = new ProbeManager(this);
  }

  start(): void {
    const { api } = this.ctx;
    ensurePodNodeIndex(api);
    api.watch('nodes', undefined, (e) => {
      const name = e.object.metadata.name;
      if (e.type === 'ADDED' && !this.agents.has(name)) {
        const agent = new NodeAgent(this, name, e.object);
        this.agents.set(name, agent);
        agent.start();
      } else if (e.type === 'DELETED') {
        this.agents.get(name)?.shutdown();
        this.agents.delete(name);
      }
    });
    api.watch('pods', undefined, (e) => {
      const node = e.object.spec?.nodeName;
      if (e.type === 'DELETED') {
        if (node) this.agents.get(node)?.podDeleted(e.object);
        return;
      }
      // Status-only writes (ours and others') do not make the kubelet resync; spec and deletion changes do.
      // (A status write keeps the spec object, so a node change is never among them.) Checked before the
      // key is built: most pod writes are status writes.
      const o = e.old;
      if (
        o &&
        o.spec === e.object.spec &&
        o.metadata.uid === e.object.metadata.uid &&
        o.metadata.deletionTimestamp === e.object.metadata.deletionTimestamp &&
        o.metadata.deletionGracePeriodSeconds === e.object.metadata.deletionGracePeriodSeconds
      )
        return;
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      const oldNode = o?.spec?.nodeName;
      if (oldNode && oldNode !== node) this.agents.get(oldNode)?.enqueue(key);
      if (node) this.agents.get(node)?.enqueue(key);
    });
  }

  agentFor(pod: StoredObject): NodeAgent | undefined {
    return pod.spec?.nodeName ? this.agents.get(pod.spec.nodeName) : undefined;
  }

  private network(): NetworkService | undefined {
    return this.ctx.services.get('network') as NetworkService | undefined;
  }

  shellHost(agent: NodeAgent, rt: PodRt, c: ContainerRt, env: Record<string, string>): ShellHost {
    const profile = c.image?.profile;
    const binaries = new Set(profile?.binaries ?? []);
    const shell = profile?.shell ?? null;
    const net = this.network();
    const network: ShellNetwork | undefined = net
      ? {
          request: (url, opts) => adaptNet(net.request(rt.pod, url, opts)),
          lookup: (name) => adaptLookup(net.lookup(rt.pod, name), name),
          dnsServer: this.ctx.config.profile === 'openshift' ? '172.30.0.10' : '10.96.0.10',
        }
      : undefined;
    return {
      now: () => this.ctx.clock.now(),
      hostname: rt.pod.spec?.hostNetwork ? agent.nodeName : (rt.pod.spec?.hostname ?? rt.name),
      shell: shell === 'bash' ? 'bash' : 'sh',
      busybox: binaries.has('ash'),
      hasCommand: (name) =>
        binaries.has(name) ||
        ((name === 'sh' || name === 'ash') && shell !== null) ||
        (name === 'bash' && shell === 'bash'),
      fs: c.fs ?? emptyFs,
      processes: () => [{ pid: 1, user: 'root', command: c.proc ? (processName(c) ?? '') : '' }],
      network,
      env,
      cwd: c.spec.workingDir ?? profile?.workingDir ?? '/',
      user: 'root',
      signal: (pid, sig) => (pid === 1 && c.proc ? c.proc.signal(sig) : false),
    };
  }

  serverContext(rt: PodRt, c: ContainerRt, env: Record<string, string>, args: string[]): ServerContext {
    let shared = this.shared.get(rt.namespace);
    if (!shared) {
      shared = {};
      this.shared.set(rt.namespace, shared);
    }
    return new PodServerContext(this.ctx.api, rt, c, env, args, shared, this.networkOf, this.ctx.clock.now());
  }

  private readonly networkOf = () => this.network();

  /** Serve an HTTP request to a container port of a pod (faults apply). */
  serve(rt: PodRt, port: number, req: HttpRequest): HttpOutcome | 'refused' | 'not-http' | 'down' {
    const agent = this.agents.get(rt.pod.spec?.nodeName ?? '');
    if (agent && !agent.running) return 'down';
    for (const c of [...rt.app, ...rt.init]) {
      const p = c.proc;
      if (!p || p.exited || !p.listening(port)) continue;
      const broken = this.faults.brokenStatus(this.ctx, rt.pod, req.path);
      if (broken !== undefined)
        return { status: broken, body: broken >= 500 ? 'Internal Server Error\n' : '' };
      return p.handle(port, req);
    }
    return 'refused';
  }

  runProbe(agent: NodeAgent, rt: PodRt, c: ContainerRt, spec: unknown, kind?: string): ProbeOutcome {
    return runProbe(this, agent, rt, c, spec, kind);
  }
}

function processName(c: ContainerRt): string | undefined {
  const profile = c.image?.profile;
  const cmd = [
    ...(c.spec.command ?? profile?.entrypoint ?? []),
    ...(c.spec.args ?? (c.spec.command ? [] : (profile?.cmd ?? []))),
  ];
  if (
    profile?.processName &&
    (cmd.length === 0 || profile.serverCommands.some((s) => cmd.join(' ').includes(s)))
  )
    return profile.processName;
  return cmd.join(' ');
}

const emptyFs = {
  read: () => undefined,
  write: () => 'Read-only file system',
  list: () => undefined,
  isDir: (p: string) => p === '/',
  exists: (p: string) => p === '/',
  remove: () => 'Read-only file system',
  mkdir: () => 'Read-only file system',
};

/** Accept the network service's answer in the shapes it may use and turn it into curl's view. */
export function adaptNet(r: unknown): NetResult {
  const o = (r ?? {}) as Record<string, unknown>;
  if (!r || o.ok === false || typeof o.error === 'string') {
    const e = String(o.error ?? o.kind ?? 'resolve').toLowerCase();
    const error =
      e === 'tls-handshake' || e === 'tls-cert-required'
        ? e
        : e.includes('tls')
          ? 'tls'
          : e.includes('resolv') || e.includes('nxdomain') || e.includes('host')
            ? 'resolve'
            : e.includes('refus')
              ? 'refused'
              : e.includes('time')
                ? 'timeout'
                : e.includes('empty')
                  ? 'empty-reply'
                  : e.includes('reset')
                    ? 'reset'
                    : e.includes('unreach')
                      ? 'unreachable'
                      : 'refused';
    return {
      ok: false,
      error,
      ip: o.ip as string | undefined,
      port: o.port as number | undefined,
      latencyMs: o.latencyMs as number | undefined,
    };
  }
  return {
    ok: true,
    status: Number(o.status ?? 200),
    statusText: o.statusText as string | undefined,
    body: String(o.body ?? ''),
    headers: (o.headers as Record<string, string>) ?? {},
    latencyMs: Number(o.latencyMs ?? 1),
    ip: o.ip as string | undefined,
    port: o.port as number | undefined,
  };
}

function adaptLookup(
  r: unknown,
  name: string,
): { ok: true; name: string; addresses: string[] } | { ok: false; error: 'NXDOMAIN' | 'timeout' } {
  const o = (r ?? {}) as Record<string, unknown>;
  const addresses = (o.addresses ?? o.ips ?? (o.address ? [o.address] : o.ip ? [o.ip] : [])) as string[];
  if (!r || o.ok === false || addresses.length === 0) {
    const why = `${o.error ?? ''}${o.kind ?? ''}`;
    return { ok: false, error: why.includes('time') || why.includes('unreachable') ? 'timeout' : 'NXDOMAIN' };
  }
  return { ok: true, name: String(o.name ?? o.fqdn ?? name), addresses };
}
