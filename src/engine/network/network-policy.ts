/**
 * NetworkPolicy enforcement as a policy-capable CNI does it (kindnet since kind 0.24, Calico, OVN): a
 * pod selected by a policy with Ingress (Egress) in its policyTypes only accepts (sends) what one of
 * those policies' rules allows; traffic that is not allowed is dropped, so clients time out.
 */
import { fromLabelSelector, type LabelSelectorObject, matches } from '../api/selectors';
import type { KObject, StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { cidrContains, parseCidr, parseIPv4 } from '../services/ipv4';

const POLICIES = 'networkpolicies.networking.k8s.io';

interface Peer {
  podSelector?: LabelSelectorObject;
  namespaceSelector?: LabelSelectorObject;
  ipBlock?: { cidr: string; except?: string[] };
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}

/** One end of a connection: a pod (with its IP) or an address outside the pod network. */
export interface Endpoint {
  pod?: StoredObject;
  ip: string;
}

export function policyTypes(policy: KObject): string[] {
  const types: string[] | undefined = policy.spec?.policyTypes;
  if (types?.length) return types;
  return (policy.spec?.egress ?? []).length ? ['Ingress', 'Egress'] : ['Ingress'];
}

export class NetworkPolicies {
  constructor(private readonly ctx: EngineContext) {}

  /** Whether a TCP/UDP connection from `src` to `dst` on `port` gets through both ends' policies. */
  allowed(src: Endpoint, dst: Endpoint, port: number, protocol = 'TCP'): boolean {
    if (src.pod && !this.allowedBy(src.pod, 'Egress', dst, port, protocol, dst.pod)) return false;
    if (dst.pod && !this.allowedBy(dst.pod, 'Ingress', src, port, protocol, dst.pod)) return false;
    return true;
  }

  /** The policies in the pod's namespace that select it for this direction (empty: not isolated). */
  selecting(pod: StoredObject, direction: 'Ingress' | 'Egress'): StoredObject[] {
    if (pod.spec?.hostNetwork) return [];
    const ns = pod.metadata.namespace ?? 'default';
    return this.ctx.api.store
      .list(POLICIES, ns)
      .filter(
        (p) =>
          policyTypes(p).includes(direction) &&
          matches(fromLabelSelector(p.spec?.podSelector ?? {}), pod.metadata.labels),
      );
  }

  private allowedBy(
    subject: StoredObject,
    direction: 'Ingress' | 'Egress',
    peer: Endpoint,
    port: number,
    protocol: string,
    portOwner: StoredObject | undefined,
  ): boolean {
    const policies = this.selecting(subject, direction);
    if (policies.length === 0) return true;
    for (const policy of policies) {
      const rules: Rule[] = (direction === 'Ingress' ? policy.spec?.ingress : policy.spec?.egress) ?? [];
      for (const rule of rules) {
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        if (!this.portMatches(rule.ports, port, protocol, portOwner)) continue;
        if (!peers?.length) return true;
        if (peers.some((p) => this.peerMatches(p, peer, policy.metadata.namespace ?? 'default'))) return true;
      }
    }
    return false;
  }

  private portMatches(
    ports: PolicyPort[] | undefined,
    port: number,
    protocol: string,
    owner: StoredObject | undefined,
  ): boolean {
    if (!ports?.length) return true;
    return ports.some((p) => {
      if ((p.protocol ?? 'TCP') !== protocol) return false;
      if (p.port === undefined) return true;
      if (typeof p.port === 'number')
        return p.endPort ? port >= p.port && port <= p.endPort : port === p.port;
      // A named port means the destination pod's container port of that name.
      return (owner?.spec?.containers ?? []).some((c: KObject['spec']) =>
        (c.ports ?? []).some(
          (cp: { name?: string; containerPort: number; protocol?: string }) =>
            cp.name === p.port && cp.containerPort === port && (cp.protocol ?? 'TCP') === protocol,
        ),
      );
    });
  }

  private peerMatches(peer: Peer, other: Endpoint, policyNamespace: string): boolean {
    if (peer.ipBlock) {
      const ip = parseIPv4(other.ip);
      if (ip === undefined) return false;
      if (!cidrContains(parseCidr(peer.ipBlock.cidr), ip)) return false;
      return !(peer.ipBlock.except ?? []).some((e) => cidrContains(parseCidr(e), ip));
    }
    const pod = other.pod;
    if (!pod || pod.spec?.hostNetwork) return false;
    const podNs = pod.metadata.namespace ?? 'default';
    if (peer.namespaceSelector) {
      const ns = this.ctx.api.store.get('namespaces', undefined, podNs);
      if (!matches(fromLabelSelector(peer.namespaceSelector), ns?.metadata.labels)) return false;
    } else if (podNs !== policyNamespace) {
      return false;
    }
    return !peer.podSelector || matches(fromLabelSelector(peer.podSelector), pod.metadata.labels);
  }
}
