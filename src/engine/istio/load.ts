/**
 * Mesh load generators: Poisson arrivals every 100 ms of simulated time, sent from inside the mesh (a
 * client pod with a sidecar, so VirtualService rules apply) or from outside through the ingress gateway.
 * The traffic model's generators send from outside to a ClusterIP, which bypasses every sidecar; lessons
 * that show routing drive traffic with these instead. Requests go through the network like any other,
 * so the traffic model's stats and subscription and the mesh telemetry all see them.
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import type { Network } from '../network/network';
import type { ScheduledTask } from '../sim/clock';
import type { Rng } from '../sim/rng';
import { poisson, TICK_MS } from '../traffic/traffic';
import { hasSidecar } from './injection';
import { INGRESS_GATEWAY, ISTIO_NAMESPACE } from './install';

export interface MeshLoadOptions {
  /** Unique id; starting the same id again replaces the generator. */
  id: string;
  /** `ingress` (an outside client through istio-ingressgateway), or a client pod by app label. */
  from: 'ingress' | { namespace: string; app: string };
  /** A URL for pod clients (`http://reviews:9080/reviews/0`), a path for the ingress (`/productpage`). */
  url: string;
  rps: number;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface MeshLoadStatus extends MeshLoadOptions {
  sent: number;
  /** Why the last batch was not sent (no running client pod, no gateway address). */
  lastError?: string;
}

interface Generator extends MeshLoadStatus {
  task?: ScheduledTask;
}

export class MeshLoad {
  private readonly generators = new Map<string, Generator>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly net: Network,
    private readonly rng: Rng,
  ) {}

  start(opts: MeshLoadOptions): MeshLoadStatus {
    if (!(opts.rps > 0 && opts.rps <= 1000))
      throw new Error(`rps must be between 1 and 1000, got ${opts.rps}`);
    this.stop(opts.id);
    const gen: Generator = { ...opts, sent: 0 };
    this.generators.set(opts.id, gen);
    this.schedule(gen);
    return this.view(gen);
  }

  stop(id: string): boolean {
    const g = this.generators.get(id);
    if (!g) return false;
    if (g.task) g.task.cancelled = true;
    this.generators.delete(id);
    return true;
  }

  stopAll(): void {
    for (const id of [...this.generators.keys()]) this.stop(id);
  }

  list(): MeshLoadStatus[] {
    return [...this.generators.values()].map((g) => this.view(g));
  }

  private view(g: Generator): MeshLoadStatus {
    const { task: _task, ...rest } = g;
    return { ...rest };
  }

  private schedule(gen: Generator): void {
    gen.task = this.ctx.clock.after(TICK_MS, `mesh-load ${gen.id}`, () => {
      if (this.generators.get(gen.id) !== gen) return;
      this.send(gen);
      this.schedule(gen);
    });
  }

  private send(gen: Generator): void {
    const n = poisson(this.rng, (gen.rps * TICK_MS) / 1000);
    if (n === 0) return;
    const target = this.target(gen);
    if (typeof target === 'string') {
      gen.lastError = target;
      return;
    }
    delete gen.lastError;
    for (let i = 0; i < n; i++) {
      this.net.request(target.from, target.url, {
        headers: gen.headers ?? {},
        timeoutMs: gen.timeoutMs ?? 10_000,
      });
      gen.sent++;
    }
  }

  private target(gen: Generator): { from: StoredObject | null; url: string } | string {
    if (gen.from === 'ingress') {
      const svc = this.ctx.api.store.get('services', ISTIO_NAMESPACE, INGRESS_GATEWAY);
      const ip = svc?.status?.loadBalancer?.ingress?.[0]?.ip;
      if (!ip) return `service "${INGRESS_GATEWAY}" has no external address`;
      return { from: null, url: `http://${ip}${gen.url.startsWith('/') ? gen.url : `/${gen.url}`}` };
    }
    const { namespace, app } = gen.from;
    const pod = this.ctx.api.store
      .list('pods', namespace)
      .filter(
        (p) =>
          p.metadata.labels?.app === app && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp,
      )
      .sort(
        (a, b) =>
          (hasSidecar(b) ? 1 : 0) - (hasSidecar(a) ? 1 : 0) || (a.metadata.name < b.metadata.name ? -1 : 1),
      )[0];
    if (!pod) return `no running pod with app=${app} in namespace "${namespace}"`;
    return { from: pod, url: gen.url };
  }
}
