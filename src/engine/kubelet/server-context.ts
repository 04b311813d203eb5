/**
 * What a container's server program sees (images/types ServerContext): one small object per container
 * instance, its behaviour on the prototype rather than in per-instance closures, since a large cluster
 * holds one for every running container.
 */
import type { ApiServer } from '../api/apiserver';
import type { FetchOptions, FetchResult, ServerContext, ServerState } from '../images/types';
import { adaptNet, type NetworkService } from './manager';
import type { ContainerRt, PodRt } from './types';

export class PodServerContext implements ServerContext {
  nowMs: number;
  startedAtMs: number;
  readonly podName: string;
  readonly namespace: string;
  readonly state: ServerState;

  constructor(
    private readonly api: ApiServer,
    private readonly rt: PodRt,
    private readonly c: ContainerRt,
    readonly env: Record<string, string>,
    readonly args: string[],
    readonly shared: Record<string, unknown>,
    private readonly network: () => NetworkService | undefined,
    nowMs: number,
  ) {
    this.nowMs = nowMs;
    this.startedAtMs = nowMs;
    this.podName = rt.name;
    this.namespace = rt.namespace;
    this.state = c.serverState;
  }

  get podIP(): string {
    return this.rt.ip ?? '';
  }

  /** The same context seen at another instant (what a process hands its program on each call). */
  at(nowMs: number, startedAtMs: number): ServerContext {
    return new ServerContextAt(this, nowMs, startedAtMs);
  }

  readFile(path: string): string | undefined {
    return this.c.fs?.read(path);
  }

  serviceHasEndpoints(name: string): boolean {
    const [svc, ns] = name.split('.');
    const ep = this.api.store.get('endpoints', ns ?? this.rt.namespace, svc);
    return ((ep?.subsets ?? []) as { addresses?: unknown[] }[]).some((s) => (s.addresses ?? []).length > 0);
  }

  /** Absent in effect (undefined) when no network service runs. */
  fetch(url: string, options: FetchOptions = {}): FetchResult | undefined {
    const net = this.network();
    if (!net) return undefined;
    const timeoutMs = options.timeoutMs ?? 3000;
    const r = adaptNet(
      net.request(this.rt.pod, url, { method: 'GET', headers: options.headers ?? {}, timeoutMs }),
    );
    if (r.ok) return { status: r.status, body: r.body, latencyMs: r.latencyMs ?? 0 };
    return { body: '', latencyMs: r.error === 'timeout' ? timeoutMs : (r.latencyMs ?? 0) };
  }
}

/** A PodServerContext at one instant: its own times, everything else read through. */
class ServerContextAt implements ServerContext {
  constructor(
    private readonly base: PodServerContext,
    readonly nowMs: number,
    readonly startedAtMs: number,
  ) {}
  get env(): Record<string, string> {
    return this.base.env;
  }
  get args(): string[] {
    return this.base.args;
  }
  get podName(): string {
    return this.base.podName;
  }
  get namespace(): string {
    return this.base.namespace;
  }
  get podIP(): string {
    return this.base.podIP;
  }
  get state(): ServerState {
    return this.base.state;
  }
  get shared(): Record<string, unknown> {
    return this.base.shared;
  }
  readFile(path: string): string | undefined {
    return this.base.readFile(path);
  }
  serviceHasEndpoints(name: string): boolean {
    return this.base.serviceHasEndpoints(name);
  }
  fetch(url: string, options?: FetchOptions): FetchResult | undefined {
    return this.base.fetch(url, options);
  }
}
