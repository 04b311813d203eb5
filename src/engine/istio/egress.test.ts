/**
 * Egress: the outbound traffic policy (ALLOW_ANY passthrough, REGISTRY_ONLY black hole), ServiceEntry
 * hosts outside the cluster, and the Sidecar resource scoping what a workload's proxy knows.
 */
import { describe, expect, it } from 'vitest';
import { createShell } from '../../cli';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { installIstio } from './install';
import { apply, client, HELLO, meshCluster, svc, versioned } from './testing';

function setup(mode?: 'REGISTRY_ONLY'): { c: Cluster; exec: (pod: string, cmd: string) => string } {
  const c = meshCluster();
  if (mode) installIstio(c.ctx, 'demo', { outboundTrafficPolicy: { mode } });
  c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'outside' } });
  apply(c, [client('sleep'), client('plain', 'outside')]);
  c.advance(30_000);
  const sh = createShell(c, {});
  const exec = (pod: string, cmd: string) => {
    const [ns, name] = pod.includes('/') ? pod.split('/') : ['default', pod];
    return sh.run(`kubectl exec -n ${ns} ${name} -- sh -c '${cmd}; echo " exit=$?"'`).output;
  };
  return { c, exec };
}

const serviceEntry = (name: string, host: string, port: number, protocol: string): KObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'ServiceEntry',
  metadata: { name, namespace: 'default' },
  spec: {
    hosts: [host],
    location: 'MESH_EXTERNAL',
    resolution: 'DNS',
    ports: [{ number: port, name: protocol.toLowerCase(), protocol }],
  },
});

const CODE = 'curl -sS -o /dev/null -w "%{http_code}"';

describe('outbound traffic policy', () => {
  it('ALLOW_ANY (the default): unknown hosts pass through, HTTP through the sidecar, HTTPS as bytes', () => {
    const { exec } = setup();
    expect(exec('sleep', `${CODE} http://httpbin.org/headers`)).toBe('200 exit=0\n');
    expect(exec('sleep', 'curl -sS -i http://httpbin.org/status/418')).toMatch(
      /^HTTP\/1.1 418 I'm a teapot\r\ncontent-type: text\/html; charset=utf-8\r\ncontent-length: 0\r\nserver: envoy\r\nx-envoy-upstream-service-time: \d+\r\n/,
    );
    expect(exec('sleep', `${CODE} https://www.google.com`)).toBe('200 exit=0\n');
  });

  it('REGISTRY_ONLY: 502 from the BlackHoleCluster for HTTP, the handshake cut for HTTPS (curl 35)', () => {
    const { c, exec } = setup('REGISTRY_ONLY');
    const data = c.api.store.get('configmaps', 'istio-system', 'istio')?.data as Record<string, string>;
    expect(data.mesh).toContain('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n');
    expect(exec('sleep', 'curl -sS -i http://httpbin.org/headers')).toBe(
      'HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nserver: envoy\r\n\r\n exit=0\n',
    );
    expect(exec('sleep', 'curl -sS https://www.google.com')).toBe(
      'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to www.google.com:443 \n exit=35\n',
    );
    // Pods without a sidecar are not affected.
    expect(exec('outside/plain', `${CODE} http://httpbin.org/headers`)).toBe('200 exit=0\n');
  });

  it('REGISTRY_ONLY: a ServiceEntry makes the host routable, through the sidecar (Envoy headers on the way)', () => {
    const { c, exec } = setup('REGISTRY_ONLY');
    apply(c, [
      serviceEntry('httpbin-ext', 'httpbin.org', 80, 'HTTP'),
      serviceEntry('google', 'www.google.com', 443, 'TLS'),
    ]);
    const body = exec('sleep', 'curl -sS http://httpbin.org/headers');
    expect(body).toContain('"X-Envoy-Decorator-Operation": "httpbin.org:80/*"');
    expect(body).toContain('"X-Envoy-Attempt-Count": "1"');
    expect(body).toContain('"Host": "httpbin.org"');
    expect(exec('sleep', `${CODE} https://www.google.com`)).toBe('200 exit=0\n');
    // Only the port the entry lists is known.
    expect(exec('sleep', 'curl -sS https://httpbin.org/get')).toMatch(/^curl: \(35\) /);
  });

  it('resolution STATIC: a VirtualService can send a host to the entry whose endpoints answer', () => {
    const { c, exec } = setup('REGISTRY_ONLY');
    apply(c, [
      serviceEntry('httpbin-ext', 'httpbin.org', 80, 'HTTP'),
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: { name: 'mirror', namespace: 'default' },
        spec: {
          hosts: ['httpbin.internal'],
          location: 'MESH_EXTERNAL',
          resolution: 'STATIC',
          ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
          endpoints: [{ address: '44.195.71.65' }],
        },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'httpbin-ext', namespace: 'default' },
        spec: { hosts: ['httpbin.org'], http: [{ route: [{ destination: { host: 'httpbin.internal' } }] }] },
      },
    ]);
    expect(exec('sleep', 'curl -sS http://httpbin.org/headers')).toContain(
      '"X-Envoy-Decorator-Operation": "httpbin.internal:80/*"',
    );
  });

  it('a VirtualService applies to a ServiceEntry host', () => {
    const { c, exec } = setup();
    apply(c, [
      serviceEntry('httpbin-ext', 'httpbin.org', 80, 'HTTP'),
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'httpbin-ext', namespace: 'default' },
        spec: {
          hosts: ['httpbin.org'],
          http: [
            {
              fault: { abort: { httpStatus: 418, percentage: { value: 100 } } },
              route: [{ destination: { host: 'httpbin.org' } }],
            },
          ],
        },
      },
    ]);
    expect(exec('sleep', 'curl -sS -w " %{http_code}" http://httpbin.org/headers')).toBe(
      'fault filter abort 418 exit=0\n',
    );
  });
});

