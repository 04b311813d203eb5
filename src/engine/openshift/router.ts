/**
 * The default IngressController's router: a `router-default` Deployment in openshift-ingress whose pods
 * answer HTTP(S) for every admitted Route. Route hosts resolve (the *.apps wildcard record) to the
 * router's internal Service; the router picks the Route by host and longest path, a backend by weight
 * (to + alternateBackends), and forwards to one of that Service's endpoints through the network.
 */
import type { KObject, StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { ROUTER_NOT_AVAILABLE } from '../images/catalog-openshift';
import type { Network } from '../network/network';
import type { PodHttpAnswer, PodRequest } from '../network/types';
import type { Rng } from '../sim/rng';
import { ROUTES } from './routes';

export const ROUTER_NAMESPACE = 'openshift-ingress';
export const ROUTER_SERVICE = 'router-internal-default';
const ROUTER_LABEL = 'ingresscontroller.operator.openshift.io/deployment-ingresscontroller';
const ROUTER_IMAGE = 'quay.io/openshift/origin-haproxy-router:4.17';

const unavailable: PodHttpAnswer = {
  status: 503,
  body: ROUTER_NOT_AVAILABLE,
  headers: { 'Content-Type': 'text/html' },
};

export function routerObjects(): KObject[] {
  const labels = { [ROUTER_LABEL]: 'default' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ROUTER_NAMESPACE } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'router-default', namespace: ROUTER_NAMESPACE, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'router',
                image: ROUTER_IMAGE,
                ports: [
                  { name: 'http', containerPort: 80, protocol: 'TCP' },
                  { name: 'https', containerPort: 443, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 1936, protocol: 'TCP' },
                ],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: ROUTER_SERVICE, namespace: ROUTER_NAMESPACE, labels },
      spec: {
        selector: labels,
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
          { name: 'metrics', port: 1936, targetPort: 1936, protocol: 'TCP' },
        ],
      },
    },
  ];
}

/** The Route for a host and path: exact host, longest matching path prefix. */
export function matchRoute(routes: StoredObject[], host: string, path: string): StoredObject | undefined {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  let best: StoredObject | undefined;
  for (const r of routes) {
    if (String(r.spec?.host ?? '').toLowerCase() !== hostname) continue;
    if (
      !r.status?.ingress?.some((i: { conditions?: { type: string; status: string }[] }) =>
        i.conditions?.some((c) => c.type === 'Admitted' && c.status === 'True'),
      )
    )
      continue;
    const p = r.spec.path ?? '';
    if (p && !path.startsWith(p)) continue;
    if (!best || p.length > (best.spec.path ?? '').length) best = r;
  }
  return best;
}

export class Router {
  constructor(
    private readonly ctx: EngineContext,
    private readonly rng: Rng,
  ) {}

  /** Point a Route's host at the router (the wildcard DNS record of the apps domain). */
  publish(network: Network, host: string): void {
    const svc = this.ctx.api.tryGet('services', ROUTER_NAMESPACE, ROUTER_SERVICE);
    if (svc?.spec?.clusterIP) network.dns.externalHosts.set(host.toLowerCase(), svc.spec.clusterIP);
  }

  /**
   * The ingress operator's wildcard DNS record `*.apps.<domain>` → the router: any name under the apps
   * domain resolves (an unknown host then gets the router's 503 page), not only admitted Routes' hosts.
   * The cluster DNS has exact external names only, so its lookup falls back to this for the apps domain.
   */
  publishWildcard(network: Network): void {
    const hosts = network.dns.externalHosts;
    const exact = hosts.get.bind(hosts);
    const suffix = `.${this.ctx.config.appsDomain}`;
    hosts.get = (name: string) => {
      const ip = exact(name);
      if (ip !== undefined || !name.endsWith(suffix) || name.length === suffix.length) return ip;
      return this.ctx.api.tryGet('services', ROUTER_NAMESPACE, ROUTER_SERVICE)?.spec?.clusterIP;
    };
  }

