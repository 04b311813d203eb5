/**
 * The endpoints an EndpointSlice controller sync wants, grouped by port set, pods in name order, from
 * per-pod entries kept between syncs (see EndpointCache).
 */
import type { StoredObject } from '../api/types';
import {
  type EndpointSignature,
  endpointSignature,
  podHostname,
  resolveTargetPort,
  type ServicePortSpec,
  type SharedPorts as SharedPortsOf,
  sameEndpointSignature,
  sharedPortsOf,
  shouldPodBeInEndpoints,
  targetRef,
} from './pod-endpoints';

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef: Record<string, string>;
  zone?: string;
}

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export function portsKey(ports: SlicePort[]): string {
  return ports.map((p) => `${p.name}|${p.port}|${p.protocol}|${p.appProtocol ?? ''}`).join(',');
}

interface PodEntry {
  /** The stored pod this entry was last brought up to date with: the same object needs no new signature. */
  pod: StoredObject;
  name: string;
  sig: EndpointSignature;
  include: boolean;
  portsKey: string;
  ports: SlicePort[];
  endpoint: SliceEndpoint | undefined;
  /** The call of desiredEndpoints that last listed the pod. */
  listed: number;
  /** The call of placeEndpoints that last kept the endpoint where it was. */
  placed: number;
}

/** The topology.kubernetes.io/zone label of a node, which endpoints carry as `zone`. */
type ZoneOf = (nodeName: string) => string | undefined;

/**
 * Per-pod results of the last sync, reused while the pod and the Service are unchanged: by pod name, by
 * position in the last sync's list of pods, and in pod name order. A Service's members rarely change
 * between syncs while their states do: they come in the same order (the entry at the same position is
 * found without hashing the name) and are sorted again only when a pod joins or leaves.
 */
export interface EndpointCache {
  pods: Map<string, PodEntry>;
  byPosition: PodEntry[];
  ordered: PodEntry[];
  /** Entries by their endpoint's target uid (see placeEndpoints). */
  byUid: Map<string, PodEntry>;
  /** The last call of desiredEndpoints. */
  listed: number;
}

export function newEndpointCache(): EndpointCache {
  return { pods: new Map(), byPosition: [], ordered: [], byUid: new Map(), listed: 0 };
}

/** Counts calls of desiredEndpoints, to tell the entries of pods it listed from the others. */
let listings = 0;
/** Counts calls of placeEndpoints, to tell the entries it kept in place from the others. */
let placements = 0;

/** A slice port (keys in the order a slice lists them). */
function slicePort(sp: ServicePortSpec, port: number): SlicePort {
  const p = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' } as SlicePort;
  if (sp.appProtocol) p.appProtocol = sp.appProtocol;
  return p;
}

type SharedPorts = SharedPortsOf<SlicePort>;

const sharedPortsCache = new WeakMap<StoredObject, SharedPorts | null>();

const sharedPorts = (svc: StoredObject) => sharedPortsOf(sharedPortsCache, svc, slicePort, portsKey);

/**
 * Brings `entry` up to date with `pod` (in place: the ordered list of the cache holds it). The endpoint's
 * target reference is kept while the pod's uid is the same. `shared`: sharedPorts(svc).
 */
function computeEntry(
  entry: PodEntry,
  svc: StoredObject,
  pod: StoredObject,
  shared: SharedPorts | null,
  zoneOf: ZoneOf,
): void {
  const servicePorts: ServicePortSpec[] = svc.spec?.ports ?? [];
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const prevRef = entry.endpoint?.targetRef;
  entry.pod = pod;
  entry.sig = endpointSignature(pod);
  entry.include = false;
  entry.portsKey = '';
  entry.ports = [];
  entry.endpoint = undefined;
  if (!shouldPodBeInEndpoints(pod, true)) return;
  let ports: SlicePort[];
  let key: string;
  if (shared) {
    ports = shared.ports;
    key = shared.key;
  } else {
    ports = [];
    for (const sp of servicePorts) {
      const port = resolveTargetPort(pod, sp);
      if (port !== undefined) ports.push(slicePort(sp, port));
    }
    if (servicePorts.length > 0 && ports.length === 0) return;
    key = portsKey(ports);
  }
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const serving = entry.sig.ready;
  const hostname = podHostname(pod, svc.metadata.name);
  const nodeName: string | undefined = pod.spec?.nodeName;
  const zone = nodeName ? zoneOf(nodeName) : undefined;
  // Keys added in the order a slice lists them.
  const endpoint = {
    addresses: [pod.status.podIP],
    conditions: {
      ready: publishNotReady || (serving && !terminating),
      serving: publishNotReady || serving,
      terminating,
    },
  } as SliceEndpoint;
  if (hostname) endpoint.hostname = hostname;
  if (nodeName) endpoint.nodeName = nodeName;
  endpoint.targetRef = prevRef?.uid === pod.metadata.uid ? prevRef : targetRef(pod);
  if (zone) endpoint.zone = zone;
  entry.include = true;
  entry.portsKey = key;
  entry.ports = ports;
  entry.endpoint = endpoint;
}

