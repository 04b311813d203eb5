import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../api/types';
import { testBed } from '../controllers/testbed';
import {
  endpointSliceControllerComponent,
  endpointsControllerComponent,
  serviceAllocationComponent,
} from '../services';
import { runningPod, serviceObject } from '../services/test-helpers';
import { type Network, networkComponent } from './network';
import type { HttpFailure } from './types';

function setup() {
  const t = testBed([
    serviceAllocationComponent,
    endpointsControllerComponent,
    endpointSliceControllerComponent,
    networkComponent,
  ]);
  t.ctx.services.set('kubelets', {
    handleHttp: (pod: StoredObject) => ({ ok: true, status: 200, body: pod.metadata.name, latencyMs: 1 }),
  });
  const { api } = t;
  api.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'monitoring', labels: { team: 'ops' } },
  });
  runningPod(api, 'db-0', {
    labels: { app: 'db' },
    ip: '10.244.1.5',
    ports: [{ name: 'pg', containerPort: 5432 }],
  });
  const frontend = runningPod(api, 'frontend', { labels: { app: 'frontend' }, ip: '10.244.1.6' });
  const other = runningPod(api, 'other', { labels: { app: 'other' }, ip: '10.244.1.7' });
  const prom = runningPod(api, 'prom', {
    labels: { app: 'prom' },
    ip: '10.244.2.8',
    namespace: 'monitoring',
  });
  api.create(
    serviceObject('db', {
      selector: { app: 'db' },
      ports: [{ port: 5432, protocol: 'TCP', targetPort: 'pg' }],
    }),
  );
  t.advance(20);
  return { t, api, net: t.ctx.services.get('network') as Network, frontend, other, prom };
}

function policy(name: string, spec: Record<string, unknown>): KObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'default' },
    spec,
  };
}

describe('NetworkPolicy enforcement', () => {
  it('a default-deny ingress policy drops traffic: clients time out', () => {
    const { api, net, frontend } = setup();
    expect(net.request(frontend, 'http://db:5432/')).toMatchObject({ ok: true, body: 'db-0' });
    api.create(policy('deny-all', { podSelector: {} }));
    const r = net.request(frontend, 'http://db:5432/', { timeoutMs: 3000 }) as HttpFailure;
    expect(r).toMatchObject({
      ok: false,
      kind: 'timeout',
      error: 'timeout',
      latencyMs: 3000,
      service: 'default/db',
    });
  });

  it('allows the pods, namespaces and named ports a rule lists, and nothing else', () => {
    const { api, net, frontend, other, prom } = setup();
    api.create(
      policy('db-access', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { app: 'frontend' } } },
              { namespaceSelector: { matchLabels: { team: 'ops' } } },
            ],
            ports: [{ protocol: 'TCP', port: 'pg' }],
          },
        ],
      }),
    );
    expect(net.request(frontend, 'http://db:5432/').ok).toBe(true);
    expect(net.request(prom, 'http://db.default:5432/').ok).toBe(true);
    expect(net.request(other, 'http://db:5432/', { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      kind: 'timeout',
    });
    // Traffic from outside the cluster matches only ipBlock peers.
    expect(net.request(null, 'http://10.244.1.5:5432/', { timeoutMs: 1000 })).toMatchObject({
      ok: false,
      kind: 'timeout',
    });
  });

  it('egress isolation without a DNS rule breaks name resolution; allowing port 53 fixes it', () => {
    const { api, net, frontend } = setup();
    api.create(
      policy('egress', {
        podSelector: { matchLabels: { app: 'frontend' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
      }),
    );
    expect(net.lookup(frontend, 'db')).toMatchObject({ ok: false, kind: 'dns-unreachable' });
    expect(net.request(frontend, 'http://10.244.1.5:5432/').ok).toBe(true);
    expect(net.request(frontend, 'http://10.244.1.7:8080/', { timeoutMs: 1000 })).toMatchObject({
      kind: 'timeout',
    });
    api.create(
      policy('dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      }),
    );
    expect(net.lookup(frontend, 'db')).toMatchObject({ ok: true, fqdn: 'db.default.svc.cluster.local' });
  });
});

describe('pod DNS policy', () => {
  it('hostNetwork and dnsPolicy Default pods use the node resolver; ClusterFirstWithHostNet and ndots apply', () => {
    const { api, net } = setup();
    const host = runningPod(api, 'host', {
      labels: { app: 'h' },
      ip: '192.168.49.3',
      spec: { hostNetwork: true },
    });
    const dflt = runningPod(api, 'dflt', {
      labels: { app: 'd' },
      ip: '10.244.1.30',
      spec: { dnsPolicy: 'Default' },
    });
    const withNet = runningPod(api, 'hn', {
      labels: { app: 'n' },
      ip: '192.168.49.4',
      spec: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' },
    });
    const ndots = runningPod(api, 'nd', {
      labels: { app: 'x' },
      ip: '10.244.1.31',
      spec: { dnsConfig: { options: [{ name: 'ndots', value: '1' }] } },
    });
    expect(net.lookup(host, 'db')).toMatchObject({ ok: false, kind: 'resolve' });
    expect(net.lookup(dflt, 'db')).toMatchObject({ ok: false, kind: 'resolve' });
    expect(net.lookup(withNet, 'db')).toMatchObject({ ok: true });
    expect(net.lookup(ndots, 'db.default')).toMatchObject({ ok: true, fqdn: 'db.default.svc.cluster.local' });
  });
});
