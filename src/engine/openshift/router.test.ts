import { describe, expect, it } from 'vitest';
import { service } from '../context';
import type { Network } from '../network/network';
import { deployment, testCluster } from '../testing/fixtures';

function setup() {
  const c = testCluster({ profile: 'openshift' });
  for (const name of ['web', 'canary']) {
    c.api.create({
      ...deployment(name, 1, name === 'web' ? 'nginx:1.27' : 'httpd:2.4'),
      metadata: { name, namespace: 'default' },
    });
    c.api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
    });
  }
  return c;
}

const route = (spec: Record<string, unknown>) => ({
  apiVersion: 'route.openshift.io/v1',
  kind: 'Route',
  metadata: { name: 'web', namespace: 'default' },
  spec: { to: { kind: 'Service', name: 'web' }, ...spec },
});

describe('routes through the router', () => {
  it('generates the host, admits the route and serves it through the router', () => {
    const c = setup();
    const r = c.api.create(route({}));
    expect(r.spec.host).toBe('web-default.apps.lab.kubedojo.local');
    c.advance(30_000);
    const stored = c.api.get('routes.route.openshift.io', 'default', 'web');
    expect(stored.status.ingress[0]).toMatchObject({
      host: 'web-default.apps.lab.kubedojo.local',
      routerName: 'default',
      conditions: [{ type: 'Admitted', status: 'True' }],
    });
    const net = service<Network>(c.ctx, 'network');
    const res = net.request(null, 'http://web-default.apps.lab.kubedojo.local/');
    expect(res.ok && res.status).toBe(200);
    expect(res.ok && res.body).toContain('Welcome to nginx!');
    const https = net.request(null, 'https://web-default.apps.lab.kubedojo.local/', { insecure: true });
    expect(https.ok && https.status).toBe(503);
    expect(https.ok && https.body).toContain('Application is not available');
  });

  it('redirects insecure traffic for edge TLS and splits by weight', () => {
    const c = setup();
    c.api.create(
      route({
        tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' },
        to: { kind: 'Service', name: 'web', weight: 50 },
        alternateBackends: [{ kind: 'Service', name: 'canary', weight: 50 }],
      }),
    );
    c.advance(30_000);
    const net = service<Network>(c.ctx, 'network');
    const plain = net.request(null, 'http://web-default.apps.lab.kubedojo.local/x');
    expect(plain.ok && plain.status).toBe(302);
    expect(plain.ok && plain.headers.Location).toBe('https://web-default.apps.lab.kubedojo.local/x');
    expect(net.request(null, 'https://web-default.apps.lab.kubedojo.local/').ok).toBe(false);
    let nginx = 0;
    for (let i = 0; i < 40; i++) {
      const r = net.request(null, 'https://web-default.apps.lab.kubedojo.local/', { insecure: true });
      if (r.ok && r.body.includes('nginx')) nginx++;
    }
    expect(nginx).toBeGreaterThan(8);
    expect(nginx).toBeLessThan(32);
  });
});

describe('wildcard DNS for the apps domain', () => {
  it('resolves any *.apps name to the router, and nothing outside it', () => {
    const c = setup();
    const network = service<Network>(c.ctx, 'network');
    const routerIP = c.api.get('services', 'openshift-ingress', 'router-internal-default').spec.clusterIP;
    expect(network.dns.resolve(null, 'nothing.apps.lab.kubedojo.local')).toEqual({
      ok: true,
      fqdn: 'nothing.apps.lab.kubedojo.local',
      addresses: [routerIP],
    });
    expect(network.dns.resolve(null, 'apps.lab.kubedojo.local').ok).toBe(false);
    expect(network.dns.resolve(null, 'nothing.example.com').ok).toBe(false);
  });
});
