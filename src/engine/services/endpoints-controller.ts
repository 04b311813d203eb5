/**
 * The endpoints controller: one Endpoints object per Service with a selector, listing ready pods in
 * `addresses` and the others in `notReadyAddresses` (all in `addresses` with publishNotReadyAddresses),
 * grouped into subsets by the ports they serve, addresses sorted by IP. Capped at 1000 addresses with
 * the over-capacity annotation, as upstream.
 */
import { INTERNAL } from '../api/apiserver';
import type { KObject, StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { splitKey, WorkQueue } from '../controllers/workqueue';
import { deepEqual } from '../util/objects';
import { parseIPv4 } from './ipv4';
import {
  type EndpointSignature,
  endpointSignature,
  isPodReady,
  podHostname,
  resolveTargetPort,
  type ServicePortSpec,
  sameEndpointSignature,
  serviceLabels,
  shouldPodBeInEndpoints,
  targetRef,
} from './pod-endpoints';
import { ServiceMembership } from './service-membership';
import { SyncPacer } from './sync-pacer';

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
  private readonly caches = new Map<string, { serviceRv: string; pods: SubsetCache }>();
  private readonly pacer: SyncPacer;
  /** Reconciles run, for tests that bound the work. */
  syncs = 0;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'endpoints-controller', (k) => this.reconcile(k));
    this.pacer = new SyncPacer(ctx.clock, this.queue);
    this.membership = ServiceMembership.of(ctx);
    this.membership.onChange((key) => {
      if (!this.triggers.has(key)) this.triggers.set(key, ctx.clock.nowISO());
      this.pacer.request(key);
    });
    // An Endpoints object someone deletes is written again (upstream's onEndpointsDelete).
    ctx.api.watch('endpoints', undefined, (e) => {
      if (e.type === 'DELETED') this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    for (const svc of ctx.api.store.list('services'))
      this.queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
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
      this.caches.delete(key);
      if (existing) this.ctx.api.delete('endpoints', ns, name);
      return;
    }
    // ExternalName Services get no endpoints from the controllers.
    const pods = svc.spec?.type === 'ExternalName' ? undefined : this.membership.members(ns, name);
    if (!pods) return; // no selector: Endpoints are the user's to write
    let cache = this.caches.get(key);
    if (!cache || cache.serviceRv !== svc.metadata.resourceVersion) {
      cache = { serviceRv: svc.metadata.resourceVersion, pods: new Map() };
      this.caches.set(key, cache);
    }
    this.pacer.synced(key, pods.length);
    const { subsets, truncated } = buildSubsets(svc, pods, cache.pods);
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
      this.ctx.api.update(next, INTERNAL);
      return;
    }
    this.ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace: ns, labels, annotations },
        ...(subsets.length ? { subsets } : {}),
      },
      INTERNAL,
    );
  }
}

interface PodEntry {
  /** The stored pod this entry was built from: the same object needs no new signature. */
  pod: StoredObject;
  sig: EndpointSignature;
  include: boolean;
  ready: boolean;
  ipNum: number;
  uid: string;
  portsKey: string;
  ports: EndpointPort[];
  address: EndpointAddress;
}

/** Per-pod results of the last sync, reused while the pod and the Service are unchanged. */
export type SubsetCache = Map<string, PodEntry>;

/**
 * Entries are built by object literals with the same keys in the same order (one hidden class for all):
 * spreading a base object and adding keys would give each of 100,000 entries a hidden class of its own.
 */
function excludedEntry(pod: StoredObject, sig: EndpointSignature): PodEntry {
  return {
    pod,
    sig,
    include: false,
    ready: false,
    ipNum: 0,
    uid: pod.metadata.uid,
    portsKey: '',
    ports: [],
    address: undefined as never,
  };
}

