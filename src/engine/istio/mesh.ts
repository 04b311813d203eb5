/**
 * The mesh's data plane (service 'istio', a Mesh): every sidecar's outbound routing (a Network outbound
 * hook), every sidecar's inbound checks and the ingress gateway (a Network pod interceptor), and the
 * telemetry both sides report. The peer identity travels with the request: while a sidecar sends an
 * attempt to a pod that has a proxy, the server's proxy sees an mTLS peer with the client's SPIFFE
 * principal (`cluster.local/ns/<ns>/sa/<sa>`); anything else arrives as plaintext.
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import type { Network } from '../network/network';
import { keyOf } from '../network/proxy';
import type {
  DeliverFn,
  HttpResult,
  OutboundCall,
  PodHttpAnswer,
  PodRequest,
  RequestLogEntry,
} from '../network/types';
import { Rng } from '../sim/rng';
import { fqdn, MeshConfig } from './config';
import { Upstreams } from './destination';
import { knows, portProtocol } from './egress';
import { EgressRouter } from './egress-route';
import { authorityOf, handleAtGateway } from './gateway';
import { hasSidecar } from './injection';
import { ISTIO_NAMESPACE } from './install';
import { Internet } from './internet';
import { MeshLoad } from './load';
import { type AttemptFn, MeshRouter, outboundRequest, type RoutedResult } from './router';
import { authorize, peerAuthenticationMode } from './security';
import { L4Router } from './tcp-route';
import { MeshTelemetry } from './telemetry';

/** Ports the proxy itself serves (health, stats, admin): never subject to mTLS or policy. */
const PROXY_PORTS = new Set([15000, 15001, 15006, 15020, 15021, 15090]);

interface PeerMarker {
  serverUid: string;
  clientIP: string;
  principal: string;
  namespace: string;
}

export function principalOf(pod: StoredObject): string {
  return `cluster.local/ns/${pod.metadata.namespace ?? 'default'}/sa/${pod.spec?.serviceAccountName ?? 'default'}`;
}

/** `namespace/workload`: the Deployment (ReplicaSet minus its pod-template-hash) or other owner, else the pod. */
export function workloadOf(pod: StoredObject): string {
  const ns = pod.metadata.namespace ?? 'default';
  const owner = pod.metadata.ownerReferences?.[0];
  if (!owner) return `${ns}/${pod.metadata.name}`;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  const name =
    owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)
      ? owner.name.slice(0, -hash.length - 1)
      : owner.name;
  return `${ns}/${name}`;
}

function isGatewayPod(pod: StoredObject): boolean {
  return pod.metadata.namespace === ISTIO_NAMESPACE && pod.metadata.labels?.istio === 'ingressgateway';
}

