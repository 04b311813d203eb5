/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it: `<svc>.<ns>.svc.<domain>` (ClusterIP, or the
 * ready endpoints of a headless Service), `<hostname>.<svc>.<ns>.svc.<domain>` for StatefulSet pods,
 * `a-b-c-d.<ns>.pod.<domain>`, and ExternalName CNAMEs; with a pod's resolv.conf search path
 * (`<ns>.svc.<domain> svc.<domain> <domain>`, ndots:5) in front.
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { ensureSliceIndex, slicesOf } from '../services/endpointslice-controller';
import { parseIPv4 } from '../services/ipv4';
import { compareIPs } from '../services/pod-endpoints';
import { ServiceMembership } from '../services/service-membership';
import type { DnsResult } from './types';

const NDOTS = 5;

/** The parts of a pod's resolv.conf that decide which names are tried. */
export interface Resolver {
  search: string[];
  ndots: number;
}

interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean };
  hostname?: string;
}

export class ClusterDns {
  /** Hosts outside the cluster a lab has made reachable (name -> IP). */
  readonly externalHosts = new Map<string, string>();

  constructor(private readonly ctx: EngineContext) {
    ensureSliceIndex(ctx);
  }

  get domain(): string {
    return this.ctx.config.clusterDomain;
  }

  /** The nameserver in every pod's resolv.conf: the kube-dns Service's ClusterIP. */
  get serverIP(): string {
    return this.ctx.api.tryGet('services', 'kube-system', 'kube-dns')?.spec?.clusterIP ?? '10.96.0.10';
  }

  /** resolv.conf search list of a pod in `namespace`. */
  searchPath(namespace: string): string[] {
    return [`${namespace}.svc.${this.domain}`, `svc.${this.domain}`, this.domain];
  }

  /** CoreDNS answers while at least one of its pods is ready (or none exist to judge, as in bare test clusters). */
  reachable(): boolean {
    const deployment = this.ctx.api.tryGet('deployments.apps', 'kube-system', 'coredns');
    if (deployment && deployment.spec?.replicas === 0) return false;
    // Pods' resolv.conf names the kube-dns ClusterIP: without that Service nothing answers.
    if (deployment && !this.ctx.api.tryGet('services', 'kube-system', 'kube-dns')) return false;
    const pods = ServiceMembership.of(this.ctx).members('kube-system', 'kube-dns') ?? [];
    if (pods.length === 0) return true;
    return pods.some((p) => !p.metadata.deletionTimestamp && isReady(p));
  }

  /**
   * The resolv.conf a pod gets from its dnsPolicy: ClusterFirst (the default) searches the cluster
   * domains with ndots:5; Default, and hostNetwork pods without ClusterFirstWithHostNet, use the node's
   * resolver (null: no cluster names); None uses spec.dnsConfig alone.
   */
  resolverFor(pod: StoredObject | null): Resolver | null {
    if (!pod) return null;
    const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
    const dnsConfig = pod.spec?.dnsConfig ?? {};
    const options = (dnsConfig.options ?? []) as { name: string; value?: string }[];
    const ndotsOption = options.find((o) => o.name === 'ndots')?.value;
    const ndots = ndotsOption !== undefined ? Number(ndotsOption) : NDOTS;
    const extra: string[] = dnsConfig.searches ?? [];
    if (policy === 'Default' || (pod.spec?.hostNetwork && policy === 'ClusterFirst')) return null;
    if (policy === 'None') {
      const servers: string[] = dnsConfig.nameservers ?? [];
      return servers.includes(this.serverIP) ? { search: extra, ndots } : null;
    }
    return { search: [...this.searchPath(pod.metadata.namespace ?? 'default'), ...extra], ndots };
  }

