/**
 * VirtualService `tcp:` and `tls:` routes, as Envoy's tcp_proxy carries them: the first route whose match
 * fits (tcp: `port`, `sourceLabels`, `sourceNamespace`, `gateways`; tls: `sniHosts` too) picks a weighted
 * destination, the DestinationRule subset and load balancer pick an endpoint, and the bytes go through
 * untouched: no header matching, no retries, no timeouts, no fault injection, no Envoy headers. When the
 * upstream cannot be reached Envoy closes the client's connection (curl: Empty reply from server).
 */
import type { StoredObject } from '../api/types';
import type { Network } from '../network/network';
import type { HttpFailure, RequestOptions } from '../network/types';
import type { Rng } from '../sim/rng';
import { fqdn, hostCovers, labelsMatch, type MeshConfig } from './config';
import { podKey, type Upstreams } from './destination';
import type { RouteDestination } from './http-route';
import { ISTIO_RESOURCES } from './kinds';
import { qualifyGateway } from './match';
import type { AttemptFn, RoutedResult, RouteSource } from './router';
import { pickWeighted, resolveUpstream } from './upstream';

export interface L4Match {
  port?: number;
  sniHosts?: string[];
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
  gateways?: string[];
}

export interface L4Route {
  match?: L4Match[];
  route?: RouteDestination[];
}

export interface L4Request {
  /** Mesh: the Service FQDN addressed. Gateway: unused (routes are found by gateway binding and SNI). */
  host: string;
  /** The TLS server name, for `tls:` routes. */
  sni?: string;
  /** The Service port (mesh) or the gateway server's port. */
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  opts: RequestOptions;
  /** What the client typed, for its error messages. */
  clientHost: string;
  /** How the gateway connects to the endpoint (TLS passed through); sidecars keep the client's. */
  upstreamOpts?: RequestOptions;
}

function matches(
  m: L4Match,
  kind: 'tcp' | 'tls',
  req: L4Request,
  src: RouteSource,
  vsNs: string,
  domain: string,
): boolean {
  if (m.port !== undefined && m.port !== req.port) return false;
  if (m.sourceLabels && !labelsMatch(m.sourceLabels, src.pod.metadata.labels ?? {})) return false;
  if (m.sourceNamespace && m.sourceNamespace !== (src.pod.metadata.namespace ?? 'default')) return false;
  if (m.gateways && !m.gateways.some((g) => qualifyGateway(g, vsNs) === src.gateway)) return false;
  if (kind === 'tls') {
    const sni = req.sni;
    if (!sni) return false;
    const srcNs = src.pod.metadata.namespace ?? 'default';
    const covered = (m.sniHosts ?? []).some(
      (h) => hostCovers(h, sni) || hostCovers(fqdn(h, vsNs, domain), fqdn(sni, srcNs, domain)),
    );
    if (!covered) return false;
  }
  return true;
}

export class L4Router {
  constructor(
    private readonly net: Network,
    private readonly config: MeshConfig,
    private readonly upstreams: Upstreams,
    private readonly rng: Rng,
    private readonly now: () => number,
  ) {}

  /**
   * Route one connection: from a sidecar (`src.gateway` 'mesh', `vs` the host's VirtualService) or a
   * gateway (every VirtualService bound to it). Without a matching route the mesh forwards to the
   * Service addressed (`fallback`); a gateway closes the connection.
   */
  route(
    src: RouteSource,
    kind: 'tcp' | 'tls',
    req: L4Request,
    attempt: AttemptFn,
    fallback?: StoredObject,
  ): RoutedResult {
    for (const vs of this.candidates(src, kind, req)) {
      const vsNs = vs.metadata.namespace ?? 'default';
      const route = ((vs.spec?.[kind] ?? []) as L4Route[]).find(
        (r) => !r.match?.length || r.match.some((m) => matches(m, kind, req, src, vsNs, this.config.domain)),
      );
      if (!route) continue;
      const dest = pickWeighted(route.route ?? [], this.rng);
      if (!dest) return this.closed(req, 'NR');
      return this.forward(src, req, dest, vsNs, attempt);
    }
    if (!fallback) return this.closed(req, 'NR');
    const ns = fallback.metadata.namespace ?? 'default';
    return this.forward(
      src,
      req,
      { destination: { host: req.host, port: { number: req.port } } },
      ns,
      attempt,
    );
  }

  private candidates(src: RouteSource, kind: 'tcp' | 'tls', req: L4Request): StoredObject[] {
    const srcNs = src.pod.metadata.namespace ?? 'default';
    if (src.gateway === 'mesh') {
      const vs = this.config.virtualServiceFor(req.host, 'mesh', srcNs);
      return vs ? [vs] : [];
    }
    return this.config
      .list(ISTIO_RESOURCES.virtualServices)
      .filter((vs) => {
        const ns = vs.metadata.namespace ?? 'default';
        if (!((vs.spec?.gateways ?? []) as string[]).some((g) => qualifyGateway(g, ns) === src.gateway))
          return false;
        if (!(vs.spec?.[kind] as unknown[] | undefined)?.length) return false;
        if (kind === 'tcp') return true;
        const sni = req.sni;
        return sni !== undefined && ((vs.spec?.hosts ?? []) as string[]).some((h) => hostCovers(h, sni));
      })
      .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  }

  private forward(
    src: RouteSource,
    req: L4Request,
    dest: RouteDestination,
    vsNs: string,
    attempt: AttemptFn,
  ): RoutedResult {
    const host = fqdn(dest.destination.host, vsNs, this.config.domain);
    const m = /^([^.]+)\.([^.]+)\.svc\./.exec(host);
    const svc = m ? this.config.get('services', m[2], m[1]) : undefined;
    if (!svc) return this.closed(req, 'UH');
    const srcNs = src.pod.metadata.namespace ?? 'default';
    const upstream = resolveUpstream(this.config, this.net.proxy, svc, host, srcNs, dest, req.port);
    if (!upstream.ok) return this.closed(req, upstream.missing === 'port' ? 'UH' : 'NR', svc);
    const { subsetName, policy, endpoints } = upstream;
    const key = `${podKey(svc)}|${subsetName ?? ''}|tcp`;
    const ep = this.upstreams.pick(key, endpoints, policy, this.now());
    if (!ep) return this.closed(req, 'UH', svc);
    const [pod, podPort] = ep;
    const r = attempt(pod, podPort, svc, req.path, req.headers, req.upstreamOpts);
    this.upstreams.observe(
      key,
      pod,
      r.ok ? r.status : 'failed',
      r.latencyMs,
      policy,
      this.now(),
      endpoints.length,
    );
    if (r.ok || (r.kind === 'timeout' && r.connected) || r.kind === 'reset' || r.kind.startsWith('tls'))
      return { result: r, flags: '-', service: svc, pod };
    return { ...this.closed(req, 'UF', svc), pod };
  }

  /** Envoy closes the downstream connection: the client reads nothing. */
  private closed(req: L4Request, flags: string, svc?: StoredObject): RoutedResult {
    const failure: HttpFailure = {
      ok: false,
      kind: 'empty-reply',
      error: 'empty-reply',
      host: req.clientHost,
      port: req.port,
      latencyMs: this.rng.int(1, 3),
      ...(svc ? { service: podKey(svc) } : {}),
    };
    return { result: failure, flags, service: svc };
  }
}
