/**
 * The endpoints controller: one Endpoints object per Service with a selector, listing ready pods in
 * `addresses` and the others in `notReadyAddresses` (all in `addresses` with publishNotReadyAddresses),
 * grouped into subsets by the ports they serve, addresses sorted by IP. Capped at 1000 addresses with
 * the over-capacity annotation, as upstream.
 */
import type { KObject, StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { splitKey, WorkQueue } from '../controllers/workqueue';
import { deepEqual } from '../util/objects';
import {
  compareIPs,
  isPodReady,
  podHostname,
  resolveTargetPort,
  type ServicePortSpec,
  serviceLabels,
  shouldPodBeInEndpoints,
  targetRef,
} from './pod-endpoints';
import { ServiceMembership } from './service-membership';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const MAX_ENDPOINTS_ADDRESSES = 1000;

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: Record<string, string>;
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface Subset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export class EndpointsController {
  private readonly queue: WorkQueue;
  private readonly membership: ServiceMembership;
  /** The first change since the last sync of each Service, for the trigger-time annotation. */
  private readonly triggers = new Map<string, string>();
  /** Reconciles run, for tests that bound the work. */
  syncs = 0;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'endpoints-controller', (k) => this.reconcile(k));
    this.membership = ServiceMembership.of(ctx);
    this.membership.onChange((key) => {
      if (!this.triggers.has(key)) this.triggers.set(key, ctx.clock.nowISO());
      this.queue.add(key);
    });
    for (const svc of ctx.api.store.list('services')) this.queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
  }

  reconcile(key: string): void {
    this.syncs++;
    const { namespace, name } = splitKey(key);
    const ns = namespace ?? 'default';
    const trigger = this.triggers.get(key) ?? this.ctx.clock.nowISO();
    this.triggers.delete(key);
    const svc = this.ctx.api.tryGet('services', ns, name);
    const existing = this.ctx.api.tryGet('endpoints', ns, name);
    if (!svc) {
      if (existing) this.ctx.api.delete('endpoints', ns, name);
      return;
    }
    const pods = this.membership.members(ns, name);
    if (!pods) return; // no selector: Endpoints are the user's to write
    const { subsets, truncated } = buildSubsets(svc, pods);
    const labels = serviceLabels(svc);
    const annotations: Record<string, string> = {
      ...(existing?.metadata.annotations ?? {}),
      [TRIGGER_TIME_ANNOTATION]: trigger,
    };
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    if (existing) {
      const sameContent =
        deepEqual(existing.subsets ?? [], subsets) &&
        deepEqual(existing.metadata.labels ?? {}, labels) &&
        existing.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] === annotations[OVER_CAPACITY_ANNOTATION];
      if (sameContent) return;
      const next: KObject = { ...existing, metadata: { ...existing.metadata, labels, annotations } };
      if (subsets.length) next.subsets = subsets;
      else delete next.subsets;
      this.ctx.api.update(next);
      return;
    }
    this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels, annotations },
      ...(subsets.length ? { subsets } : {}),
    });
  }
}

/** Subsets for a Service's pods: one per distinct port set, addresses and ports in upstream order. */
export function buildSubsets(svc: StoredObject, pods: StoredObject[]): { subsets: Subset[]; truncated: boolean } {
  const ports: ServicePortSpec[] = svc.spec?.ports ?? [];
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  let total = 0;
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const podPorts: EndpointPort[] = [];
    for (const sp of ports) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      podPorts.push({
        ...(sp.name ? { name: sp.name } : {}),
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      });
    }
    // A pod that serves none of the Service's ports is left out (headless Services without ports keep it).
    if (ports.length > 0 && podPorts.length === 0) continue;
    const address: EndpointAddress = {
      ip: pod.status.podIP,
      ...(podHostname(pod, svc.metadata.name) ? { hostname: podHostname(pod, svc.metadata.name) } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: targetRef(pod),
    };
    const key = JSON.stringify(podPorts);
    let group = groups.get(key);
    if (!group) {
      group = { ports: podPorts, ready: [], notReady: [] };
      groups.set(key, group);
    }
    if (publishNotReady || isPodReady(pod)) group.ready.push(address);
    else group.notReady.push(address);
    total++;
  }
  const byAddress = (a: EndpointAddress, b: EndpointAddress) =>
    compareIPs(a.ip, b.ip) || (a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0);
  const keys = [...groups.keys()].sort();
  const subsets: Subset[] = [];
  let budget = MAX_ENDPOINTS_ADDRESSES;
  for (const key of keys) {
    const g = groups.get(key)!;
    g.ready.sort(byAddress);
    g.notReady.sort(byAddress);
    // Over capacity: ready addresses are kept first, then not-ready ones, up to 1000 in all.
    const ready = g.ready.slice(0, Math.max(0, budget));
    budget -= ready.length;
    const notReady = g.notReady.slice(0, Math.max(0, budget));
    budget -= notReady.length;
    if (ready.length === 0 && notReady.length === 0) continue;
    subsets.push({
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    });
  }
  return { subsets, truncated: total > MAX_ENDPOINTS_ADDRESSES };
}

export const endpointsControllerComponent: Component = {
  name: 'endpoints-controller',
  start(ctx) {
    ctx.services.set('endpoints-controller', new EndpointsController(ctx));
  },
};
