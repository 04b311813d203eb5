/**
 * The ingress-nginx controller's behaviour, once installed: its pods answer HTTP on 80/443 by routing to
 * the Ingresses of class `nginx` (through the network, so upstream requests show in the request log),
 * with nginx's own error pages; it publishes its Service's address in every Ingress's status and
 * records `Sync` events. Also the API server's DefaultIngressClass admission plugin.
 */

import { watchEach } from '../api/object-helpers';
import type { StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { WorkQueue } from '../controllers/workqueue';
import type { Network } from '../network/network';
import type { PodHttpAnswer, PodRequest } from '../network/types';
import { CONTROLLER_CLASS, CONTROLLER_NAME, INGRESS_NAMESPACE, installIngressNginx } from './install';
import { isNginxIngress, route } from './routing';

const INGRESSES = 'ingresses.networking.k8s.io';
const CLASSES = 'ingressclasses.networking.k8s.io';
const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';
const SOURCE = { component: 'nginx-ingress-controller' };

/** nginx's built-in error page for a status. */
export function nginxErrorPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const page = (status: number, reason: string): PodHttpAnswer => ({
  status,
  body: nginxErrorPage(status, reason),
  headers: { 'Content-Type': 'text/html' },
});

function isControllerPod(pod: StoredObject): boolean {
  const l = pod.metadata.labels ?? {};
  return l['app.kubernetes.io/name'] === 'ingress-nginx' && l['app.kubernetes.io/component'] === 'controller';
}

export class IngressNginxController {
  private readonly statusQueue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.statusQueue = new WorkQueue(ctx.clock, 'ingress-nginx-status', (k) => this.syncStatus(k), 1000);
    ctx.api.addMutatingAdmission((req) => {
      if (
        req.operation !== 'CREATE' ||
        req.resource.plural !== 'ingresses' ||
        req.resource.group !== 'networking.k8s.io'
      )
        return;
      const spec = req.object.spec ?? {};
      if (spec.ingressClassName || req.object.metadata.annotations?.['kubernetes.io/ingress.class']) return;
      const dflt = this.defaultClass();
      if (dflt) req.object.spec = { ...spec, ingressClassName: dflt };
    });
    watchEach(ctx.api, [INGRESSES, 'services', 'pods'], (e) => {
      const o = e.object;
      if (e.resource === INGRESSES && e.type !== 'DELETED') {
        this.statusQueue.add(`${o.metadata.namespace}/${o.metadata.name}`);
      } else if (
        o.metadata.namespace === INGRESS_NAMESPACE &&
        (e.resource === 'services' || e.resource === 'pods')
      ) {
        for (const ing of ctx.api.store.list(INGRESSES))
          this.statusQueue.add(`${ing.metadata.namespace}/${ing.metadata.name}`);
      }
    });
  }

  /** Install ingress-nginx into the cluster (what a lab step calls); returns `kubectl apply`-style lines. */
  install(): string[] {
    return installIngressNginx(this.ctx);
  }

  private defaultClass(): string | undefined {
    const defaults = this.ctx.api
      .list(CLASSES)
      .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true');
    return defaults.sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1))[0]
      ?.metadata.name;
  }

  private installed(): boolean {
    const cls = this.ctx.api.tryGet(CLASSES, undefined, 'nginx');
    return cls?.spec?.controller === CONTROLLER_CLASS;
  }

  private nginxIsDefault(): boolean {
    return this.ctx.api.tryGet(CLASSES, undefined, 'nginx')?.metadata.annotations?.[DEFAULT_CLASS] === 'true';
  }

  /** The address the controller publishes: its Service's LoadBalancer IP, once a controller pod is ready. */
  private publishedAddress(): string | undefined {
    const svc = this.ctx.api.tryGet('services', INGRESS_NAMESPACE, CONTROLLER_NAME);
    const ip = svc?.status?.loadBalancer?.ingress?.[0]?.ip;
    if (!ip) return undefined;
    const ready = this.ctx.api
      .list('pods', { namespace: INGRESS_NAMESPACE })
      .some(
        (p) =>
          isControllerPod(p) &&
          (p.status?.conditions ?? []).some(
            (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
          ),
      );
    return ready ? ip : undefined;
  }

  private syncStatus(key: string): void {
    const [namespace, name] = key.split('/');
    const ing = this.ctx.api.tryGet(INGRESSES, namespace, name);
    if (!ing || !this.installed() || !isNginxIngress(ing, this.nginxIsDefault())) return;
    const ip = this.publishedAddress();
    if (!ip) return;
    const loadBalancer = { ingress: [{ ip }] };
    if (JSON.stringify(ing.status?.loadBalancer) === JSON.stringify(loadBalancer)) return;
    this.ctx.api.updateStatus({ ...ing, status: { ...ing.status, loadBalancer } });
    this.ctx.events.record(ing, 'Normal', 'Sync', 'Scheduled for sync', SOURCE);
  }

  /** What a controller pod answers on its HTTP(S) ports. */
  handle(network: Network, req: PodRequest): PodHttpAnswer | undefined {
    if (!isControllerPod(req.pod) || (req.port !== 80 && req.port !== 443)) return undefined;
    const nginxDefault = this.nginxIsDefault();
    const ingresses = this.ctx.api
      .list(INGRESSES)
      .filter((i) => !i.metadata.deletionTimestamp && isNginxIngress(i, nginxDefault));
    const host = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '';
    // The controller serves its self-signed "Kubernetes Ingress Controller Fake Certificate" unless a
    // secret is configured; curl without -k refuses it.
    if (req.port === 443 && req.scheme === 'https' && !req.insecure) return { fail: 'tls-untrusted' };
    if (req.port === 443 && req.scheme === 'http') {
      return {
        status: 400,
        body: '<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
        headers: { 'Content-Type': 'text/html' },
      };
    }
    const backend = route(ingresses, host, req.path);
    if (!backend) return page(404, 'Not Found');
    // A TLS host is redirected to HTTPS (ssl-redirect, on by default).
    const hostname = host.replace(/:\d+$/, '').toLowerCase();
    const tlsHost = ((backend.ingress.spec?.tls ?? []) as { hosts?: string[] }[]).some((t) =>
      (t.hosts ?? []).includes(hostname),
    );
    const redirect =
      backend.ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/ssl-redirect'] !== 'false';
    if (tlsHost && redirect && req.port === 80) {
      return {
        ...page(308, 'Permanent Redirect'),
        headers: { 'Content-Type': 'text/html', Location: `https://${hostname}${req.path}` },
      };
    }
    const ns = backend.ingress.metadata.namespace ?? 'default';
    const svc = this.ctx.api.tryGet('services', ns, backend.service);
    if (!svc) return page(503, 'Service Temporarily Unavailable');
    const sp = ((svc.spec?.ports ?? []) as { name?: string; port: number }[]).find((p) =>
      backend.port.number !== undefined ? p.port === backend.port.number : p.name === backend.port.name,
    );
    if (!sp) return page(503, 'Service Temporarily Unavailable');
    // ingress-nginx sends straight to the endpoints, not the ClusterIP: no endpoints is a 503.
    const { pods } = network.proxy.endpointsFor(svc, sp);
    if (pods.length === 0) return page(503, 'Service Temporarily Unavailable');
    const [target, port] = pods.length === 1 ? pods[0] : pods[Math.floor(this.pickIndex(pods.length))];
    const headers = {
      ...req.headers,
      'X-Forwarded-For': req.clientIP,
      'X-Real-IP': req.clientIP,
      'X-Forwarded-Host': host,
      'X-Forwarded-Proto': req.port === 443 ? 'https' : 'http',
    };
    const upstream = network.connect(
      req.pod,
      target.status?.podIP ?? '',
      port,
      req.method,
      backend.upstreamPath,
      headers,
      { timeoutMs: 60_000 },
    );
    if (upstream.ok)
      return {
        status: upstream.status,
        body: upstream.body,
        headers: upstream.headers,
        latencyMs: upstream.latencyMs,
      };
    if (upstream.kind === 'timeout') return page(504, 'Gateway Time-out');
    return page(502, 'Bad Gateway');
  }

  private rr = 0;
  /** nginx balances round-robin over the endpoints. */
  private pickIndex(n: number): number {
    this.rr = (this.rr + 1) % n;
    return this.rr;
  }
}

export const ingressComponent: Component = {
  name: 'ingress-nginx',
  start(ctx) {
    const controller = new IngressNginxController(ctx);
    ctx.services.set('ingress-nginx', controller);
    const network = ctx.services.get('network') as Network | undefined;
    network?.addInterceptor((req) => controller.handle(network, req));
  },
};
