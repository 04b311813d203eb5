/**
 * Per-request HTTP routing as the client-side Envoy does it (a sidecar, or the ingress gateway): the
 * VirtualService bound to the caller (gateway or mesh), its first matching http route, redirect / fault /
 * rewrite, a weighted destination, the DestinationRule subset and traffic policy, then attempts to an
 * endpoint with retries and the route timeout. Answers Envoy makes itself carry its status, body and
 * response flag (NR no route, UH no healthy upstream, UF connection failure, UO overflow, FI fault abort,
 * UT upstream timeout).
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import type { Network } from '../network/network';
import type { HttpResult, HttpSuccess, OutboundCall, RequestOptions } from '../network/types';
import { STATUS_TEXT } from '../network/url';
import type { Rng } from '../sim/rng';
import { fqdn, type MeshConfig } from './config';
import { durationMs, type Endpoint, podKey, type TrafficPolicy, type Upstreams } from './destination';
import { authorityOf } from './gateway';
import {
  applyHeaderOps,
  type HttpRoute,
  lowerKeys,
  type RouteDestination,
  withEnvoyHeaders,
} from './http-route';
import { type HttpMatch, type MatchInput, matchOne, rewritePath } from './match';
import { pickWeighted, resolveUpstream } from './upstream';

export interface RouteRequest {
  /** The destination host as a FQDN (the Service addressed), or the Host header at a gateway. */
  host: string;
  /** Host header without port. */
  authority: string;
  /** Service port (mesh) or gateway server port. */
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  opts: RequestOptions;
}

/** The request a sidecar's Envoy routes for a call its pod made to `host` (a Service FQDN or ServiceEntry host). */
export function outboundRequest(call: OutboundCall, host: string): RouteRequest {
  return {
    host,
    authority: authorityOf(call.headers),
    port: call.port,
    method: call.method,
    path: call.path,
    headers: call.headers,
    opts: call.opts,
  };
}

export interface RouteSource {
  pod: StoredObject;
  /** 'mesh' for a sidecar, `ns/name` of the Gateway for the ingress gateway. */
  gateway: string;
}

/** Send one attempt to an endpoint; the mesh wraps it with the peer identity for the server's proxy. */
export type AttemptFn = (
  pod: StoredObject,
  podPort: number,
  svc: StoredObject,
  path: string,
  headers: Record<string, string>,
  /** How the connection to the endpoint is made (TLS passed through by a gateway); default plaintext. */
  opts?: RequestOptions,
) => HttpResult;

export interface RoutedResult {
  result: HttpResult;
  flags: string;
  /** The Service the request went to, and the pod that answered the last attempt. */
  service?: StoredObject;
  pod?: StoredObject;
}

const DEFAULT_RETRY_ON = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';
const UF_BODY = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure';
const UO_BODY = 'upstream connect error or disconnect/reset before headers. reset reason: overflow';

/**
 * A destination outside the Service registry (a ServiceEntry host): answers the request as the upstream
 * would, or undefined when the host has no endpoint Envoy can reach.
 */
export type ExternalUpstream = (host: string, port: number, req: RouteRequest) => RoutedResult | undefined;

