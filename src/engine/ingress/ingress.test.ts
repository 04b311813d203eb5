import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../api/types';
import { testBed } from '../controllers/testbed';
import type { Network } from '../network/network';
import { networkComponent } from '../network/network';
import type { HttpSuccess } from '../network/types';
import {
  endpointSliceControllerComponent,
  endpointsControllerComponent,
  loadBalancerComponent,
  serviceAllocationComponent,
} from '../services';
import { runningPod, serviceObject } from '../services/test-helpers';
import { ingressComponent, installIngressNginx, nginxErrorPage } from './index';
import { route } from './routing';

const INGRESSES = 'ingresses.networking.k8s.io';

function ingress(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec,
  };
}

const backend = (name: string, port = 80) => ({ service: { name, port: { number: port } } });

function setup() {
  const t = testBed([
    serviceAllocationComponent,
    endpointsControllerComponent,
    endpointSliceControllerComponent,
    loadBalancerComponent,
    networkComponent,
    ingressComponent,
  ]);
  t.ctx.services.set('kubelets', {
    handleHttp: (pod: StoredObject, port: number, _m: string, path: string) =>
      port === 8080 ? { status: 200, body: `${pod.metadata.name} ${path}` } : { refused: true },
  });
  return { t, api: t.api, net: t.ctx.services.get('network') as Network };
}

function installAndRun(t: ReturnType<typeof setup>['t']) {
  const lines = installIngressNginx(t.ctx);
  // What the Deployment controller and kubelet would produce: one ready controller pod.
  runningPod(t.api, 'ingress-nginx-controller-5c8d66c76d-x7k2p', {
    namespace: 'ingress-nginx',
    ip: '10.244.1.50',
    labels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/instance': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    },
    ports: [
      { name: 'http', containerPort: 80 },
      { name: 'https', containerPort: 443 },
      { name: 'webhook', containerPort: 8443 },
    ],
  });
  t.advance(2_100);
  return lines;
}

describe('ingress-nginx', () => {
  it('installs the controller objects and IngressClass, idempotently', () => {
    const { t, api } = setup();
    expect(installIngressNginx(t.ctx)).toEqual([
      'namespace/ingress-nginx created',
      'serviceaccount/ingress-nginx created',
      'configmap/ingress-nginx-controller created',
      'service/ingress-nginx-controller created',
      'service/ingress-nginx-controller-admission created',
      'deployment.apps/ingress-nginx-controller created',
      'ingressclass.networking.k8s.io/nginx created',
    ]);
    expect(installIngressNginx(t.ctx)[0]).toBe('namespace/ingress-nginx unchanged');
    const service = t.ctx.services.get('ingress-nginx') as { install(): string[] };
    expect(service.install()).toContain('ingressclass.networking.k8s.io/nginx unchanged');
    expect(api.get('services', 'ingress-nginx', 'ingress-nginx-controller').spec.type).toBe('LoadBalancer');
  });

  it('defaults the class, publishes the address and routes by host and path', () => {
    const { t, api, net } = setup();
    installAndRun(t);
    runningPod(api, 'web-1', { ip: '10.244.1.10' });
    runningPod(api, 'api-1', { ip: '10.244.1.11', labels: { app: 'api' } });
    api.create(serviceObject('web'));
    api.create(serviceObject('api'));
    const ing = api.create(
      ingress('site', {
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: backend('web') },
                { path: '/api', pathType: 'Prefix', backend: backend('api') },
              ],
            },
          },
        ],
      }),
    );
    expect(ing.spec.ingressClassName).toBe('nginx');
    t.advance(1_100);
    expect(api.get(INGRESSES, 'default', 'site').status.loadBalancer).toEqual({
      ingress: [{ ip: '172.18.255.200' }],
    });
    expect(t.takeEvents()).toContain('Sync: Scheduled for sync');
    const get = (path: string, host = 'shop.example.com') =>
      net.request(null, `http://172.18.255.200${path}`, { headers: { Host: host } });
    expect(get('/api/items')).toMatchObject({ ok: true, status: 200, body: 'api-1 /api/items' });
    expect(get('/apix')).toMatchObject({ ok: true, body: 'web-1 /apix' });
    expect(get('/')).toMatchObject({ ok: true, body: 'web-1 /' });
    const miss = get('/', 'other.example.com') as HttpSuccess;
    expect(miss.status).toBe(404);
    expect(miss.body).toBe(nginxErrorPage(404, 'Not Found'));
    expect(miss.body).toContain('<center><h1>404 Not Found</h1></center>');
    // The controller's hop to the backend is logged as its own edge.
    expect(
      net.log
        .edges()
        .some(
          (e) =>
            e.from === 'ingress-nginx/ingress-nginx-controller-5c8d66c76d-x7k2p' && e.to === 'default/api-1',
        ),
    ).toBe(true);
  });

  it('answers 503 for a backend without endpoints and honours rewrite-target', () => {
    const { t, api, net } = setup();
    installAndRun(t);
    api.create(serviceObject('empty'));
    runningPod(api, 'web-1', { ip: '10.244.1.10' });
    api.create(serviceObject('web'));
    api.create(
      ingress(
        'rw',
        {
          rules: [
            {
              http: {
                paths: [
                  { path: '/app(/|$)(.*)', pathType: 'ImplementationSpecific', backend: backend('web') },
                  { path: '/down', pathType: 'Prefix', backend: backend('empty') },
                ],
              },
            },
          ],
        },
        { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' },
      ),
    );
    t.advance(1_100);
    expect(net.request(null, 'http://172.18.255.200/app/hello')).toMatchObject({
      ok: true,
      body: 'web-1 /hello',
    });
    const down = net.request(null, 'http://172.18.255.200/down') as HttpSuccess;
    expect(down.status).toBe(503);
    expect(down.body).toBe(nginxErrorPage(503, 'Service Temporarily Unavailable'));
  });
});

