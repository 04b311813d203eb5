/**
 * Traffic from a sidecar to destinations outside its registry view: ServiceEntry hosts (HTTP ports go
 * through the VirtualService http routes like any host; TCP/TLS ports are forwarded as bytes), hosts the
 * proxy does not know (Envoy's PassthroughCluster under ALLOW_ANY, BlackHoleCluster under REGISTRY_ONLY:
 * `502` with an empty body for HTTP, the connection closed for TLS (curl 35) and other TCP (curl 52)),
 * and pods without a proxy calling the simulated internet directly.
 */
import type { StoredObject } from '../api/types';
import type { Network } from '../network/network';
import type { HttpFailure, HttpResult, HttpSuccess, OutboundCall } from '../network/types';
import { STATUS_TEXT } from '../network/url';
import type { Rng } from '../sim/rng';
import type { MeshConfig } from './config';
import { isHttpProtocol, outboundMode, serviceEntryFor } from './egress';
import type { Internet, InternetHost } from './internet';
import { ISTIO_RESOURCES } from './kinds';
import {
  type AttemptFn,
  type MeshRouter,
  outboundRequest,
  type RoutedResult,
  type RouteRequest,
} from './router';

export class EgressRouter {
  constructor(
    private readonly net: Network,
    private readonly config: MeshConfig,
    private readonly router: MeshRouter,
    private readonly internet: Internet,
    private readonly rng: Rng,
  ) {
    router.external = (host, port, req) => this.viaEnvoy(host, port, req);
  }

  /** A pod without a proxy (or a client outside the cluster) calling a site: its NetworkPolicies apply. */
  direct(from: StoredObject | null, call: OutboundCall, site: InternetHost): HttpResult {
    const src = { pod: from ?? undefined, ip: from?.status?.podIP ?? '' };
    if (from && !this.net.policies.allowed(src, { ip: site.ip }, call.port)) {
      const latencyMs = call.opts.connectTimeoutMs ?? call.opts.timeoutMs ?? 130_000;
      return this.failure(call, 'timeout', latencyMs);
    }
    return this.internet.answer(site, call);
  }

  /** A sidecar's connection to an address outside the cluster (`site` when it is one of the simulated hosts). */
  fromSidecar(
    from: StoredObject,
    call: OutboundCall,
    site: InternetHost | undefined,
    attempt: AttemptFn,
  ): HttpResult | undefined {
    const name = (site?.name ?? call.host).toLowerCase();
    const entry = serviceEntryFor(this.config, from, name, call.port);
    if (entry) {
      if (isHttpProtocol(entry.port.protocol) && call.opts.scheme !== 'https')
        return this.router.route({ pod: from, gateway: 'mesh' }, outboundRequest(call, entry.host), attempt)
          .result;
      // TLS / TCP ports of a ServiceEntry: Envoy's tcp_proxy carries the bytes to the resolved address.
      return site ? this.internet.answer(site, call) : this.failure(call, 'empty-reply', this.rng.int(1, 3));
    }
    return this.unknown(call, () => (site ? this.passthrough(call, site) : undefined));
  }

  /**
   * A destination the proxy has no cluster for: `passthrough` under ALLOW_ANY (undefined leaves the
   * connection to kube-proxy, as the original destination), Envoy's BlackHoleCluster under REGISTRY_ONLY.
   */
  unknown(call: OutboundCall, passthrough: () => HttpResult | undefined): HttpResult | undefined {
    if (outboundMode(this.config) === 'ALLOW_ANY') return passthrough();
    const scheme = call.opts.scheme ?? 'http';
    if (scheme === 'https') return this.failure(call, 'tls-handshake', this.rng.int(1, 3));
    if (!this.httpPort(call.port)) return this.failure(call, 'empty-reply', this.rng.int(1, 3));
    // The HTTP listener's catch-all route (block_all) answers 502 itself.
    return {
      ok: true,
      status: 502,
      statusText: STATUS_TEXT[502],
      body: '',
      headers: { 'content-length': '0', server: 'envoy' },
      latencyMs: this.rng.int(0, 1),
      podName: '',
      podIP: '',
      remoteIP: call.ip,
      remotePort: call.port,
      ip: call.ip,
      port: call.port,
    };
  }

  /** PassthroughCluster: HTTP still crosses the HTTP listener (Envoy's headers), TLS goes through as bytes. */
  private passthrough(call: OutboundCall, site: InternetHost): HttpResult {
    const r = this.internet.answer(site, call);
    return call.opts.scheme === 'https' || !r.ok ? r : throughEnvoy(r);
  }

  /** A ServiceEntry host answering a request the HTTP router sent to it (undefined: nothing resolves). */
  private viaEnvoy(host: string, port: number, req: RouteRequest): RoutedResult | undefined {
    const site = this.internet.named(host) ?? this.staticEndpoint(host);
    if (!site) return undefined;
    const headers = {
      ...req.headers,
      'x-envoy-attempt-count': '1',
      'x-envoy-decorator-operation': `${host}:${port}/*`,
    };
    const r = this.internet.answer(site, { ...req, headers, host, port });
    if (!r.ok)
      return {
        result: {
          ...r,
          ok: true,
          status: 503,
          statusText: STATUS_TEXT[503],
          body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
          headers: { 'content-type': 'text/plain', server: 'envoy' },
          podName: '',
          podIP: '',
          remoteIP: site.ip,
          remotePort: port,
          ip: site.ip,
        } as HttpSuccess,
        flags: 'UF',
      };
    return { result: throughEnvoy(r), flags: '-' };
  }

  /** `resolution: STATIC`: the first of the entry's `endpoints[].address` that answers. */
  private staticEndpoint(host: string): InternetHost | undefined {
    for (const se of this.config.list(ISTIO_RESOURCES.serviceEntries)) {
      if (se.spec?.resolution !== 'STATIC' || !((se.spec?.hosts ?? []) as string[]).includes(host)) continue;
      for (const ep of (se.spec?.endpoints ?? []) as { address?: string }[]) {
        const site = ep.address ? this.internet.at(ep.address) : undefined;
        if (site) return site;
      }
    }
    return undefined;
  }

  /** Whether the sidecar has an HTTP listener on this port (80, or a port some Service declares). */
  private httpPort(port: number): boolean {
    if (port === 80) return true;
    return this.config
      .list('services')
      .some((s) => ((s.spec?.ports ?? []) as { port: number; name?: string }[]).some((p) => p.port === port));
  }

  private failure(call: OutboundCall, kind: HttpFailure['kind'], latencyMs: number): HttpFailure {
    const error =
      kind === 'resolve' || kind === 'no-route' || kind === 'bad-url' || kind === 'dns-unreachable'
        ? 'resolve'
        : kind === 'tls-untrusted'
          ? 'tls'
          : kind;
    return {
      ok: false,
      kind,
      error: error as HttpFailure['error'],
      host: call.host,
      port: call.port,
      remoteIP: call.ip,
      ip: call.ip,
      latencyMs,
    };
  }
}

/** An upstream answer as the sidecar's HTTP connection manager hands it on. */
function throughEnvoy(r: HttpSuccess): HttpSuccess {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  headers['x-envoy-upstream-service-time'] = String(Math.max(0, r.latencyMs - 1));
  headers.server = 'envoy';
  return { ...r, headers };
}
