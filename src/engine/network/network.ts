/**
 * The in-cluster network: DNS from a pod's point of view, kube-proxy's routing, and HTTP requests that
 * end in the target pod's handler (the kubelet's container runtime, or an interceptor such as the ingress
 * controller). Every request is logged for the traffic model and the UI. Results carry failure kinds
 * that tool-output.ts turns into what curl, wget and nslookup print.
 */
import type { StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { parseIPv4 } from '../services/ipv4';
import { ServiceMembership } from '../services/service-membership';
import type { Rng } from '../sim/rng';
import { apiserverAnswer } from './apiserver-endpoint';
import { ClusterDns } from './dns';
import { NetworkPolicies } from './network-policy';
import { KubeProxy, keyOf, type Route } from './proxy';
import { RequestLog } from './request-log';
import type {
  DeliverFn,
  DnsResult,
  FailureKind,
  HttpFailure,
  HttpResult,
  OutboundCall,
  OutboundHook,
  PodHttpAnswer,
  PodInterceptor,
  PodRequest,
  RequestOptions,
  ShellNetError,
} from './types';
import { parseUrl, STATUS_TEXT } from './url';

/** The address requests from outside the cluster come from (the docker bridge gateway on kind). */
export const EXTERNAL_CLIENT_IP = '172.18.0.1';
/** How long Linux retries a SYN nobody answers before connect() fails (tcp_syn_retries = 6). */
export const KERNEL_CONNECT_TIMEOUT_MS = 130_000;
/** How long an unanswered ARP takes to become "No route to host". */
export const NO_ROUTE_MS = 3_060;
/** glibc's resolver: 5 s per try, 2 tries, when no nameserver answers. */
export const DNS_TIMEOUT_MS = 10_000;
/** A hung server with no client timeout: the request is given up after this long. */
export const HANG_GIVE_UP_MS = 300_000;

/** The kubelet's HTTP entry point (H3 publishes it on ctx.services). */
interface PodHttpHandler {
  handleHttp(
    pod: StoredObject,
    port: number,
    method: string,
    path: string,
    headers: Record<string, string>,
    opts?: { clientIP?: string; timeoutMs?: number; body?: string },
  ): unknown;
}

const HANDLER_SERVICES = ['kubelets', 'kubelet', 'kubelet-access', 'runtime'];

export class Network {
  readonly dns: ClusterDns;
  readonly proxy: KubeProxy;
  readonly log = new RequestLog();
  readonly policies: NetworkPolicies;
  private readonly interceptors: PodInterceptor[] = [];
  private readonly outboundHooks: OutboundHook[] = [];
  /** Extra API server endpoints (OpenShift's build webhooks); undefined leaves the path to the default answer. */
  private readonly apiserverHandlers: ((req: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string;
  }) => PodHttpAnswer | undefined)[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly rng: Rng,
  ) {
    this.dns = new ClusterDns(ctx);
    this.policies = new NetworkPolicies(ctx);
    this.proxy = new KubeProxy(ctx, rng.fork('kube-proxy'));
  }

  /** Resolve a name as `fromPod` would (nslookup, getent); null resolves from a node (no cluster DNS). */
  lookup(fromPod: StoredObject | null, name: string): DnsResult {
    const resolver = this.dns.resolverFor(fromPod);
    const literal = parseIPv4(name) !== undefined || name === 'localhost';
    if (resolver && fromPod && !literal && !this.dnsAllowed(fromPod)) {
      return { ok: false, kind: 'dns-unreachable', name, error: 'timeout' };
    }
    return this.dns.resolve(resolver, name);
  }

  /** An egress policy that does not allow port 53 to CoreDNS makes every lookup time out. */
  private dnsAllowed(pod: StoredObject): boolean {
    if (this.policies.selecting(pod, 'Egress').length === 0) return true;
    const src = { pod, ip: pod.status?.podIP ?? '' };
    const servers = ServiceMembership.of(this.ctx).members('kube-system', 'kube-dns') ?? [];
    if (servers.length === 0) return this.policies.allowed(src, { ip: this.dns.serverIP }, 53, 'UDP');
    return servers.some((p) => this.policies.allowed(src, { pod: p, ip: p.status?.podIP ?? '' }, 53, 'UDP'));
  }

  /** Reverse lookup (nslookup <ip>): the PTR name, or undefined for NXDOMAIN. */
  reverseLookup(ip: string): string | undefined {
    return this.dns.reverse(ip);
  }

  /**
   * Let a proxy in the client's pod handle a connection before kube-proxy routes it (Istio's sidecar and
   * gateway): the hook returns a result, or undefined to leave the connection to kube-proxy. `deliver`
   * sends the request to the endpoint the hook chose, through NetworkPolicies and the pod's handler, logged
   * under `service`.
   */
  addOutboundHook(fn: OutboundHook): void {
    this.outboundHooks.push(fn);
  }

  /** Serve more API server paths (a handler returns undefined for paths it does not own). */
  addApiserverHandler(fn: (typeof this.apiserverHandlers)[number]): void {
    this.apiserverHandlers.push(fn);
  }

  /** Answer requests to some pods before the kubelet does (the ingress controller's nginx). */
  addInterceptor(fn: PodInterceptor): void {
    this.interceptors.push(fn);
  }

  /** An HTTP request from a pod (or from outside the cluster with null) to a URL. */
  request(fromPod: StoredObject | null, url: string, opts: RequestOptions = {}): HttpResult {
    const parsed = parseUrl(url);
    if (!parsed) return this.fail(fromPod, { ok: false, kind: 'bad-url', host: url, port: 0, latencyMs: 0 });
    const { host, port, path } = parsed;
    const pinned = opts.resolve?.[`${host.toLowerCase()}:${port}`];
    const resolved: DnsResult = pinned
      ? { ok: true, fqdn: host, addresses: [pinned] }
      : this.lookup(fromPod, host.replace(/^\[|\]$/g, ''));
    if (!resolved.ok) {
      const latencyMs =
        resolved.kind === 'dns-unreachable'
          ? Math.min(DNS_TIMEOUT_MS, opts.timeoutMs ?? DNS_TIMEOUT_MS)
          : this.rng.int(1, 4);
      return this.fail(fromPod, { ok: false, kind: resolved.kind, host, port, latencyMs });
    }
    if (resolved.addresses.length === 0)
      return this.fail(fromPod, { ok: false, kind: 'resolve', host, port, latencyMs: this.rng.int(1, 4) });
    const ip = resolved.addresses.length === 1 ? resolved.addresses[0] : this.rng.pick(resolved.addresses);
    // Like curl: a Host header the caller sets (in any case) replaces the one derived from the URL.
    const given = opts.headers ?? {};
    const hasHost = Object.keys(given).some((k) => k.toLowerCase() === 'host');
    const headers = hasHost
      ? { ...given }
      : { Host: port === (parsed.scheme === 'https' ? 443 : 80) ? host : `${host}:${port}`, ...given };
    return this.connect(
      fromPod,
      ip,
      port,
      opts.method ?? 'GET',
      path,
      headers,
      { scheme: parsed.scheme, ...opts },
      host,
    );
  }

  /**
   * Open a connection to `ip:port` and send one request (after DNS). Interceptors use it to proxy on
   * (the ingress controller forwarding to a backend Service's ClusterIP).
   */
  connect(
    fromPod: StoredObject | null,
    ip: string,
    port: number,
    method: string,
    path: string,
    headers: Record<string, string>,
    opts: RequestOptions = {},
    host = ip,
  ): HttpResult {
    const clientIP = fromPod?.status?.podIP ?? EXTERNAL_CLIENT_IP;
    if (this.outboundHooks.length > 0 && !ip.startsWith('127.')) {
      const call: OutboundCall = { fromPod, ip, port, method, path, headers, opts, host };
      const deliver: DeliverFn = (pod, podPort, svc, p = path, h = headers) =>
        this.deliver(
          fromPod,
          { kind: 'pod', pod, port: podPort, service: svc },
          ip,
          port,
          method,
          p,
          h,
          opts,
          host,
        );
      for (const hook of this.outboundHooks) {
        const handled = hook(call, deliver);
        if (handled) return handled;
      }
    }
    const route: Route =
      ip.startsWith('127.') && fromPod
        ? { kind: 'pod', pod: fromPod, port }
        : this.proxy.route(fromPod, clientIP, ip, port);
    return this.deliver(fromPod, route, ip, port, method, path, headers, opts, host);
  }

  /** Carry a connection kube-proxy (or an outbound hook) routed: NetworkPolicies, the pod's answer, the log. */
  private deliver(
    fromPod: StoredObject | null,
    route: Route,
    ip: string,
    port: number,
    method: string,
    path: string,
    headers: Record<string, string>,
    opts: RequestOptions,
    host: string,
  ): HttpResult {
    const clientIP = fromPod?.status?.podIP ?? EXTERNAL_CLIENT_IP;
    const service = route.service ? keyOf(route.service) : undefined;
    const base = { ok: false as const, host, port, remoteIP: ip, service };
    if (route.kind === 'apiserver') return this.toApiserver(fromPod, base, path, opts, method, headers);
    if (route.kind !== 'pod') {
      const latencyMs =
        route.kind === 'refused'
          ? this.rng.int(1, 3)
          : route.kind === 'no-route'
            ? Math.min(NO_ROUTE_MS, opts.connectTimeoutMs ?? opts.timeoutMs ?? NO_ROUTE_MS)
            : (opts.connectTimeoutMs ?? opts.timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS + this.rng.int(0, 3000));
      const kind: FailureKind = route.kind === 'no-route' && latencyMs < NO_ROUTE_MS ? 'timeout' : route.kind;
      return this.fail(fromPod, { ...base, kind, latencyMs });
    }
    const loopback = fromPod !== null && route.pod.metadata.uid === fromPod.metadata.uid;
    const dst = { pod: route.pod, ip: route.pod.status?.podIP ?? '' };
    if (!loopback && !this.policies.allowed({ pod: fromPod ?? undefined, ip: clientIP }, dst, route.port)) {
      // Dropped by a NetworkPolicy: nothing answers, the client's timeout (or the kernel's) decides.
      const latencyMs =
        opts.connectTimeoutMs ?? opts.timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS + this.rng.int(0, 3000);
      return this.fail(fromPod, { ...base, kind: 'timeout', podName: keyOf(route.pod), latencyMs });
    }
    const req: PodRequest = {
      pod: route.pod,
      port: route.port,
      method,
      path,
      headers,
      clientIP,
      scheme: opts.scheme ?? 'http',
      insecure: opts.insecure ?? false,
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      ...(parseIPv4(host) === undefined && host !== ip ? { sni: host.toLowerCase() } : {}),
      ...(opts.clientCert ? { clientCert: true } : {}),
    };
    const answer = this.answer(req);
    const podName = keyOf(route.pod);
    const hop = this.rng.int(1, 3);
    if ('refused' in answer) return this.fail(fromPod, { ...base, kind: 'refused', podName, latencyMs: hop });
    if ('fail' in answer) {
      if (answer.fail !== 'dropped')
        return this.fail(fromPod, { ...base, kind: answer.fail, podName, latencyMs: hop });
      const latencyMs = opts.connectTimeoutMs ?? opts.timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS;
      return this.fail(fromPod, { ...base, kind: 'timeout', podName, latencyMs });
    }
    if ('hang' in answer) {
      const latencyMs = opts.timeoutMs ?? HANG_GIVE_UP_MS;
      return this.fail(fromPod, { ...base, kind: 'timeout', connected: true, podName, latencyMs });
    }
    const latencyMs = hop + Math.round(answer.latencyMs ?? 0);
    if (opts.timeoutMs !== undefined && latencyMs > opts.timeoutMs) {
      return this.fail(fromPod, {
        ...base,
        kind: 'timeout',
        connected: true,
        podName,
        latencyMs: opts.timeoutMs,
      });
    }
    this.log.record({
      atMs: this.ctx.clock.now(),
      from: fromPod ? keyOf(fromPod) : null,
      service,
      to: podName,
      status: answer.status,
      latencyMs,
    });
    return {
      ok: true,
      status: answer.status,
      statusText: STATUS_TEXT[answer.status] ?? '',
      body: answer.body,
      headers: answer.headers ?? {},
      latencyMs,
      podName,
      podIP: route.pod.status?.podIP ?? '',
      remoteIP: ip,
      remotePort: port,
      service,
      ip,
      port,
    };
  }

  /** The API server answers like any HTTPS server with a cluster-CA certificate. */
  private toApiserver(
    fromPod: StoredObject | null,
    base: Omit<HttpFailure, 'kind' | 'latencyMs' | 'error' | 'ip'>,
    path: string,
    opts: RequestOptions,
    method = 'GET',
    headers: Record<string, string> = {},
  ): HttpResult {
    const scheme = opts.scheme ?? 'http';
    const latencyMs = this.rng.int(2, 6);
    if (scheme === 'https' && !opts.insecure)
      return this.fail(fromPod, { ...base, kind: 'tls-untrusted', latencyMs });
    const extra =
      scheme === 'https'
        ? this.apiserverHandlers
            .map((h) => h({ method, path, headers, body: opts.body }))
            .find((a) => a && 'status' in a)
        : undefined;
    const answer = (extra ?? apiserverAnswer(this.ctx.config.kubernetesVersion, scheme, path)) as {
      status: number;
      body: string;
      headers?: Record<string, string>;
    };
    this.log.record({
      atMs: this.ctx.clock.now(),
      from: fromPod ? keyOf(fromPod) : null,
      service: base.service,
      status: answer.status,
      latencyMs,
    });
    return {
      ok: true,
      status: answer.status,
      statusText: STATUS_TEXT[answer.status] ?? '',
      body: answer.body,
      headers: answer.headers ?? {},
      latencyMs,
      podName: '',
      podIP: '',
      remoteIP: base.remoteIP ?? '',
      remotePort: base.port,
      service: base.service,
      ip: base.remoteIP ?? '',
      port: base.port,
    };
  }

  private answer(req: PodRequest): PodHttpAnswer {
    for (const intercept of this.interceptors) {
      const a = intercept(req);
      if (a) return a;
    }
    const handler = this.podHandler();
    if (!handler) return { refused: true };
    return normalize(
      handler.handleHttp(req.pod, req.port, req.method, req.path, req.headers, {
        clientIP: req.clientIP,
        ...(req.body !== undefined ? { body: req.body } : {}),
      }),
    );
  }

  private podHandler(): PodHttpHandler | undefined {
    for (const name of HANDLER_SERVICES) {
      const s = this.ctx.services.get(name) as Partial<PodHttpHandler> | undefined;
      if (s && typeof s.handleHttp === 'function') return s as PodHttpHandler;
    }
    return undefined;
  }

  private fail(fromPod: StoredObject | null, input: Omit<HttpFailure, 'error' | 'ip'>): HttpFailure {
    const failure: HttpFailure = {
      ...input,
      error: SHELL_ERROR[input.kind],
      ...(input.remoteIP ? { ip: input.remoteIP } : {}),
    };
    this.log.record({
      atMs: this.ctx.clock.now(),
      from: fromPod ? keyOf(fromPod) : null,
      service: failure.service,
      to: failure.podName,
      error: failure.kind,
      latencyMs: failure.latencyMs,
    });
    return failure;
  }
}

