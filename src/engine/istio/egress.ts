/**
 * What a sidecar knows about destinations: the mesh's outbound traffic policy (meshConfig
 * `outboundTrafficPolicy.mode`, ALLOW_ANY by default), the Sidecar resource that scopes a workload's
 * egress (`egress[].hosts` as `namespace/dnsName`; the workload's Sidecar by `workloadSelector`, then
 * the namespace's selector-less one, then the root namespace's), and the ServiceEntries that register
 * hosts outside the cluster. A destination the proxy does not know goes to Envoy's PassthroughCluster
 * (ALLOW_ANY) or BlackHoleCluster (REGISTRY_ONLY).
 */
import type { StoredObject } from '../api/types';
import { fqdn, hostCovers, labelsMatch, type MeshConfig, ROOT_NAMESPACE } from './config';
import { ISTIO_NAMESPACE } from './install';
import { ISTIO_RESOURCES } from './kinds';

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

export interface ServiceEntryPort {
  number: number;
  protocol?: string;
  name?: string;
  targetPort?: number;
}

/** meshConfig.outboundTrafficPolicy.mode from the `istio` ConfigMap's `mesh` (what istiod reads). */
export function outboundMode(config: MeshConfig): OutboundMode {
  const cm = config.get('configmaps', ISTIO_NAMESPACE, 'istio');
  const mesh = String((cm?.data as Record<string, string> | undefined)?.mesh ?? '');
  const m = /(?:^|\n)outboundTrafficPolicy:[ \t]*\n[ \t]+mode:[ \t]*["']?(\w+)/.exec(mesh);
  const inline = /(?:^|\n)outboundTrafficPolicy:[ \t]*\{[^}]*mode:[ \t]*["']?(\w+)/.exec(mesh);
  return (m?.[1] ?? inline?.[1]) === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY';
}

const oldest = (a: StoredObject, b: StoredObject) =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
  (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/** The Sidecar that configures a workload's proxy, if any. */
export function sidecarFor(config: MeshConfig, pod: StoredObject): StoredObject | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const all = config.list(ISTIO_RESOURCES.sidecars);
  const local = all.filter((s) => s.metadata.namespace === ns).sort(oldest);
  const selected = local.find((s) => {
    const sel = s.spec?.workloadSelector?.labels as Record<string, string> | undefined;
    return sel !== undefined && Object.keys(sel).length > 0 && labelsMatch(sel, labels);
  });
  if (selected) return selected;
  const nsWide = local.find((s) => !s.spec?.workloadSelector);
  if (nsWide) return nsWide;
  return all
    .filter((s) => s.metadata.namespace === ROOT_NAMESPACE && !s.spec?.workloadSelector)
    .sort(oldest)[0];
}

/**
 * Whether a workload's proxy knows `host` (a FQDN) published from `hostNamespace`: no Sidecar (or one
 * without egress) knows everything; otherwise one of `egress[].hosts` must cover it.
 */
export function knows(config: MeshConfig, pod: StoredObject, host: string, hostNamespace: string): boolean {
  const sc = sidecarFor(config, pod);
  const egress = (sc?.spec?.egress ?? []) as { hosts?: string[] }[];
  if (!sc || egress.length === 0) return true;
  const scNs = sc.metadata.namespace ?? 'default';
  return egress.some((e) =>
    (e.hosts ?? []).some((entry) => {
      const slash = entry.indexOf('/');
      const ns = slash < 0 ? '*' : entry.slice(0, slash);
      const name = slash < 0 ? entry : entry.slice(slash + 1);
      if (ns === '~') return false;
      if (ns !== '*' && (ns === '.' ? scNs : ns) !== hostNamespace) return false;
      return hostCovers(name, host);
    }),
  );
}

/** The ServiceEntry (visible to this workload) that registers `host` on `port`, and that port. */
export function serviceEntryFor(
  config: MeshConfig,
  pod: StoredObject,
  host: string,
  port: number,
): { se: StoredObject; port: ServiceEntryPort; host: string } | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  for (const se of config.list(ISTIO_RESOURCES.serviceEntries).sort(oldest)) {
    const ns = se.metadata.namespace ?? 'default';
    // ServiceEntry hosts are taken as written unless they are short names.
    const hosts = ((se.spec?.hosts ?? []) as string[]).map((h) =>
      h.includes('.') ? h : fqdn(h, ns, config.domain),
    );
    const matched = hosts.find((h) => hostCovers(h, name));
    if (!matched) continue;
    const p = ((se.spec?.ports ?? []) as ServiceEntryPort[]).find((x) => x.number === port);
    if (!p) continue;
    if (!knows(config, pod, name, ns)) continue;
    return { se, port: p, host: name };
  }
  return undefined;
}

/** Whether a ServiceEntry port carries HTTP (Envoy's HTTP connection manager) or raw TCP / TLS. */
export function isHttpProtocol(protocol: string | undefined): boolean {
  const p = (protocol ?? '').toUpperCase();
  return p === 'HTTP' || p === 'HTTP2' || p === 'GRPC' || p === 'GRPC-WEB';
}

/**
 * The protocol Istio gives a Service port: `appProtocol`, else the port name's prefix (`http-web`,
 * `tcp-db`), else detected from the client's first bytes (TLS for an https client, HTTP otherwise).
 */
export function portProtocol(
  sp: { name?: string; appProtocol?: string },
  scheme: 'http' | 'https' | undefined,
): 'HTTP' | 'TCP' | 'TLS' {
  const declared = (sp.appProtocol ?? sp.name?.split('-')[0] ?? '').toLowerCase();
  if (['http', 'http2', 'grpc', 'grpc-web', 'h2c'].includes(declared))
    return scheme === 'https' ? 'TLS' : 'HTTP';
  if (['tcp', 'mongo', 'mysql', 'redis'].includes(declared)) return 'TCP';
  if (declared === 'tls' || declared === 'https') return 'TLS';
  return scheme === 'https' ? 'TLS' : 'HTTP';
}
