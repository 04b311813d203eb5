/**
 * From a VirtualService destination to the Envoy cluster it names, as both the HTTP and the TCP/TLS
 * router resolve it: the weighted pick among a route's destinations, the Service port, the
 * DestinationRule subset with its merged traffic policy, and the endpoints the subset selects.
 */
import type { StoredObject } from '../api/types';
import type { KubeProxy } from '../network/proxy';
import type { Rng } from '../sim/rng';
import { labelsMatch, type MeshConfig } from './config';
import { type Endpoint, mergePolicy, type TrafficPolicy } from './destination';
import type { RouteDestination } from './http-route';

/** One destination by weight (Envoy's weighted clusters); a lone destination needs no draw. */
export function pickWeighted(dests: RouteDestination[], rng: Rng): RouteDestination | undefined {
  if (dests.length <= 1) return dests[0];
  const total = dests.reduce((s, d) => s + (d.weight ?? 0), 0);
  if (total <= 0) return dests[0];
  let x = rng.next() * total;
  for (const d of dests) {
    x -= d.weight ?? 0;
    if (x < 0) return d;
  }
  return dests[dests.length - 1];
}

interface ServicePort {
  port: number;
  name?: string;
  protocol?: string;
}

interface Subset {
  name: string;
  labels?: Record<string, string>;
  trafficPolicy?: TrafficPolicy;
}

export type ResolvedUpstream =
  | { ok: true; subsetName?: string; policy: TrafficPolicy; endpoints: Endpoint[] }
  /** The Service has no such port, or no DestinationRule defines the subset: each router answers its own way. */
  | { ok: false; missing: 'port' | 'subset' };

/**
 * Resolve `dest` on Service `svc` (whose FQDN is `host`) for a caller in `callerNs`. Without a port in
 * the destination, a single-port Service uses that port, otherwise the port the client addressed.
 */
export function resolveUpstream(
  config: MeshConfig,
  proxy: KubeProxy,
  svc: StoredObject,
  host: string,
  callerNs: string,
  dest: RouteDestination,
  requestPort: number,
): ResolvedUpstream {
  const ports = (svc.spec?.ports ?? []) as ServicePort[];
  const number = dest.destination.port?.number ?? (ports.length === 1 ? ports[0].port : requestPort);
  const sp = ports.find((p) => p.port === number);
  if (!sp) return { ok: false, missing: 'port' };
  const dr = config.destinationRuleFor(host, callerNs, svc.metadata.namespace ?? 'default');
  const subsetName = dest.destination.subset;
  const subset = subsetName
    ? ((dr?.spec?.subsets ?? []) as Subset[]).find((s) => s.name === subsetName)
    : undefined;
  if (subsetName && !subset) return { ok: false, missing: 'subset' };
  const policy = mergePolicy(dr?.spec?.trafficPolicy, subset?.trafficPolicy);
  const all = proxy.endpointsFor(svc, sp as Parameters<KubeProxy['endpointsFor']>[1]).pods;
  const endpoints = subset?.labels
    ? all.filter(([p]) => labelsMatch(subset.labels, p.metadata.labels ?? {}))
    : all;
  return { ok: true, subsetName, policy, endpoints };
}
