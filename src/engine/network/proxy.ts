/**
 * kube-proxy's view of the data path (iptables mode): a ClusterIP, LoadBalancer IP or NodePort on any
 * node is DNAT'ed to a random ready endpoint of the Service (serving terminating endpoints when none is
 * ready; REJECT when there are none); ClientIP session affinity keeps a client on one endpoint; pod IPs
 * are reached directly. Reads EndpointSlices, as kube-proxy does.
 */
import type { KObject, StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { ensurePodNodeIndex } from '../scheduler/cache';
import { ensureSliceIndex, slicesOf } from '../services/endpointslice-controller';
import { cidrContains, parseCidr, parseIPv4 } from '../services/ipv4';
import type { Rng } from '../sim/rng';

interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
}

export type Route =
  | { kind: 'pod'; pod: StoredObject; port: number; service?: StoredObject }
  /** The API server itself (hostNetwork on the control plane), reached as `kubernetes.default` or on :6443. */
  | { kind: 'apiserver'; service?: StoredObject }
  | { kind: 'refused' | 'timeout' | 'no-route'; service?: StoredObject };

const MAX_CACHED_RULES = 10_000;
const MAX_AFFINITY_ENTRIES = 50_000;

/** Session affinity lasts 3 hours by default (sessionAffinityConfig.clientIP.timeoutSeconds). */
const DEFAULT_AFFINITY_SECONDS = 10_800;

export class KubeProxy {
  private readonly podCIDR;
  private readonly affinity = new Map<string, { podKey: string; untilMs: number }>();
  /** Endpoints per Service port (and node, for Local policies), keyed by the slices' resourceVersions. */
  private readonly rules = new Map<
    string,
    { version: string; result: { pods: [StoredObject, number][]; anyTerminating: boolean } }
  >();