export class MeshRouter {
  /** Set by the mesh: how ServiceEntry hosts answer. */
  external: ExternalUpstream | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly net: Network,
    private readonly config: MeshConfig,
    private readonly upstreams: Upstreams,
    private readonly rng: Rng,
  ) {}

  route(
    src: RouteSource,
    input: RouteRequest,
    attempt: AttemptFn,
    defaultService?: StoredObject,
  ): RoutedResult {
    const routed = this.routeRequest(src, withEnvoyHeaders(input, this.rng), attempt, defaultService);
    const r = routed.result;
    if (!r.ok || r.podName === '' || routed.flags !== '-') return routed;
    // What the client sees of an upstream answer through Envoy: lower-case names, Envoy's own headers.
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
    headers.server = 'envoy';
    headers['x-envoy-upstream-service-time'] = String(Math.max(0, r.latencyMs - 1));
    return { ...routed, result: { ...r, headers } };
  }

  private routeRequest(
    src: RouteSource,
    req: RouteRequest,
    attempt: AttemptFn,
    defaultService?: StoredObject,
  ): RoutedResult {
    const srcNs = src.pod.metadata.namespace ?? 'default';
    const vs = this.config.virtualServiceFor(req.host, src.gateway, srcNs);
    if (!vs) {
      if (!defaultService)
        return this.external?.(req.host, req.port, req) ?? this.envoy(req, 404, '', 'NR', {}, defaultService);
      return this.toService(
        src,
        req,
        attempt,
        defaultService,
        { destination: { host: req.host } },
        undefined,
        srcNs,
      );
    }
    const vsNs = vs.metadata.namespace ?? 'default';
    const input: MatchInput = {
      path: req.path,
      method: req.method,
      authority: req.authority,
      headers: lowerKeys(req.headers),
      sourceLabels: src.pod.metadata.labels ?? {},
      sourceNamespace: srcNs,
      gateway: src.gateway,
      port: req.port,
    };
    let matched: HttpMatch | undefined;
    const route = ((vs.spec?.http ?? []) as HttpRoute[]).find((r) => {
      if (!r.match?.length) return true;
      matched = r.match.find((m) => matchOne(m, input, vsNs));
      return matched !== undefined;
    });
    if (!route) return this.envoy(req, 404, '', 'NR', {}, defaultService);
    if (route.redirect) {
      const r = route.redirect;
      const rawHost =
        Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? req.authority;
      const location = `${r.scheme ?? req.opts.scheme ?? 'http'}://${r.authority ?? rawHost}${r.uri ?? req.path}`;
      return this.envoy(req, r.redirectCode ?? 301, '', '-', { location }, defaultService);
    }
    if (route.directResponse)
      return this.envoy(
        req,
        route.directResponse.status,
        route.directResponse.body?.string ?? '',
        '-',
        {},
        defaultService,
      );
    let extraDelayMs = 0;
    let flags = '-';
    const fault = route.fault;
    if (fault?.abort && this.rng.chance((fault.abort.percentage?.value ?? 100) / 100)) {
      return this.envoy(req, fault.abort.httpStatus ?? 503, 'fault filter abort', 'FI', {}, defaultService);
    }
    if (
      fault?.delay &&
      this.rng.chance((fault.delay.percentage?.value ?? fault.delay.percent ?? 100) / 100)
    ) {
      extraDelayMs = durationMs(fault.delay.fixedDelay, 0);
      flags = 'DI';
    }
    const dest = pickWeighted(route.route ?? [], this.rng);
    if (!dest) return this.envoy(req, 404, '', 'NR', {}, defaultService);
    const headers = applyHeaderOps(
      route.rewrite?.authority ? { ...req.headers, host: route.rewrite.authority } : req.headers,
      route.headers?.request,
    );
    const rewritten = { ...req, path: rewritePath(req.path, matched, route.rewrite), headers };
    if (route.mirror && this.rng.chance((route.mirrorPercentage?.value ?? 100) / 100)) {
      // Mirrored traffic is fire-and-forget: its answer is dropped, its Host gets `-shadow`.
      const mirrorReq = { ...rewritten, headers: { ...headers, host: `${req.authority}-shadow` } };
      this.toService(src, mirrorReq, attempt, undefined, { destination: route.mirror }, undefined, vsNs);
    }
    const routed = this.toService(src, rewritten, attempt, undefined, dest, route, vsNs);
    if (extraDelayMs === 0) return routed;
    return {
      ...routed,
      flags: routed.flags === '-' ? flags : routed.flags,
      result: this.delayed(routed.result, extraDelayMs, req.opts),
    };
  }

  /** Resolve a destination to its Service, subset and endpoints, and make the attempts. */
  private toService(
    src: RouteSource,
    req: RouteRequest,
    attempt: AttemptFn,
    known: StoredObject | undefined,
    dest: RouteDestination,
    route: HttpRoute | undefined,
    vsNs: string,
  ): RoutedResult {
    const domain = this.config.domain;
    const host = fqdn(dest.destination.host, vsNs, domain);
    const svc = known ?? this.serviceFor(host);
    if (!svc)
      return (
        this.external?.(dest.destination.host, dest.destination.port?.number ?? req.port, req) ??
        this.envoy(req, 503, 'no healthy upstream', 'UH')
      );
    const srcNs = src.pod.metadata.namespace ?? 'default';
    const upstream = resolveUpstream(this.config, this.net.proxy, svc, host, srcNs, dest, req.port);
    // A port the Service lacks, or a subset no DestinationRule defines, has no Envoy cluster: 503 NR.
    if (!upstream.ok) return this.envoy(req, 503, '', 'NR', {}, svc);
    const { subsetName, policy, endpoints } = upstream;
    const key = `${podKey(svc)}|${subsetName ?? ''}`;
    const now = this.ctx.clock.now();
    if (this.upstreams.overflow(key, policy, now)) return this.envoy(req, 503, UO_BODY, 'UO', {}, svc);
    return this.attempts(req, attempt, svc, endpoints, policy, key, route);
  }

  private attempts(
    req: RouteRequest,
    attempt: AttemptFn,
    svc: StoredObject,
    endpoints: Endpoint[],
    policy: TrafficPolicy,
    key: string,
    route: HttpRoute | undefined,
  ): RoutedResult {
    const retries = route?.retries;
    const maxRetries = retries?.attempts ?? 2;
    const retryOn = new Set((retries?.retryOn ?? DEFAULT_RETRY_ON).split(',').map((s) => s.trim()));
    const perTryMs = retries?.perTryTimeout ? durationMs(retries.perTryTimeout, 0) : undefined;
    const timeoutMs = route?.timeout ? durationMs(route.timeout, 0) : undefined;
    const now = this.ctx.clock.now();
    let spent = 0;
    let last: RoutedResult | undefined;
    for (let n = 0; n <= maxRetries; n++) {
      const ep = this.upstreams.pick(key, endpoints, policy, now);
      if (!ep) return last ?? this.envoy(req, 503, 'no healthy upstream', 'UH', {}, svc);
      const [pod, podPort] = ep;
      const headers = { ...req.headers, 'x-envoy-attempt-count': String(n + 1) };
      let r = attempt(pod, podPort, svc, req.path, headers);
      let flags = '-';
      if (perTryMs && r.latencyMs > perTryMs) {
        r = this.answer(req, 504, 'upstream request timeout', perTryMs, {}, svc, pod);
        flags = 'UT';
      } else if (!r.ok) {
        if (r.kind === 'timeout' && r.connected && timeoutMs === undefined) {
          // No route timeout: the client waits for the hung upstream; its own timeout decides.
          this.upstreams.observe(key, pod, 'failed', r.latencyMs, policy, now, endpoints.length);
          return { result: r, flags: 'UT', service: svc, pod };
        }
        r = this.answer(req, 503, UF_BODY, r.latencyMs, {}, svc, pod);
        flags = 'UF';
      }
      spent += r.latencyMs;
      this.upstreams.observe(
        key,
        pod,
        flags === 'UF' ? 'failed' : (r as HttpSuccess).status,
        r.latencyMs,
        policy,
        now,
        endpoints.length,
      );
      last = { result: r, flags, service: svc, pod };
      if (timeoutMs !== undefined && spent > timeoutMs) {
        return { ...this.envoy(req, 504, 'upstream request timeout', 'UT', {}, svc, timeoutMs), pod };
      }
      const status = (r as HttpSuccess).status;
      const retriable =
        (flags === 'UF' && (retryOn.has('connect-failure') || retryOn.has('5xx') || retryOn.has('reset'))) ||
        (status >= 500 && retryOn.has('5xx')) ||
        ((status === 502 || status === 503 || status === 504) && retryOn.has('gateway-error')) ||
        (status === 503 && retryOn.has('retriable-status-codes'));
      if (!retriable || n === maxRetries) break;
      // Envoy's retry back-off: 25 ms base with full jitter.
      spent += this.rng.int(0, 25);
    }
    const final = last!;
    if (final.result.latencyMs === spent) return final;
    return { ...final, result: { ...final.result, latencyMs: spent } as HttpResult };
  }

  private delayed(r: HttpResult, delayMs: number, opts: RequestOptions): HttpResult {
    const latencyMs = r.latencyMs + delayMs;
    if (opts.timeoutMs !== undefined && latencyMs > opts.timeoutMs) {
      return {
        ok: false,
        kind: 'timeout',
        connected: true,
        host: r.ok ? r.remoteIP : r.host,
        port: r.port,
        latencyMs: opts.timeoutMs,
        error: 'timeout',
        ...(r.ok ? { service: r.service, remoteIP: r.remoteIP, ip: r.ip } : {}),
      };
    }
    return { ...r, latencyMs } as HttpResult;
  }

  private serviceFor(host: string): StoredObject | undefined {
    const m = /^([^.]+)\.([^.]+)\.svc\./.exec(host);
    return m ? this.ctx.api.store.get('services', m[2], m[1]) : undefined;
  }

  /** An answer Envoy makes itself (no upstream pod). */
  private envoy(
    req: RouteRequest,
    status: number,
    body: string,
    flags: string,
    headers: Record<string, string> = {},
    svc?: StoredObject,
    latencyMs = this.rng.int(0, 1),
  ): RoutedResult {
    return { result: this.answer(req, status, body, latencyMs, headers, svc), flags, service: svc };
  }

  private answer(
    req: RouteRequest,
    status: number,
    body: string,
    latencyMs: number,
    headers: Record<string, string>,
    svc?: StoredObject,
    pod?: StoredObject,
  ): HttpSuccess {
    const ip = svc?.spec?.clusterIP ?? '';
    return {
      ok: true,
      status,
      statusText: STATUS_TEXT[status] ?? '',
      body,
      headers: {
        ...(body ? { 'content-length': String(body.length), 'content-type': 'text/plain' } : {}),
        ...headers,
        server: 'envoy',
      },
      latencyMs,
      podName: pod ? podKey(pod) : '',
      podIP: pod?.status?.podIP ?? '',
      remoteIP: ip,
      remotePort: req.port,
      ...(svc ? { service: podKey(svc) } : {}),
      ip,
      port: req.port,
    };
  }
}