  /** Resolve `name` with a pod's resolver (null: the node's, which knows no cluster names). IPs resolve to themselves. */
  resolve(resolver: Resolver | null, name: string): DnsResult {
    const host = name.toLowerCase();
    if (parseIPv4(host) !== undefined) return { ok: true, fqdn: host, addresses: [host] };
    if (host === 'localhost') return { ok: true, fqdn: 'localhost', addresses: ['127.0.0.1'] };
    if (resolver === null) {
      const ip = this.externalHosts.get(host.replace(/\.$/, ''));
      return ip
        ? { ok: true, fqdn: host, addresses: [ip] }
        : { ok: false, kind: 'resolve', name, error: 'NXDOMAIN' };
    }
    if (!this.reachable()) return { ok: false, kind: 'dns-unreachable', name, error: 'timeout' };
    const candidates: string[] = [];
    if (host.endsWith('.')) candidates.push(host.slice(0, -1));
    else {
      const dots = host.split('.').length - 1;
      const searched = resolver.search.map((s) => `${host}.${s}`);
      if (dots >= resolver.ndots) candidates.push(host, ...searched);
      else candidates.push(...searched, host);
    }
    for (const fqdn of candidates) {
      const answer = this.answer(fqdn, 0);
      if (answer) return { ok: true, fqdn, ...answer };
    }
    return { ok: false, kind: 'resolve', name, error: 'NXDOMAIN' };
  }

  /** The records for one fully qualified name, or undefined for NXDOMAIN. */
  answer(fqdn: string, depth: number): { addresses: string[]; cname?: string } | undefined {
    const external = this.externalHosts.get(fqdn);
    if (external) return { addresses: [external] };
    const suffix = `.${this.domain}`;
    if (!fqdn.endsWith(suffix)) return undefined;
    const labels = fqdn.slice(0, -suffix.length).split('.');
    if (labels.length === 3 && labels[2] === 'pod') {
      const ip = labels[0].replace(/-/g, '.');
      return parseIPv4(ip) !== undefined ? { addresses: [ip] } : undefined;
    }
    if (labels[labels.length - 1] !== 'svc') return undefined;
    if (labels.length === 3) return this.serviceRecords(labels[1], labels[0], depth);
    if (labels.length === 4) return this.endpointRecord(labels[2], labels[1], labels[0]);
    return undefined;
  }

  /** PTR: the name CoreDNS gives an IP (a Service's ClusterIP, a pod IP behind a Service, any pod IP). */
  reverse(ip: string): string | undefined {
    if (parseIPv4(ip) === undefined) return undefined;
    // The indexes are kube-proxy's (network/proxy.ts), which the Network always creates alongside.
    const store = this.ctx.api.store;
    const svc = store.byIndex('network-service-ip', ip).find((s) => s.spec?.clusterIP === ip);
    if (svc) return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${this.domain}`;
    const pod = store.byIndex('network-pod-ip', ip)[0];
    if (!pod) return undefined;
    const ns = pod.metadata.namespace ?? 'default';
    const behind = ServiceMembership.of(this.ctx).servicesOf(pod).sort()[0];
    const dashed = ip.replace(/\./g, '-');
    return behind ? `${dashed}.${behind}.${ns}.svc.${this.domain}` : `${dashed}.${ns}.pod.${this.domain}`;
  }

  private serviceRecords(
    namespace: string,
    name: string,
    depth: number,
  ): { addresses: string[]; cname?: string } | undefined {
    const svc = this.ctx.api.tryGet('services', namespace, name);
    if (!svc) return undefined;
    if (svc.spec?.type === 'ExternalName') {
      const target = String(svc.spec.externalName ?? '').replace(/\.$/, '');
      const inner = depth < 8 ? this.answer(target, depth + 1) : undefined;
      return { cname: target, addresses: inner?.addresses ?? [] };
    }
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { addresses: [svc.spec.clusterIP] };
    const addresses = this.endpoints(namespace, name)
      .filter((e) => e.conditions?.ready !== false)
      .map((e) => e.addresses[0])
      .sort(compareIPs);
    return addresses.length ? { addresses: [...new Set(addresses)] } : undefined;
  }

  private endpointRecord(
    namespace: string,
    service: string,
    host: string,
  ): { addresses: string[] } | undefined {
    const match = this.endpoints(namespace, service).find(
      (e) => e.hostname === host || (!e.hostname && e.addresses[0]?.replace(/\./g, '-') === host),
    );
    return match ? { addresses: [match.addresses[0]] } : undefined;
  }

  private endpoints(namespace: string, service: string): SliceEndpoint[] {
    const out: SliceEndpoint[] = [];
    for (const s of slicesOf(this.ctx, namespace, service))
      out.push(...((s.endpoints ?? []) as SliceEndpoint[]));
    return out;
  }
}

function isReady(pod: StoredObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}