  constructor(
    private readonly ctx: EngineContext,
    private readonly rng: Rng,
  ) {
    this.podCIDR = parseCidr(ctx.config.podCIDR);
    ensureSliceIndex(ctx);
    ensurePodNodeIndex(ctx.api);
    const store = ctx.api.store;
    store.addIndex('network-pod-ip', 'pods', (p) =>
      p.status?.podIP && !p.spec?.hostNetwork ? [p.status.podIP] : [],
    );
    store.addIndex('network-service-ip', 'services', (s) => {
      const ips: string[] = [];
      if (s.spec?.clusterIP && s.spec.clusterIP !== 'None') ips.push(s.spec.clusterIP);
      for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) ips.push(i.ip);
      for (const ip of s.spec?.externalIPs ?? []) ips.push(ip);
      return [...new Set(ips)];
    });
    store.addIndex('network-node-port', 'services', (s) =>
      ((s.spec?.ports ?? []) as ServicePort[]).filter((p) => p.nodePort).map((p) => String(p.nodePort)),
    );
    store.addIndex('network-node-ip', 'nodes', (n) =>
      ((n.status?.addresses ?? []) as { type: string; address: string }[])
        .filter((a) => a.type === 'InternalIP')
        .map((a) => a.address),
    );
  }

  podByIP(ip: string): StoredObject | undefined {
    return this.ctx.api.store.byIndex('network-pod-ip', ip)[0];
  }

  nodeByIP(ip: string): StoredObject | undefined {
    return this.ctx.api.store.byIndex('network-node-ip', ip)[0];
  }

  /** Where a TCP connection from `clientIP` to `ip:port` ends up. */
  route(client: StoredObject | null, clientIP: string, ip: string, port: number): Route {
    const svc = this.ctx.api.store.byIndex('network-service-ip', ip)[0];
    if (svc) {
      const sp = ((svc.spec?.ports ?? []) as ServicePort[]).find(
        (p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP',
      );
      // No rule for that port: the packet goes nowhere.
      if (!sp) return { kind: 'timeout', service: svc };
      if (svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes')
        return { kind: 'apiserver', service: svc };
      const localOnly = svc.spec?.internalTrafficPolicy === 'Local' && ip === svc.spec?.clusterIP;
      return this.toEndpoint(svc, sp, clientIP, localOnly ? client?.spec?.nodeName : undefined, localOnly);
    }
    const node = this.nodeByIP(ip);
    if (
      node &&
      port === 6443 &&
      node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined
    ) {
      return { kind: 'apiserver' };
    }
    if (node) {
      const svcs = this.ctx.api.store.byIndex('network-node-port', String(port));
      const nodePortSvc = svcs.find((s) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer');
      if (!nodePortSvc) {
        // A container's hostPort is reachable on its node's IP (the portmap CNI plugin).
        const hostPod = this.hostPortPod(node.metadata.name, port);
        return hostPod ? { kind: 'pod', pod: hostPod.pod, port: hostPod.containerPort } : { kind: 'refused' };
      }
      const sp = ((nodePortSvc.spec?.ports ?? []) as ServicePort[]).find((p) => p.nodePort === port)!;
      const local = nodePortSvc.spec?.externalTrafficPolicy === 'Local';
      return this.toEndpoint(nodePortSvc, sp, clientIP, local ? node.metadata.name : undefined, local);
    }
    const pod = this.podByIP(ip);
    if (pod) return { kind: 'pod', pod, port };
    const n = parseIPv4(ip);
    if (n !== undefined && cidrContains(this.podCIDR, n)) return { kind: 'no-route' };
    return { kind: 'timeout' };
  }

  /** Ready endpoints of a Service for one service port: [pod, targetPort]. */
  endpointsFor(
    svc: StoredObject,
    sp: ServicePort,
    nodeName?: string,
  ): { pods: [StoredObject, number][]; anyTerminating: boolean } {
    // kube-proxy programs rules once per slice change; requests reuse them until a slice changes.
    const ns = svc.metadata.namespace ?? 'default';
    const slices = slicesOf(this.ctx, ns, svc.metadata.name);
    const version = slices.map((s) => s.metadata.resourceVersion).join(',');
    const cacheKey = `${svc.metadata.uid}|${sp.name ?? ''}|${nodeName ?? ''}`;
    const cached = this.rules.get(cacheKey);
    if (cached && cached.version === version) return cached.result;
    const result = this.computeEndpoints(slices, sp, nodeName);
    if (this.rules.size >= MAX_CACHED_RULES) this.rules.clear();
    this.rules.set(cacheKey, { version, result });
    return result;
  }

  private computeEndpoints(
    slices: StoredObject[],
    sp: ServicePort,
    nodeName?: string,
  ): { pods: [StoredObject, number][]; anyTerminating: boolean } {
    const ready: [StoredObject, number][] = [];
    const terminating: [StoredObject, number][] = [];
    for (const slice of slices) {
      const port = ((slice.ports ?? []) as SlicePort[]).find((p) => (p.name ?? '') === (sp.name ?? ''));
      if (!port?.port) continue;
      for (const ep of (slice.endpoints ?? []) as SliceEndpoint[]) {
        if (nodeName && ep.nodeName !== nodeName) continue;
        const pod = this.endpointPod(ep);
        if (!pod) continue;
        if (ep.conditions?.ready !== false) ready.push([pod, port.port]);
        else if (ep.conditions?.serving && ep.conditions?.terminating) terminating.push([pod, port.port]);
      }
    }
    return ready.length
      ? { pods: ready, anyTerminating: false }
      : { pods: terminating, anyTerminating: terminating.length > 0 };
  }

  private toEndpoint(
    svc: StoredObject,
    sp: ServicePort,
    clientIP: string,
    nodeName: string | undefined,
    local: boolean,
  ): Route {
    const { pods } = this.endpointsFor(svc, sp, nodeName);
    if (pods.length === 0) {
      // iptables REJECTs a Service with no endpoints at all; a Local policy with none on this node drops.
      if (local && this.endpointsFor(svc, sp).pods.length > 0) return { kind: 'timeout', service: svc };
      return { kind: 'refused', service: svc };
    }
    let choice: [StoredObject, number] | undefined;
    const affinityKey =
      svc.spec?.sessionAffinity === 'ClientIP' ? `${svc.metadata.uid}|${clientIP}` : undefined;
    if (affinityKey) {
      const sticky = this.affinity.get(affinityKey);
      if (sticky && sticky.untilMs > this.ctx.clock.now())
        choice = pods.find(([p]) => keyOf(p) === sticky.podKey);
    }
    choice ??= pods.length === 1 ? pods[0] : pods[Math.floor(this.rng.next() * pods.length)];
    // The cached rule may hold an older copy of the pod: hand on the current one.
    const [chosen, targetPort] = choice;
    choice = [
      this.ctx.api.store.get('pods', chosen.metadata.namespace, chosen.metadata.name) ?? chosen,
      targetPort,
    ];
    if (affinityKey) {
      if (this.affinity.size >= MAX_AFFINITY_ENTRIES) this.affinity.clear();
      const seconds = svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS;
      this.affinity.set(affinityKey, {
        podKey: keyOf(choice[0]),
        untilMs: this.ctx.clock.now() + seconds * 1000,
      });
    }
    return { kind: 'pod', pod: choice[0], port: choice[1], service: svc };
  }

  private hostPortPod(
    nodeName: string,
    hostPort: number,
  ): { pod: StoredObject; containerPort: number } | undefined {
    for (const pod of this.ctx.api.store.byIndex('pods:nodeName', nodeName)) {
      if (pod.metadata.deletionTimestamp || !pod.status?.podIP) continue;
      for (const c of pod.spec?.containers ?? []) {
        for (const cp of (c.ports ?? []) as {
          hostPort?: number;
          containerPort: number;
          protocol?: string;
        }[]) {
          if (cp.hostPort === hostPort && (cp.protocol ?? 'TCP') === 'TCP')
            return { pod, containerPort: cp.containerPort };
        }
      }
    }
    return undefined;
  }

  private endpointPod(ep: SliceEndpoint): StoredObject | undefined {
    const ref = ep.targetRef;
    if (ref?.kind === 'Pod' && ref.name)
      return this.ctx.api.store.get('pods', ref.namespace ?? 'default', ref.name);
    return ep.addresses[0] ? this.podByIP(ep.addresses[0]) : undefined;
  }
}

export function keyOf(o: KObject): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}
