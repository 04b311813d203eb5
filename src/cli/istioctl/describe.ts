/**
 * `istioctl x describe pod`: what the mesh does with one pod — its Services and ports, the
 * DestinationRule and which subsets it belongs to, the VirtualServices that route to it (weights, matches),
 * the effective PeerAuthentication mode, and whether the ingress gateway exposes it.
 */
import type { StoredObject } from '../../engine/api/types';
import type { EngineContext } from '../../engine/context';
import { fqdn, hasSidecar, ISTIO_RESOURCES, MeshConfig } from '../../engine/istio';
import { peerAuthenticationMode } from '../../engine/istio/security';

interface Port {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

const labelsMatch = (sel: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(sel ?? {}).every(([k, v]) => labels[k] === v);

function matchText(m: {
  uri?: Record<string, string>;
  headers?: Record<string, Record<string, string>>;
}): string {
  const parts: string[] = [];
  if (m.uri?.exact) parts.push(m.uri.exact);
  if (m.uri?.prefix) parts.push(`${m.uri.prefix}*`);
  if (m.uri?.regex) parts.push(m.uri.regex);
  for (const [h, v] of Object.entries(m.headers ?? {})) parts.push(`${h}=${Object.values(v)[0]}`);
  return parts.join(' ');
}

export function describePod(
  ctx: EngineContext,
  namespace: string,
  name: string,
): { output: string; exitCode: number } {
  const pod = ctx.api.store.get('pods', namespace, name);
  if (!pod) return { output: `Error: pods "${name}" not found\n`, exitCode: 1 };
  const lines: string[] = [`Pod: ${name}`];
  if (!hasSidecar(pod)) {
    lines.push(`   WARNING: ${name} is not part of mesh; no Istio sidecar`);
    return { output: `${lines.join('\n')}\n`, exitCode: 0 };
  }
  const config = new MeshConfig(ctx);
  const labels = pod.metadata.labels ?? {};
  lines.push(`   Pod Revision: ${pod.metadata.annotations?.['istio.io/rev'] ?? 'default'}`);
  const ports = (
    (pod.spec?.containers ?? []) as { name: string; ports?: { containerPort: number }[] }[]
  ).flatMap((c) => (c.ports ?? []).map((p) => `${p.containerPort} (${c.name})`));
  lines.push(`   Pod Ports: ${ports.join(', ')}`);
  const services = ctx.api.store
    .list('services', namespace)
    .filter((s) => s.spec?.selector && labelsMatch(s.spec.selector, labels));
  for (const svc of services) {
    lines.push('--------------------', `Service: ${svc.metadata.name}`);
    for (const p of (svc.spec?.ports ?? []) as Port[])
      lines.push(`   Port: ${p.name ?? ''} ${p.port}/HTTP targets pod port ${p.targetPort ?? p.port}`);
    const host = fqdn(svc.metadata.name ?? '', namespace, config.domain);
    describeDestinationRule(config, namespace, host, labels, lines);
    describeVirtualServices(config, host, pod, lines);
  }
  lines.push('--------------------', 'Effective PeerAuthentication:');
  lines.push(`   Workload mTLS mode: ${peerAuthenticationMode(config, pod, 0)}`);
  const gateways = config
    .list(ISTIO_RESOURCES.virtualServices)
    .filter(
      (vs) =>
        (vs.spec?.gateways ?? []).length > 0 &&
        services.some((svc) => JSON.stringify(vs.spec?.http ?? []).includes(`"host":"${svc.metadata.name}"`)),
    );
  if (gateways.length) {
    const gw = ctx.api.store.get('services', 'istio-system', 'istio-ingressgateway');
    const ip = gw?.status?.loadBalancer?.ingress?.[0]?.ip;
    lines.push('', '', `Exposed on Ingress Gateway http://${ip ?? '<pending>'}`);
    for (const vs of gateways) {
      lines.push(`VirtualService: ${vs.metadata.name}`);
      const matches = ((vs.spec?.http ?? []) as { match?: never[] }[]).flatMap((r) =>
        (r.match ?? []).map(matchText),
      );
      if (matches.length) lines.push(`   ${matches.join(', ')}`);
    }
  }
  return { output: `${lines.join('\n')}\n`, exitCode: 0 };
}

function describeDestinationRule(
  config: MeshConfig,
  namespace: string,
  host: string,
  labels: Record<string, string>,
  lines: string[],
): void {
  const dr = config.destinationRuleFor(host, namespace, namespace);
  if (!dr) return;
  lines.push(`DestinationRule: ${dr.metadata.name} for "${dr.spec?.host}"`);
  const subsets = (dr.spec?.subsets ?? []) as { name: string; labels?: Record<string, string> }[];
  const matching = subsets.filter((s) => labelsMatch(s.labels, labels)).map((s) => s.name);
  const other = subsets.filter((s) => !labelsMatch(s.labels, labels)).map((s) => s.name);
  if (subsets.length)
    lines.push(
      `   Matching subsets: ${matching.join(',')}${other.length ? `\n      (Non-matching subsets ${other.join(',')})` : ''}`,
    );
  const tp = dr.spec?.trafficPolicy;
  if (!tp) lines.push('   No Traffic Policy');
  else {
    lines.push(`   Traffic Policy TLS Mode: ${tp.tls?.mode ?? 'ISTIO_MUTUAL'}`);
    if (tp.loadBalancer?.simple) lines.push(`   Policies: load balancer ${tp.loadBalancer.simple}`);
    if (tp.outlierDetection) lines.push('   Outlier detection: enabled');
  }
}

function describeVirtualServices(config: MeshConfig, host: string, pod: StoredObject, lines: string[]): void {
  const vs = config.virtualServiceFor(host, 'mesh', pod.metadata.namespace ?? 'default');
  if (!vs) return;
  const vsNs = vs.metadata.namespace ?? 'default';
  const dr = config.destinationRuleFor(host, vsNs, pod.metadata.namespace ?? 'default');
  const mine = new Set(
    ((dr?.spec?.subsets ?? []) as { name: string; labels?: Record<string, string> }[])
      .filter((s) => labelsMatch(s.labels, pod.metadata.labels ?? {}))
      .map((s) => s.name),
  );
  lines.push(`VirtualService: ${vs.metadata.name}`);
  type R = { match?: never[]; route?: { destination: { host: string; subset?: string }; weight?: number }[] };
  for (const r of (vs.spec?.http ?? []) as R[]) {
    const total = (r.route ?? []).reduce((s, d) => s + (d.weight ?? 0), 0);
    for (const d of r.route ?? []) {
      if (fqdn(d.destination.host, vsNs, config.domain) !== host) continue;
      if (d.destination.subset && !mine.has(d.destination.subset)) continue;
      const match = (r.match ?? []).map(matchText).join(', ');
      if (match) lines.push(`   when ${match}`);
      else if ((r.route ?? []).length > 1 && total > 0)
        lines.push(`   Weight ${Math.round(((d.weight ?? 0) / total) * 100)}%`);
      else lines.push('   1 HTTP route(s)');
    }
  }
}
