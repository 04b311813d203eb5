/**
 * LoadBalancer Services get an external IP a moment after creation, as MetalLB (layer 2) does on a kind
 * cluster: an address from the pool 172.18.255.200-250 (the docker network kind uses) is written to
 * status.loadBalancer.ingress; until then `kubectl get svc` shows EXTERNAL-IP <pending>.
 */
import type { KObject, StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';
import type { Rng } from '../sim/rng';
import { formatIPv4, parseIPv4 } from './ipv4';
import { serviceType } from './service-allocation';

export const LB_POOL = { first: '172.18.255.200', last: '172.18.255.250' };
/** How long MetalLB takes to notice a Service and assign it an address. */
export const LB_ASSIGN_DELAY_MS = 1000;

const CONTROLLER = { component: 'metallb-controller' };
const SPEAKER = { component: 'metallb-speaker' };

export function loadBalancerIP(svc: KObject): string | undefined {
  return svc.status?.loadBalancer?.ingress?.[0]?.ip;
}

class LoadBalancerController {
  private readonly queue: WorkQueue;
  private readonly first = parseIPv4(LB_POOL.first)!;
  private readonly last = parseIPv4(LB_POOL.last)!;
  /** ip -> service key */
  private readonly assigned = new Map<number, string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly rng: Rng,
  ) {
    this.queue = new WorkQueue(
      ctx.clock,
      'loadbalancer-controller',
      (k) => this.reconcile(k),
      LB_ASSIGN_DELAY_MS,
    );
    ctx.api.watch('services', undefined, (e) => {
      if (e.old) this.forget(e.old);
      if (e.type !== 'DELETED') this.remember(e.object);
      if (e.type !== 'DELETED' && (serviceType(e.object) === 'LoadBalancer' || loadBalancerIP(e.object))) {
        this.queue.add(keyOf(e.object));
      }
    });
  }

  private remember(svc: StoredObject): void {
    const ip = loadBalancerIP(svc);
    if (ip && serviceType(svc) === 'LoadBalancer') this.assigned.set(parseIPv4(ip) ?? 0, keyOf(svc));
  }

  private forget(svc: StoredObject): void {
    const ip = parseIPv4(loadBalancerIP(svc) ?? '');
    if (ip !== undefined && this.assigned.get(ip) === keyOf(svc)) this.assigned.delete(ip);
  }

  private reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.ctx.api.tryGet('services', namespace, name);
    if (!svc) return;
    const current = loadBalancerIP(svc);
    if (serviceType(svc) !== 'LoadBalancer') {
      // MetalLB withdraws the address when the Service stops being a LoadBalancer.
      if (current) this.ctx.api.updateStatus({ ...svc, status: { ...svc.status, loadBalancer: {} } });
      return;
    }
    if (current) return;
    // A Service that asks for another implementation (spec.loadBalancerClass) is not MetalLB's to serve.
    if (svc.spec?.loadBalancerClass && svc.spec.loadBalancerClass !== 'metallb.universe.tf/metallb') return;
    const ip = this.pick(svc);
    if (ip === undefined) {
      this.ctx.events.record(
        svc,
        'Warning',
        'AllocationFailed',
        `Failed to allocate IP for "${key}": no available IPs`,
        CONTROLLER,
      );
      return;
    }
    const address = formatIPv4(ip);
    this.ctx.api.updateStatus({
      ...svc,
      status: { ...svc.status, loadBalancer: { ingress: [{ ip: address, ipMode: 'VIP' }] } },
    });
    this.ctx.events.record(svc, 'Normal', 'IPAllocated', `Assigned IP ["${address}"]`, CONTROLLER);
    const node = this.announcingNode();
    if (node) {
      this.ctx.events.record(
        svc,
        'Normal',
        'nodeAssigned',
        `announcing from node "${node}" with protocol "layer2"`,
        SPEAKER,
      );
    }
  }

  /** The requested address (spec.loadBalancerIP or MetalLB's annotation) when free, else the lowest free one. */
  private pick(svc: StoredObject): number | undefined {
    const requested =
      svc.metadata.annotations?.['metallb.universe.tf/loadBalancerIPs'] ??
      svc.metadata.annotations?.['metallb.io/loadBalancerIPs'] ??
      svc.spec?.loadBalancerIP;
    if (requested) {
      const ip = parseIPv4(String(requested).split(',')[0].trim());
      if (ip === undefined || ip < this.first || ip > this.last || this.assigned.has(ip)) return undefined;
      return ip;
    }
    for (let ip = this.first; ip <= this.last; ip++) if (!this.assigned.has(ip)) return ip;
    return undefined;
  }

  private announcingNode(): string | undefined {
    const nodes = this.ctx.api
      .list('nodes')
      .filter(
        (n) => n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined,
      )
      .map((n) => n.metadata.name);
    return nodes.length ? this.rng.pick(nodes) : undefined;
  }
}

export const loadBalancerComponent: Component = {
  name: 'loadbalancer-controller',
  start(ctx) {
    new LoadBalancerController(ctx, ctx.rng.fork('metallb'));
  },
};