function podEntry(svc: StoredObject, pod: StoredObject): PodEntry {
  const ports: ServicePortSpec[] = svc.spec?.ports ?? [];
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const sig = endpointSignature(pod);
  if (!shouldPodBeInEndpoints(pod, publishNotReady)) return excludedEntry(pod, sig);
  const podPorts: EndpointPort[] = [];
  let portsKey = '';
  for (const sp of ports) {
    const port = resolveTargetPort(pod, sp);
    if (port === undefined) continue;
    podPorts.push({
      ...(sp.name ? { name: sp.name } : {}),
      port,
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
    portsKey += `${sp.name ?? ''}|${port}|${sp.protocol ?? 'TCP'}|${sp.appProtocol ?? ''},`;
  }
  // A pod that serves none of the Service's ports is left out (headless Services without ports keep it).
  if (ports.length > 0 && podPorts.length === 0) return excludedEntry(pod, sig);
  const hostname = podHostname(pod, svc.metadata.name);
  const address: EndpointAddress = {
    ip: pod.status.podIP,
    ...(hostname ? { hostname } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: targetRef(pod),
  };
  return {
    pod,
    sig,
    include: true,
    ready: publishNotReady || isPodReady(pod),
    ipNum: parseIPv4(pod.status.podIP) ?? 0,
    uid: pod.metadata.uid,
    portsKey,
    ports: podPorts,
    address,
  };
}

/**
 * Subsets for a Service's pods: one per distinct port set, addresses sorted by IP (then uid). With a
 * cache, unchanged pods reuse last sync's address objects, so building and comparing stay cheap.
 */
export function buildSubsets(
  svc: StoredObject,
  pods: StoredObject[],
  cache: SubsetCache = new Map(),
): { subsets: Subset[]; truncated: boolean } {
  const groups = new Map<
    string,
    { key: string; ports: EndpointPort[]; ready: PodEntry[]; notReady: PodEntry[] }
  >();
  let total = 0;
  const seen = new Set<string>();
  for (const pod of pods) {
    seen.add(pod.metadata.name);
    let entry = cache.get(pod.metadata.name);
    // The same stored pod as last sync needs no new signature; an equal signature keeps the entry.
    if (entry?.pod !== pod) {
      if (entry && sameEndpointSignature(entry.sig, pod)) entry.pod = pod;
      else {
        entry = podEntry(svc, pod);
        cache.set(pod.metadata.name, entry);
      }
    }
    if (!entry.include) continue;
    let group = groups.get(entry.portsKey);
    if (!group) {
      group = { key: entry.portsKey, ports: entry.ports, ready: [], notReady: [] };
      groups.set(entry.portsKey, group);
    } else if (entry.ports !== group.ports) {
      // Pods serving the same ports share one key and one ports list (one per pod adds up at scale).
      entry.portsKey = group.key;
      entry.ports = group.ports;
    }
    (entry.ready ? group.ready : group.notReady).push(entry);
    total++;
  }
  if (cache.size > seen.size) for (const name of cache.keys()) if (!seen.has(name)) cache.delete(name);
  const subsets: Subset[] = [];
  let budget = MAX_ENDPOINTS_ADDRESSES;
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    sortByAddress(g.ready);
    sortByAddress(g.notReady);
    // Over capacity: ready addresses are kept first, then not-ready ones, up to 1000 in all.
    const ready = g.ready.slice(0, Math.max(0, budget)).map((e) => e.address);
    budget -= ready.length;
    const notReady = g.notReady.slice(0, Math.max(0, budget)).map((e) => e.address);
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

const byAddress = (a: { ipNum: number; uid: string }, b: { ipNum: number; uid: string }) =>
  a.ipNum - b.ipNum || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);

/** Numeric keys hold the position in their low bits: this many entries at most. */
const POSITION_BITS = 2 ** 20;

/**
 * Sort in place by IP (as a number), then uid: the order of `sort(byAddress)`. A Service with 100,000 pods
 * is sorted on every sync, so the IPs are sorted as plain numbers (a typed-array sort, no comparator
 * calls) with each entry's position in the low bits; only runs of equal IPs are then put in uid order.
 */
export function sortByAddress<T extends { ipNum: number; uid: string }>(entries: T[]): void {
  const n = entries.length;
  if (n < 64 || n >= POSITION_BITS) {
    entries.sort(byAddress);
    return;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = entries[i].ipNum * POSITION_BITS + i;
  keys.sort();
  const from = entries.slice();
  for (let i = 0; i < n; i++) entries[i] = from[keys[i] % POSITION_BITS];
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && entries[end].ipNum === entries[start].ipNum) end++;
    if (end - start > 1) {
      const run = entries.slice(start, end).sort(byAddress);
      for (let i = 0; i < run.length; i++) entries[start + i] = run[i];
    }
    start = end;
  }
}

export const endpointsControllerComponent: Component = {
  name: 'endpoints-controller',
  start(ctx) {
    ctx.services.set('endpoints-controller', new EndpointsController(ctx));
  },
};
