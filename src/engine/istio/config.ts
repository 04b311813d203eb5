/**
 * The mesh configuration istiod would push: which VirtualService, DestinationRule, Gateway and policy
 * applies to a host or a workload. Short host names are qualified with the namespace of the object that
 * wrote them (`reviews` in a VirtualService of `default` is `reviews.default.svc.cluster.local`).
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { ISTIO_NAMESPACE } from './install';
import { ISTIO_RESOURCES } from './kinds';
import { qualifyGateway } from './match';

export const ROOT_NAMESPACE = ISTIO_NAMESPACE;

export function fqdn(host: string, namespace: string, domain: string): string {
  if (host === '*' || host.startsWith('*.')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.svc.${domain}`;
  if (parts.length === 2) return `${host}.svc.${domain}`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.${domain}`;
  return host;
}

/** Whether a (possibly wildcard) configured host covers a concrete host. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

function oldestFirst(a: StoredObject, b: StoredObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1;
}

export function labelsMatch(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

export class MeshConfig {
  readonly domain: string;
  constructor(private readonly ctx: EngineContext) {
    this.domain = ctx.config.clusterDomain || 'cluster.local';
  }

  list(resource: string): StoredObject[] {
    return this.ctx.kinds.get(resource) ? this.ctx.api.store.list(resource) : [];
  }

  get(resource: string, namespace: string, name: string): StoredObject | undefined {
    return this.ctx.api.store.get(resource, namespace, name);
  }

  /**
   * The VirtualService for a host as seen from a gateway (`ns/name`) or the mesh (sidecars): for several
   * candidates the one in the caller's namespace wins, then the oldest, as istiod merges them.
   */
  virtualServiceFor(host: string, gateway: string, callerNamespace: string): StoredObject | undefined {
    const candidates = this.list(ISTIO_RESOURCES.virtualServices).filter((vs) => {
      const ns = vs.metadata.namespace ?? 'default';
      const gws: string[] = vs.spec?.gateways?.length ? vs.spec.gateways : ['mesh'];
      if (!gws.some((g) => qualifyGateway(g, ns) === gateway)) return false;
      // Names with dots may also be hosts outside the cluster (ServiceEntry hosts), taken as written.
      return ((vs.spec?.hosts ?? []) as string[]).some(
        (h) => hostCovers(fqdn(h, ns, this.domain), host) || (h.includes('.') && hostCovers(h, host)),
      );
    });
    if (candidates.length <= 1) return candidates[0];
    const local = candidates.filter((vs) => vs.metadata.namespace === callerNamespace);
    return (local.length ? local : candidates).sort(oldestFirst)[0];
  }

  /** The DestinationRule for a host: the caller's namespace, then the host's, then the root namespace. */
  destinationRuleFor(host: string, callerNamespace: string, hostNamespace: string): StoredObject | undefined {
    const all = this.list(ISTIO_RESOURCES.destinationRules).filter((dr) => {
      const h: string = dr.spec?.host ?? '';
      return (
        hostCovers(fqdn(h, dr.metadata.namespace ?? 'default', this.domain), host) ||
        (h.includes('.') && hostCovers(h, host))
      );
    });
    for (const ns of [callerNamespace, hostNamespace, ROOT_NAMESPACE]) {
      const found = all.filter((d) => d.metadata.namespace === ns).sort(oldestFirst)[0];
      if (found) return found;
    }
    return undefined;
  }

  /** Gateways whose selector picks a pod with these labels, oldest first. */
  gatewaysSelecting(labels: Record<string, string>): StoredObject[] {
    return this.list(ISTIO_RESOURCES.gateways)
      .filter((g) => labelsMatch(g.spec?.selector, labels))
      .sort(oldestFirst);
  }

  /** Policies of one kind that apply to a workload: root namespace (mesh-wide) and its own namespace. */
  policiesFor(resource: string, pod: StoredObject): StoredObject[] {
    const ns = pod.metadata.namespace ?? 'default';
    const labels = pod.metadata.labels ?? {};
    return this.list(resource).filter((p) => {
      const pns = p.metadata.namespace;
      if (pns !== ns && pns !== ROOT_NAMESPACE) return false;
      const sel = p.spec?.selector?.matchLabels as Record<string, string> | undefined;
      // A selector in the root namespace selects workloads in every namespace.
      return !sel || labelsMatch(sel, labels);
    });
  }
}
