/** The ingress gateway: Gateway servers (port, hosts) and VirtualServices bound to them. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { apply, helloworld, meshCluster, net } from './testing';

const gateway = (hosts: string[]): KObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'web-gateway', namespace: 'default' },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts }],
  },
});

/** Blue/green by path: /blue and /green rewritten to /hello on their subset, everything else to blue. */
const blueGreen = (): KObject[] => [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'helloworld', namespace: 'default' },
    spec: {
      host: 'helloworld',
      subsets: [
        { name: 'blue', labels: { version: 'v1' } },
        { name: 'green', labels: { version: 'v2' } },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'helloworld', namespace: 'default' },
    spec: {
      hosts: ['*'],
      gateways: ['web-gateway'],
      http: [
        {
          match: [{ uri: { prefix: '/green' } }],
          rewrite: { uri: '/hello' },
          route: [{ destination: { host: 'helloworld', subset: 'green', port: { number: 5000 } } }],
        },
        {
          match: [{ uri: { prefix: '/blue' } }],
          rewrite: { uri: '/hello' },
          route: [{ destination: { host: 'helloworld', subset: 'blue', port: { number: 5000 } } }],
        },
        { route: [{ destination: { host: 'helloworld', subset: 'blue', port: { number: 5000 } } }] },
      ],
    },
  },
];

function setup(): { c: Cluster; base: string } {
  const c = meshCluster();
  apply(c, helloworld());
  c.advance(60_000);
  const ip = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.status?.loadBalancer
    ?.ingress?.[0]?.ip;
  return { c, base: `http://${ip}` };
}

const body = (c: Cluster, url: string, headers: Record<string, string> = {}) => {
  const r = net(c).request(null, url, { headers });
  return r.ok ? `${r.status} ${r.body}`.trim() : r.kind;
};

describe('ingress gateway', () => {
  it('refuses connections while no Gateway opens the port', () => {
    const { c, base } = setup();
    expect(body(c, `${base}/hello`)).toBe('refused');
  });

  it('routes blue/green by path with rewrite, default to blue', () => {
    const { c, base } = setup();
    apply(c, [gateway(['*']), ...blueGreen()]);
    expect(body(c, `${base}/green`)).toMatch(/^200 Hello version: v2, instance: helloworld-v2-/);
    expect(body(c, `${base}/blue`)).toMatch(/^200 Hello version: v1, instance: helloworld-v1-/);
    expect(body(c, `${base}/hello`)).toMatch(/^200 Hello version: v1, /);
    // The literal prefix rewrite: /blue/ becomes /hello/ (helloworld only serves /hello).
    expect(body(c, `${base}/blue/`)).toMatch(/^404 /);
  });

  it('answers 404 for a Host no server accepts, and routes the one it does', () => {
    const { c, base } = setup();
    apply(c, [gateway(['hello.example.com']), ...blueGreen()]);
    expect(body(c, `${base}/blue`)).toBe('404');
    expect(body(c, `${base}/blue`, { Host: 'hello.example.com' })).toMatch(/^200 Hello version: v1/);
  });
});