describe('Sidecar resource', () => {
  function withOtherNamespace(c: Cluster): void {
    c.api.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'other', labels: { 'istio-injection': 'enabled' } },
    });
    const put = (o: KObject): KObject => ({ ...o, metadata: { ...o.metadata, namespace: 'other' } });
    apply(c, [put(svc('helloworld', 5000)), put(versioned('helloworld', 'v1', HELLO('v1'), 5000))]);
    // A rule the sidecar applies only while it knows the host.
    apply(c, [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'helloworld', namespace: 'other' },
        spec: {
          hosts: ['helloworld.other.svc.cluster.local'],
          http: [
            {
              fault: { abort: { httpStatus: 503, percentage: { value: 100 } } },
              route: [{ destination: { host: 'helloworld' } }],
            },
          ],
        },
      },
    ]);
    c.advance(30_000);
  }

  const sidecar = (name: string, hosts: string[], selector?: Record<string, string>): KObject => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name, namespace: 'default' },
    spec: { ...(selector ? { workloadSelector: { labels: selector } } : {}), egress: [{ hosts }] },
  });

  const URL = 'http://helloworld.other:5000/hello';

  it('egress hosts limit what the proxy knows: outside the list is a passthrough (ALLOW_ANY)', () => {
    const { c, exec } = setup();
    withOtherNamespace(c);
    expect(exec('sleep', `curl -sS ${URL}`)).toBe('fault filter abort exit=0\n');
    apply(c, [sidecar('default', ['./*', 'istio-system/*'])]);
    expect(exec('sleep', `curl -sS ${URL}`)).toMatch(
      /^Hello version: v1, instance: helloworld-v1-\S+\n exit=0\n$/,
    );
    // `*/host` brings it back.
    c.api.delete('sidecars.networking.istio.io', 'default', 'default');
    apply(c, [sidecar('default', ['./*', '*/helloworld.other.svc.cluster.local'])]);
    expect(exec('sleep', `curl -sS ${URL}`)).toBe('fault filter abort exit=0\n');
  });

  it('REGISTRY_ONLY: a Service outside the egress list answers 502 from the black hole', () => {
    const { c, exec } = setup('REGISTRY_ONLY');
    withOtherNamespace(c);
    apply(c, [sidecar('default', ['./*'])]);
    expect(exec('sleep', `${CODE} ${URL}`)).toBe('502 exit=0\n');
  });

  it('a workloadSelector Sidecar wins over the namespace default for the pods it selects', () => {
    const { c, exec } = setup('REGISTRY_ONLY');
    withOtherNamespace(c);
    apply(c, [
      client('sleep2'),
      sidecar('default', ['./*']),
      sidecar('sleep2-egress', ['other/*'], { app: 'sleep2' }),
    ]);
    c.advance(30_000);
    expect(exec('sleep', `${CODE} ${URL}`)).toBe('502 exit=0\n');
    expect(exec('sleep2', `${CODE} ${URL}`)).toBe('503 exit=0\n');
  });
});
