/**
 * Traffic through an Ingress: the generator targets the Ingress's address with the rule's host; the
 * controller's hop and its upstream request to the Service are both counted, and nginx answers 503 when
 * the Service has no ready endpoints. (A component test bed: the controller pod is a stand-in.)
 */
import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../api/types';
import { testBed } from '../controllers/testbed';
import { ingressComponent, installIngressNginx } from '../ingress';
import { networkComponent } from '../network/network';
import {
  endpointSliceControllerComponent,
  endpointsControllerComponent,
  loadBalancerComponent,
  serviceAllocationComponent,
} from '../services';
import { runningPod, serviceObject, setPodStatus } from '../services/test-helpers';
import { trafficComponent } from './index';
import type { Traffic } from './traffic';

function setup() {
  const t = testBed([
    serviceAllocationComponent,
    endpointsControllerComponent,
    endpointSliceControllerComponent,
    loadBalancerComponent,
    networkComponent,
    ingressComponent,
    trafficComponent,
  ]);
  t.ctx.services.set('kubelets', {
    handleHttp: (pod: StoredObject, port: number, _m: string, path: string) =>
      port === 8080 ? { status: 200, body: `${pod.metadata.name} ${path}` } : { refused: true },
  });
  installIngressNginx(t.ctx);
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
    ],
  });
  return { t, traffic: t.ctx.services.get('traffic') as Traffic };
}

describe('traffic through an Ingress', () => {
  it('reaches the Service behind the rule; 503 from nginx once the Service has no ready endpoints', () => {
    const { t, traffic } = setup();
    t.api.create(serviceObject('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
    const web = runningPod(t.api, 'web-1', { ip: '10.244.2.10', labels: { app: 'web' } });
    t.api.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'site', namespace: 'default' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/shop',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    t.advance(2_100);
    const seen: string[] = [];
    traffic.subscribe((r) => seen.push(`${r.from ?? 'outside'} > ${r.service} > ${r.to} ${r.status}`));
    traffic.start({ namespace: 'default', service: 'web', rps: 10, via: 'ingress' });
    t.advance(10_000);
    expect(new Set(seen)).toEqual(
      new Set([
        'outside > ingress-nginx/ingress-nginx-controller > ingress-nginx/ingress-nginx-controller-5c8d66c76d-x7k2p 200',
        'ingress-nginx/ingress-nginx-controller-5c8d66c76d-x7k2p > default/web > default/web-1 200',
      ]),
    );
    const sent = traffic.list()[0].sent;
    const total = (key: string) => traffic.series('service', key, 60).reduce((n, p) => n + p.requests, 0);
    expect(total('ingress-nginx/ingress-nginx-controller')).toBe(sent);
    // The controller's upstream hop goes to the Pod directly but counts for the Service it routes to.
    expect(total('default/web')).toBe(sent);
    expect(traffic.stats('default/web', 5_000).errors).toBe(0);

    setPodStatus(t.api, web, '10.244.2.10', false);
    t.advance(10_000);
    const after = traffic.stats('ingress-nginx/ingress-nginx-controller', 8_000);
    expect(after.requests).toBeGreaterThan(50);
    expect(after).toMatchObject({
      errors: after.requests,
      errorRate: 1,
      errorKinds: { '5xx': after.requests },
    });
    expect(traffic.stats('default/web', 8_000).requests).toBe(0);
  });
});