const SHELL_ERROR: Record<FailureKind, ShellNetError> = {
  resolve: 'resolve',
  'dns-unreachable': 'resolve',
  refused: 'refused',
  timeout: 'timeout',
  'no-route': 'unreachable',
  'bad-url': 'resolve',
  'tls-untrusted': 'tls',
  'empty-reply': 'empty-reply',
  reset: 'reset',
  'tls-handshake': 'tls-handshake',
  'tls-cert-required': 'tls-cert-required',
};

/**
 * Accept the kubelet's answer (KubeletAccess.handleHttp: `{ok, status, body}` or `{ok: false, error}`)
 * and the interceptors' shapes: a response, a hang, a refusal or a TCP-level failure.
 */
function normalize(raw: unknown): PodHttpAnswer {
  if (!raw || typeof raw !== 'object') return { refused: true };
  const r = raw as Record<string, unknown>;
  if (r.refused || r.error === 'refused' || r.kind === 'refused') return { refused: true };
  if (r.hang || r.kind === 'hang' || r.error === 'timeout') return { hang: true };
  if (r.error === 'unreachable' || r.error === 'down') return { fail: 'dropped' };
  if (r.error === 'empty-reply') return { fail: 'empty-reply' };
  if (r.error === 'reset') return { fail: 'reset' };
  if (r.ok === false) return { refused: true };
  if (typeof r.status === 'number') {
    return {
      status: r.status,
      body: typeof r.body === 'string' ? r.body : '',
      headers: (r.headers as Record<string, string>) ?? {},
      latencyMs: typeof r.latencyMs === 'number' ? r.latencyMs : 0,
    };
  }
  return { refused: true };
}

export function network(ctx: EngineContext): Network | undefined {
  return ctx.services.get('network') as Network | undefined;
}

export const networkComponent: Component = {
  name: 'network',
  start(ctx) {
    ctx.services.set('network', new Network(ctx, ctx.rng.fork('network')));
  },
};