/** computeEntry, keeping the cache's entries by uid up to date. */
function fillEntry(
  cache: EndpointCache,
  entry: PodEntry,
  svc: StoredObject,
  pod: StoredObject,
  shared: SharedPorts | null,
  zoneOf: ZoneOf,
): void {
  const before = entry.endpoint?.targetRef.uid;
  computeEntry(entry, svc, pod, shared, zoneOf);
  const after = entry.endpoint?.targetRef.uid;
  if (after === before) return;
  if (before !== undefined && cache.byUid.get(before) === entry) cache.byUid.delete(before);
  if (after !== undefined) cache.byUid.set(after, entry);
}

/**
 * Desired endpoints grouped by port set (see portsKey), pods in name order. `pods` are a Service's
 * members, so their names are distinct.
 */
export function desiredEndpoints(
  svc: StoredObject,
  pods: StoredObject[],
  cache: EndpointCache = newEndpointCache(),
  zoneOf: ZoneOf = () => undefined,
): Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }> {
  const listed = ++listings;
  cache.listed = listed;
  const shared = sharedPorts(svc);
  const entries = cache.pods;
  let reorder = false;
  // Zones asked once per node in a sync (many pods share a node).
  const zones = new Map<string, string | undefined>();
  const zone = (node: string) => {
    let z = zones.get(node);
    if (z === undefined && !zones.has(node)) {
      z = zoneOf(node);
      zones.set(node, z);
    }
    return z;
  };
  const byPosition = cache.byPosition;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i];
    let entry: PodEntry | undefined = byPosition[i];
    if (entry === undefined || (entry.pod !== pod && entry.name !== pod.metadata.name))
      entry = entries.get(pod.metadata.name);
    if (entry === undefined) {
      entry = {
        pod,
        name: pod.metadata.name,
        sig: undefined as never,
        include: false,
        portsKey: '',
        ports: [],
        endpoint: undefined,
        listed,
        placed: 0,
      };
      fillEntry(cache, entry, svc, pod, shared, zone);
      entries.set(pod.metadata.name, entry);
      reorder = true;
    } else if (entry.pod !== pod) {
      // The same stored pod as last sync needs no new signature; an equal signature keeps the entry.
      if (sameEndpointSignature(entry.sig, pod)) entry.pod = pod;
      else fillEntry(cache, entry, svc, pod, shared, zone);
    }
    entry.listed = listed;
    byPosition[i] = entry;
  }
  byPosition.length = pods.length;
  if (entries.size > pods.length) {
    for (const [name, entry] of entries) {
      if (entry.listed === listed) continue;
      entries.delete(name);
      const uid = entry.endpoint?.targetRef.uid;
      if (uid !== undefined && cache.byUid.get(uid) === entry) cache.byUid.delete(uid);
    }
    reorder = true;
  }
  if (reorder) {
    // The names sorted as plain strings (code-unit order, as `<` compares them), which is several times
    // faster than a comparator over the entries for the 100,000 members of a big Service.
    const names = [...entries.keys()].sort();
    const ordered: PodEntry[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) ordered[i] = entries.get(names[i])!;
    cache.ordered = ordered;
  }
  const out = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
  const ordered = cache.ordered;
  for (let i = 0; i < ordered.length; i++) {
    const entry = ordered[i];
    if (!entry.include) continue;
    let group = out.get(entry.portsKey);
    if (!group) {
      group = { ports: entry.ports, endpoints: [] };
      out.set(entry.portsKey, group);
    } else if (entry.ports !== group.ports) {
      // Pods serving the same ports share one ports list (one per pod adds up at scale).
      entry.ports = group.ports;
    }
    group.endpoints.push(entry.endpoint!);
  }
  return out;
}

/**
 * Lays the desired endpoints of one port set (`key`, see portsKey) over the existing slices of that set,
 * after desiredEndpoints filled `cache`: an endpoint a slice already holds (by target uid) stays in it,
 * in the slice's order; the others come back as `fresh`, in pod name order. What looking the slices'
 * endpoints up in a map of the wanted ones by uid gives, without building that map on every sync (the
 * cache keeps its entries by uid).
 */
export function placeEndpoints(
  cache: EndpointCache,
  key: string,
  existing: StoredObject[],
): { contents: SliceEndpoint[][]; fresh: SliceEndpoint[] } {
  const placed = ++placements;
  const contents: SliceEndpoint[][] = [];
  for (const s of existing) {
    const kept: SliceEndpoint[] = [];
    for (const ep of (s.endpoints ?? []) as SliceEndpoint[]) {
      const uid = ep.targetRef?.uid;
      const e = uid === undefined ? undefined : cache.byUid.get(uid);
      // Wanted in this set, with this uid, and not kept already (a uid twice in the slices keeps one).
      if (
        e !== undefined &&
        e.listed === cache.listed &&
        e.include &&
        e.portsKey === key &&
        e.placed !== placed &&
        e.endpoint!.targetRef.uid === uid
      ) {
        kept.push(e.endpoint!);
        e.placed = placed;
      }
    }
    contents.push(kept);
  }
  const fresh: SliceEndpoint[] = [];
  for (const e of cache.ordered)
    if (e.include && e.portsKey === key && e.placed !== placed) fresh.push(e.endpoint!);
  return { contents, fresh };
}
