/**
 * The Endpoints object's subsets for a Service's pods (one per distinct port set, addresses sorted by IP,
 * at most 1000 addresses), from per-pod entries kept between syncs (see SubsetCache).
 */
import type { StoredObject } from '../api/types';
import { parseIPv4 } from './ipv4';
import {
  type EndpointSignature,
  isPodReady,
  podHostname,
  resolveTargetPort,
  type ServicePortSpec,
  type SharedPorts as SharedPortsOf,
  sameEndpointSignature,
  sharedPortsOf,
  shouldPodBeInEndpoints,
  targetRef,
} from './pod-endpoints';

export const MAX_ENDPOINTS_ADDRESSES = 1000;

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: Record<string, string>;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface Subset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/**
 * A pod's part in the Service's subsets, brought up to date in place as the pod changes. Its own fields
 * are the pod's EndpointSignature (one object less per pod version).
 */
interface PodEntry extends EndpointSignature {
  /** The stored pod this entry was built from: the same object needs no new signature. */
  pod: StoredObject;
  include: boolean;
  /** Listed in `addresses` (ready, or publishNotReadyAddresses) rather than `notReadyAddresses`. */
  readyAddress: boolean;
  ipNum: number;
  name: string;
  uid: string;
  portsKey: string;
  ports: EndpointPort[];
  address: EndpointAddress | undefined;
  /** The call of buildSubsets that last listed the pod. */
  listed: number;
}

/**
 * Per-pod results of the last sync, reused while the pod and the Service are unchanged: by pod name, and
 * by position in the last sync's list of pods. The members of a Service come in the same order from one
 * sync to the next while none joins or leaves, so the entry at the same position is found without
 * hashing the name (that lookup was most of a sync's cost for 1,000 pods).
 */
export interface SubsetCache {
  byName: Map<string, PodEntry>;
  byPosition: PodEntry[];
}

export function newSubsetCache(): SubsetCache {
  return { byName: new Map(), byPosition: [] };
}

const NO_PORTS: EndpointPort[] = [];

/**
 * A new entry, filled by fillEntry. All entries come from this one object literal and keep its keys (one
 * hidden class for all): spreading a base object and adding keys would give each of 100,000 entries a
 * hidden class of its own.
 */
function newEntry(pod: StoredObject): PodEntry {
  return {
    ip: undefined,
    ready: false,
    phase: undefined,
    deletionTimestamp: undefined,
    nodeName: undefined,
    hostname: undefined,
    subdomain: undefined,
    pod,
    include: false,
    readyAddress: false,
    ipNum: 0,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    portsKey: '',
    ports: NO_PORTS,
    address: undefined,
    listed: 0,
  };
}

/** Counts calls of buildSubsets, to tell the entries of pods it listed from the others. */
let listings = 0;

/** An endpoint port as the Endpoints object lists it (keys in this order). */
function endpointPort(sp: ServicePortSpec, port: number): EndpointPort {
  const p = {} as EndpointPort;
  if (sp.name) p.name = sp.name;
  p.port = port;
  p.protocol = sp.protocol ?? 'TCP';
  if (sp.appProtocol) p.appProtocol = sp.appProtocol;
  return p;
}

type SharedPorts = SharedPortsOf<EndpointPort>;

const sharedPortsCache = new WeakMap<StoredObject, SharedPorts | null>();