describe('ingress-nginx TLS', () => {
  it('redirects a TLS host to HTTPS and serves its fake certificate only to curl -k', () => {
    const { t, api, net } = setup();
    installAndRun(t);
    runningPod(api, 'web-1', { ip: '10.244.1.10' });
    api.create(serviceObject('web'));
    api.create(
      ingress('secure', {
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('web') }] },
          },
        ],
      }),
    );
    t.advance(1_100);
    const headers = { Host: 'shop.example.com' };
    const redirect = net.request(null, 'http://172.18.255.200/cart', { headers }) as HttpSuccess;
    expect([redirect.status, redirect.statusText, redirect.headers.Location]).toEqual([
      308,
      'Permanent Redirect',
      'https://shop.example.com/cart',
    ]);
    expect(redirect.body).toBe(nginxErrorPage(308, 'Permanent Redirect'));
    expect(net.request(null, 'https://172.18.255.200/cart', { headers })).toMatchObject({
      ok: false,
      kind: 'tls-untrusted',
    });
    expect(net.request(null, 'https://172.18.255.200/cart', { headers, insecure: true })).toMatchObject({
      ok: true,
      body: 'web-1 /cart',
    });
    expect((net.request(null, 'http://172.18.255.200:443/', { headers }) as HttpSuccess).status).toBe(400);
  });
});

describe('ingress routing', () => {
  const ing = (spec: Record<string, unknown>) =>
    ({
      ...ingress('x', spec),
      metadata: { name: 'x', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
    }) as StoredObject;
  it('prefers Exact, then the longest Prefix by path element, then wildcard hosts, then the default backend', () => {
    const all = [
      ing({
        defaultBackend: backend('fallback'),
        rules: [
          {
            host: 'a.com',
            http: {
              paths: [
                { path: '/foo', pathType: 'Prefix', backend: backend('prefix') },
                { path: '/foo', pathType: 'Exact', backend: backend('exact') },
                { path: '/foo/bar', pathType: 'Prefix', backend: backend('longer') },
              ],
            },
          },
          { host: '*.b.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('wild') }] } },
        ],
      }),
    ];
    expect(route(all, 'a.com', '/foo')?.service).toBe('exact');
    expect(route(all, 'a.com:80', '/foo/')?.service).toBe('prefix');
    expect(route(all, 'a.com', '/foo/bar/baz')?.service).toBe('longer');
    expect(route(all, 'a.com', '/foobar')?.service).toBe('fallback');
    expect(route(all, 'x.b.com', '/')?.service).toBe('wild');
    expect(route(all, 'x.y.b.com', '/')?.service).toBe('fallback');
  });
});