  handle(network: Network, req: PodRequest): PodHttpAnswer | undefined {
    if (req.pod.metadata.labels?.[ROUTER_LABEL] !== 'default' || (req.port !== 80 && req.port !== 443))
      return undefined;
    const host = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '';
    const route = matchRoute(this.ctx.api.list(ROUTES), host, req.path);
    if (!route) return unavailable;
    const tls = route.spec.tls as
      | { termination?: string; insecureEdgeTerminationPolicy?: string }
      | undefined;
    if (req.port === 443) {
      if (!tls) return unavailable;
      // Edge and reencrypt present the router's wildcard certificate, signed by the ingress operator's CA.
      if (req.scheme === 'https' && !req.insecure && tls.termination !== 'passthrough')
        return { fail: 'tls-untrusted' };
    } else if (tls) {
      const policy = tls.insecureEdgeTerminationPolicy ?? 'None';
      if (tls.termination === 'passthrough' || policy === 'None') return unavailable;
      if (policy === 'Redirect') {
        return {
          status: 302,
          body: '',
          headers: {
            Location: `https://${host.replace(/:\d+$/, '')}${req.path}`,
            'Cache-Control': 'no-cache',
          },
        };
      }
    }
    const svcName = this.pickBackend(route);
    const svc = svcName ? this.ctx.api.tryGet('services', route.metadata.namespace, svcName) : undefined;
    if (!svc) return unavailable;
    const want = route.spec.port?.targetPort;
    const ports = (svc.spec?.ports ?? []) as { name?: string; port: number; targetPort?: number | string }[];
    const sp =
      want === undefined
        ? ports[0]
        : ports.find((p) => p.name === want || p.targetPort === want || p.port === want);
    if (!sp) return unavailable;
    const { pods } = network.proxy.endpointsFor(svc, sp as never);
    if (pods.length === 0) return unavailable;
    const [target, port] = pods[pods.length === 1 ? 0 : this.rng.int(0, pods.length - 1)];
    const upstream = network.connect(
      req.pod,
      target.status?.podIP ?? '',
      port,
      req.method,
      req.path,
      {
        ...req.headers,
        Forwarded: `for=${req.clientIP};host=${host};proto=${req.port === 443 ? 'https' : 'http'}`,
        'X-Forwarded-For': req.clientIP,
        'X-Forwarded-Host': host,
        'X-Forwarded-Port': String(req.port),
        'X-Forwarded-Proto': req.port === 443 ? 'https' : 'http',
      },
      { timeoutMs: 30_000 },
    );
    if (upstream.ok)
      return {
        status: upstream.status,
        body: upstream.body,
        headers: upstream.headers,
        latencyMs: upstream.latencyMs,
      };
    if (upstream.kind === 'timeout') {
      return {
        status: 504,
        body: "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n",
        headers: { 'Content-Type': 'text/html' },
      };
    }
    return unavailable;
  }

  /** A backend Service by weight among `to` and `alternateBackends` (weight 0 gets no traffic). */
  private pickBackend(route: StoredObject): string | undefined {
    const backends = [route.spec.to, ...(route.spec.alternateBackends ?? [])].filter(Boolean) as {
      name: string;
      weight?: number;
    }[];
    const total = backends.reduce((s, b) => s + (b.weight ?? 100), 0);
    if (total <= 0) return undefined;
    let n = this.rng.int(0, total - 1);
    for (const b of backends) {
      n -= b.weight ?? 100;
      if (n < 0) return b.name;
    }
    return backends[0]?.name;
  }
}

/**
 * Where traffic for a Route goes (for the traffic model's targets): the router's Service address, the
 * port its TLS termination listens on, and the Route's host and path as the Host header and URL path.
 */
export function routeTarget(
  ctx: EngineContext,
  namespace: string,
  name: string,
): { ip: string; port: number; host: string; path: string } | undefined {
  const route = ctx.api.tryGet(ROUTES, namespace, name);
  const svc = ctx.api.tryGet('services', ROUTER_NAMESPACE, ROUTER_SERVICE);
  if (!route?.spec?.host || !svc?.spec?.clusterIP) return undefined;
  return {
    ip: svc.spec.clusterIP,
    port: route.spec.tls ? 443 : 80,
    host: route.spec.host,
    path: route.spec.path || '/',
  };
}