export class Mesh {
  readonly config: MeshConfig;
  readonly upstreams: Upstreams;
  readonly telemetry = new MeshTelemetry();
  readonly router: MeshRouter;
  /** VirtualService tcp / tls routes (Envoy's tcp_proxy), for sidecars and the gateway. */
  readonly l4: L4Router;
  /** The simulated hosts outside the cluster, and how sidecars reach them. */
  readonly internet: Internet;
  readonly egress: EgressRouter;
  /** Load generators inside the mesh or through the ingress gateway (see load.ts). */
  readonly load: MeshLoad;
  private readonly peers: PeerMarker[] = [];
  private forced: { pod: StoredObject; podPort: number; svc: StoredObject } | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly net: Network,
  ) {
    // Its own stream seeded from the cluster seed: forking the root here would shift every later draw
    // of the root stream (kubelets, faults) in clusters that never use the mesh.
    const rng = new Rng((ctx.config.seed ^ 0x157100) >>> 0);
    this.config = new MeshConfig(ctx);
    this.upstreams = new Upstreams(rng.fork('upstreams'));
    this.router = new MeshRouter(ctx, net, this.config, this.upstreams, rng.fork('router'));
    this.load = new MeshLoad(ctx, net, rng.fork('load'));
    this.l4 = new L4Router(net, this.config, this.upstreams, rng.fork('l4'), () => ctx.clock.now());
    this.internet = new Internet(net.dns, rng.fork('internet'));
    this.egress = new EgressRouter(net, this.config, this.router, this.internet, rng.fork('egress'));
    net.addOutboundHook((call, deliver) => this.outbound(call, deliver));
    net.addInterceptor((req) => this.inbound(req));
    net.log.subscribe((e) => this.observePlaintext(e));
  }

  private outbound(call: OutboundCall, deliver: DeliverFn): HttpResult | undefined {
    if (this.forced) {
      const f = this.forced;
      this.forced = undefined;
      return deliver(f.pod, f.podPort, f.svc, call.path, call.headers);
    }
    const from = call.fromPod;
    const site = this.internet.at(call.ip);
    if (!from || !hasSidecar(from)) return site ? this.egress.direct(from, call, site) : undefined;
    const attempt: AttemptFn = (pod, podPort, s, path, headers) =>
      this.withPeer(from, pod, () => deliver(pod, podPort, s, path, headers));
    const store = this.ctx.api.store;
    const svc = store.byIndex('network-service-ip', call.ip)[0];
    if (!svc) {
      const pod = this.net.proxy.podByIP(call.ip);
      // Node addresses (NodePorts, the API server) are in the registry through their Services.
      if (!pod && !this.net.proxy.nodeByIP(call.ip))
        return this.egress.fromSidecar(from, call, site, attempt);
      if (!pod || !hasSidecar(pod)) return undefined;
      return this.withPeer(from, pod, () => deliver(pod, call.port, undefined));
    }
    if (
      svc.spec?.clusterIP !== call.ip ||
      (svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes')
    )
      return undefined;
    const sp = ((svc.spec?.ports ?? []) as { port: number; name?: string; appProtocol?: string }[]).find(
      (p) => p.port === call.port,
    );
    if (!sp) return undefined;
    const svcNs = svc.metadata.namespace ?? 'default';
    const host = fqdn(svc.metadata.name, svcNs, this.config.domain);
    // A Service the workload's Sidecar resource leaves out is unknown to its proxy.
    if (!knows(this.config, from, host, svcNs)) return this.egress.unknown(call, () => undefined);
    const protocol = portProtocol(sp, call.opts.scheme);
    if (protocol !== 'HTTP') {
      const routed = this.l4.route(
        { pod: from, gateway: 'mesh' },
        protocol === 'TLS' ? 'tls' : 'tcp',
        {
          host,
          ...(call.host !== call.ip ? { sni: call.host.toLowerCase() } : {}),
          port: call.port,
          method: call.method,
          path: call.path,
          headers: call.headers,
          opts: call.opts,
          clientHost: call.host,
        },
        attempt,
        svc,
      );
      this.report(from, routed);
      return routed.result;
    }
    const routed = this.router.route(
      { pod: from, gateway: 'mesh' },
      outboundRequest(call, host),
      attempt,
      svc,
    );
    this.report(from, routed);
    return routed.result;
  }

  /** Record a routed request in telemetry, and log answers Envoy made itself so Service stats count them. */
  private report(from: StoredObject, routed: RoutedResult): void {
    const r = routed.result;
    const now = this.ctx.clock.now();
    if (r.ok && r.podName === '')
      this.net.log.record({
        atMs: now,
        from: keyOf(from),
        service: routed.service ? keyOf(routed.service) : undefined,
        status: r.status,
        latencyMs: r.latencyMs,
      });
    const destination = routed.pod
      ? workloadOf(routed.pod)
      : routed.service
        ? keyOf(routed.service)
        : 'unknown';
    this.telemetry.record({
      atMs: now,
      source: workloadOf(from),
      destination,
      service: routed.service ? keyOf(routed.service) : undefined,
      status: r.ok ? r.status : 0,
      latencyMs: r.latencyMs,
      mtls: routed.pod ? hasSidecar(routed.pod) : false,
      flags: routed.flags,
    });
  }

  private withPeer<T>(client: StoredObject, server: StoredObject, fn: () => T): T {
    if (!hasSidecar(server)) return fn();
    this.peers.push({
      serverUid: server.metadata.uid,
      clientIP: client.status?.podIP ?? '',
      principal: principalOf(client),
      namespace: client.metadata.namespace ?? 'default',
    });
    try {
      return fn();
    } finally {
      this.peers.pop();
    }
  }

  private inbound(req: PodRequest): PodHttpAnswer | undefined {
    const pod = req.pod;
    if (!hasSidecar(pod) || PROXY_PORTS.has(req.port)) return undefined;
    if (isGatewayPod(pod)) return this.atGateway(req);
    const top = this.peers[this.peers.length - 1];
    const peer =
      top && top.serverUid === pod.metadata.uid && top.clientIP === req.clientIP
        ? { principal: top.principal, namespace: top.namespace, ip: req.clientIP }
        : undefined;
    // STRICT: the inbound listener only speaks mTLS, a plaintext client's connection is reset.
    if (!peer && peerAuthenticationMode(this.config, pod, req.port) === 'STRICT') return { fail: 'reset' };
    const decision = authorize(this.config, pod, peer ?? { ip: req.clientIP }, {
      method: req.method,
      path: req.path,
      host: authorityOf(req.headers),
      port: req.port,
    });
    if (!decision.allowed)
      return {
        status: 403,
        body: 'RBAC: access denied',
        headers: { 'content-length': '19', 'content-type': 'text/plain', server: 'istio-envoy' },
      };
    return undefined;
  }

  private atGateway(req: PodRequest): PodHttpAnswer {
    const gwPod = req.pod;
    const attempt: AttemptFn = (pod, podPort, svc, path, headers, opts = {}) => {
      const ip = svc.spec?.clusterIP ?? pod.status?.podIP ?? '';
      this.forced = { pod, podPort, svc };
      try {
        return this.withPeer(gwPod, pod, () =>
          this.net.connect(gwPod, ip, podPort, req.method, path, headers, opts),
        );
      } finally {
        this.forced = undefined;
      }
    };
    const top = this.peers[this.peers.length - 1];
    const meshPeer =
      top !== undefined && top.serverUid === gwPod.metadata.uid && top.clientIP === req.clientIP;
    const { answer, routed } = handleAtGateway(this.config, this.router, this.l4, req, attempt, meshPeer);
    if (routed) this.report(gwPod, routed);
    return answer;
  }

  /** Plaintext callers (no sidecar, or outside the cluster) of a pod with a proxy: its inbound telemetry. */
  private observePlaintext(e: RequestLogEntry): void {
    if (!e.to) return;
    const store = this.ctx.api.store;
    const [ns, name] = e.to.split('/');
    const to = store.get('pods', ns, name);
    if (!to || !hasSidecar(to)) return;
    let source = 'unknown';
    if (e.from) {
      const [fns, fname] = e.from.split('/');
      const from = store.get('pods', fns, fname);
      if (from && hasSidecar(from)) return;
      if (from) source = workloadOf(from);
    }
    this.telemetry.record({
      atMs: e.atMs,
      source,
      destination: workloadOf(to),
      service: e.service,
      status: e.status ?? 0,
      latencyMs: e.latencyMs,
      mtls: false,
      flags: e.error ? 'UF' : '-',
    });
  }
}