/** One port's part of a pod's ports key: its name, number, protocol and appProtocol. */
function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}|${p.port}|${p.protocol}|${p.appProtocol ?? ''},`;
}

/** The key of a pod's Endpoints ports (pods with the same key share a subset). */
function endpointPortsKey(ports: EndpointPort[]): string {
  let key = '';
  for (const p of ports) key += portKey(p);
  return key;
}

const sharedPorts = (svc: StoredObject) =>
  sharedPortsOf(sharedPortsCache, svc, endpointPort, endpointPortsKey);

/**
 * Brings `e` up to date with `pod`; its last target reference, address object and parsed IP are reused
 * while they hold. `shared`: sharedPorts(svc).
 */
function fillEntry(e: PodEntry, svc: StoredObject, pod: StoredObject, shared: SharedPorts | null): void {
  const ports: ServicePortSpec[] = svc.spec?.ports ?? [];
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const uid = pod.metadata.uid;
  const last = e.include && e.uid === uid ? e.address : undefined;
  const lastIpNum = e.ipNum;
  const podReady = isPodReady(pod);
  e.ip = pod.status?.podIP;
  e.ready = podReady;
  e.phase = pod.status?.phase;
  e.deletionTimestamp = pod.metadata.deletionTimestamp;
  e.nodeName = pod.spec?.nodeName;
  e.hostname = pod.spec?.hostname;
  e.subdomain = pod.spec?.subdomain;
  e.pod = pod;
  e.name = pod.metadata.name;
  e.uid = uid;
  e.include = false;
  e.readyAddress = false;
  e.ipNum = 0;
  e.portsKey = '';
  e.ports = NO_PORTS;
  e.address = undefined;
  if (!shouldPodBeInEndpoints(pod, publishNotReady)) return;
  let podPorts: EndpointPort[];
  let portsKey = '';
  if (shared) {
    podPorts = shared.ports;
    portsKey = shared.key;
  } else {
    podPorts = [];
    for (const sp of ports) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      const p = endpointPort(sp, port);
      podPorts.push(p);
      portsKey += portKey(p);
    }
    // A pod that serves none of the Service's ports is left out (headless Services without ports keep it).
    if (ports.length > 0 && podPorts.length === 0) return;
  }
  const ip: string = pod.status.podIP;
  const hostname = podHostname(pod, svc.metadata.name);
  const nodeName: string | undefined = pod.spec?.nodeName;
  let address: EndpointAddress;
  if (
    last !== undefined &&
    last.ip === ip &&
    last.hostname === (hostname || undefined) &&
    last.nodeName === (nodeName || undefined)
  ) {
    // The same address (typically a pod turning ready): the object too, which also keeps comparing cheap.
    address = last;
  } else {
    // Keys added in the order the Endpoints object lists them.
    address = { ip } as EndpointAddress;
    if (hostname) address.hostname = hostname;
    if (nodeName) address.nodeName = nodeName;
    address.targetRef = last ? last.targetRef : targetRef(pod);
  }
  e.include = true;
  e.readyAddress = publishNotReady || podReady;
  e.ipNum = last?.ip === ip ? lastIpNum : (parseIPv4(ip) ?? 0);
  e.portsKey = portsKey;
  e.ports = podPorts;
  e.address = address;
}

/**
 * Subsets for a Service's pods: one per distinct port set, addresses sorted by IP (then uid). With a
 * cache, unchanged pods reuse last sync's address objects, so building and comparing stay cheap. `pods`
 * are a Service's members, so their names are distinct.
 */
export function buildSubsets(
  svc: StoredObject,
  pods: StoredObject[],
  cache: SubsetCache = newSubsetCache(),
): { subsets: Subset[]; truncated: boolean } {
  const groups = new Map<
    string,
    { key: string; ports: EndpointPort[]; ready: PodEntry[]; notReady: PodEntry[] }
  >();
  let total = 0;
  const listed = ++listings;
  const shared = sharedPorts(svc);
  const { byName, byPosition } = cache;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i];
    let entry: PodEntry | undefined = byPosition[i];
    if (entry === undefined || (entry.pod !== pod && entry.name !== pod.metadata.name))
      entry = byName.get(pod.metadata.name);
    if (entry === undefined) {
      entry = newEntry(pod);
      fillEntry(entry, svc, pod, shared);
      byName.set(pod.metadata.name, entry);
    } else if (entry.pod !== pod) {
      // The same stored pod as last sync needs no new signature; an equal signature keeps the entry.
      if (sameEndpointSignature(entry, pod)) entry.pod = pod;
      else fillEntry(entry, svc, pod, shared);
    }
    entry.listed = listed;
    byPosition[i] = entry;
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
    (entry.readyAddress ? group.ready : group.notReady).push(entry);
    total++;
  }
  // Entries of pods no longer listed go (the listed ones are marked, instead of a set of names).
  if (byName.size > pods.length) for (const [name, e] of byName) if (e.listed !== listed) byName.delete(name);
  byPosition.length = pods.length;
  const subsets: Subset[] = [];
  let budget = MAX_ENDPOINTS_ADDRESSES;
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    sortByAddress(g.ready);
    sortByAddress(g.notReady);
    // Over capacity: ready addresses are kept first, then not-ready ones, up to 1000 in all.
    const ready = addressesOf(g.ready, budget);
    budget -= ready.length;
    const notReady = addressesOf(g.notReady, budget);
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

/** The addresses of the first `budget` entries. */
function addressesOf(entries: PodEntry[], budget: number): EndpointAddress[] {
  const n = Math.min(entries.length, Math.max(0, budget));
  const out: EndpointAddress[] = [];
  for (let i = 0; i < n; i++) out.push(entries[i].address!);
  return out;
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
