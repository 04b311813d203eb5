/** VirtualService tcp / tls routes: sidecar and gateway traffic carried as bytes by Envoy's tcp_proxy. */
import { describe, expect, it } from 'vitest';
import { createShell } from '../../cli';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { answeredBy, apply, client, HELLO, meshCluster, pod, versioned, versionSubsets } from './testing';

function service(name: string, port: number, portName: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: 'helloworld' }, ports: [{ name: portName, port, targetPort: 5000 }] },
  };
}

const subsets = (host = 'hello-tcp'): KObject => versionSubsets(host);

/** Create the objects and let the endpoints controllers catch up. */
function put(c: Cluster, objs: KObject[]): void {
  apply(c, objs);
  c.advance(5_000);
}

function setup(): { c: Cluster; exec: (cmd: string) => string } {
  const c = meshCluster();
  apply(c, [
    versioned('helloworld', 'v1', HELLO('v1'), 5000),
    versioned('helloworld', 'v2', HELLO('v2'), 5000),
    client('sleep'),
  ]);
  c.advance(60_000);
  const sh = createShell(c, {});
  const exec = (cmd: string) => sh.run(`kubectl exec sleep -- sh -c '${cmd}; echo " exit=$?"'`).output;
  return { c, exec };
}

const vs = (spec: Record<string, unknown>, name = 'hello-tcp'): KObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: 'default' },
  spec,
});

describe('tcp routes (mesh)', () => {
  it('a tcp-named port follows tcp routes; http rules (faults) and Envoy headers do not apply', () => {
    const { c, exec } = setup();
    put(c, [
      service('hello-tcp', 5000, 'tcp-hello'),
      subsets(),
      vs({
        hosts: ['hello-tcp'],
        http: [
          {
            fault: { abort: { httpStatus: 500, percentage: { value: 100 } } },
            route: [{ destination: { host: 'hello-tcp' } }],
          },
        ],
        tcp: [{ match: [{ port: 5000 }], route: [{ destination: { host: 'hello-tcp', subset: 'v2' } }] }],
      }),
    ]);
    const out = exec('curl -sS -i http://hello-tcp:5000/hello');
    expect(out).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(out).toMatch(/\r\n\r\nHello version: v2, instance: helloworld-v2-\S+\n exit=0\n$/);
    expect(out).not.toContain('envoy');
  });

  it('weighted tcp destinations split connections by weight / sum', () => {
    const { c } = setup();
    put(c, [
      service('hello-tcp', 5000, 'tcp'),
      subsets(),
      vs({
        hosts: ['hello-tcp'],
        tcp: [
          {
            route: [
              { destination: { host: 'hello-tcp', subset: 'v1' }, weight: 80 },
              { destination: { host: 'hello-tcp', subset: 'v2' }, weight: 20 },
            ],
          },
        ],
      }),
    ]);
    const counts = answeredBy(c, pod(c, 'sleep'), 'http://hello-tcp:5000/hello', 1000);
    expect(Object.keys(counts).sort()).toEqual(['v1', 'v2']);
    expect(Math.abs(counts.v1 / 1000 - 0.8)).toBeLessThan(0.04);
  });

  it('tls routes match the SNI of a TLS client', () => {
    const { c, exec } = setup();
    put(c, [
      service('hello-tls', 443, 'https'),
      subsets('hello-tls'),
      vs(
        {
          hosts: ['hello-tls'],
          tls: [
            {
              match: [{ port: 443, sniHosts: ['hello-tls.default.svc.cluster.local'] }],
              route: [{ destination: { host: 'hello-tls', subset: 'v2' } }],
            },
          ],
        },
        'hello-tls',
      ),
    ]);
    for (let i = 0; i < 5; i++)
      expect(exec('curl -sSk https://hello-tls.default.svc.cluster.local/hello')).toMatch(
        /^Hello version: v2, /,
      );
  });
});

describe('tcp routes (gateway)', () => {
  it('a TCP server on 31400 forwards to the tcp route bound to it; without one the connection closes', () => {
    const { c, exec } = setup();
    put(c, [
      service('hello-tcp', 5000, 'tcp'),
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'tcp-gateway', namespace: 'default' },
        spec: {
          selector: { istio: 'ingressgateway' },
          servers: [{ port: { number: 31400, name: 'tcp', protocol: 'TCP' }, hosts: ['*'] }],
        },
      },
    ]);
    const url = 'http://istio-ingressgateway.istio-system:31400/hello';
    expect(exec(`curl -sS ${url}`)).toBe('curl: (52) Empty reply from server\n exit=52\n');
    put(c, [
      vs({
        hosts: ['*'],
        gateways: ['tcp-gateway'],
        tcp: [
          {
            match: [{ port: 31400 }],
            route: [{ destination: { host: 'hello-tcp', port: { number: 5000 } } }],
          },
        ],
      }),
    ]);
    const out = exec(`curl -sS -i ${url}`);
    expect(out).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(out).toContain('Hello version: v');
    expect(out).not.toContain('istio-envoy');
  });
});
