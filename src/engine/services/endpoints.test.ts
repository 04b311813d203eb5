import { describe, expect, it } from 'vitest';
import { testBed } from '../controllers/testbed';
import { isoSeconds } from '../sim/clock';
import type { EndpointsController } from './endpoints-controller';
import type { EndpointSliceController } from './endpointslice-controller';
import {
  endpointSliceControllerComponent,
  endpointSliceMirroringComponent,
  endpointsControllerComponent,
  serviceAllocationComponent,
} from './index';
import { runningPod, serviceObject, setPodStatus } from './test-helpers';

const bed = () =>
  testBed([
    serviceAllocationComponent,
    endpointsControllerComponent,
    endpointSliceControllerComponent,
    endpointSliceMirroringComponent,
  ]);
const SLICES = 'endpointslices.discovery.k8s.io';

describe('endpoints controller', () => {
  it('lists ready pods in addresses and not-ready ones in notReadyAddresses, sorted by IP', () => {
    const t = bed();
    const { api } = t;
    const a = runningPod(api, 'web-a', { ip: '10.244.2.7', node: 'node-2' });
    const b = runningPod(api, 'web-b', { ip: '10.244.1.9', node: 'node-1' });
    const c = runningPod(api, 'web-c', { ip: '10.244.1.20', ready: false });
    t.advance(5_000);
    api.create(serviceObject('web'));
    t.advance(20);
    const ep = api.get('endpoints', 'default', 'web');
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.metadata.annotations).toEqual({
      'endpoints.kubernetes.io/last-change-trigger-time': isoSeconds(5_000),
    });
    expect(ep.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.9',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', name: 'web-b', namespace: 'default', uid: b.metadata.uid },
          },
          {
            ip: '10.244.2.7',
            nodeName: 'node-2',
            targetRef: { kind: 'Pod', name: 'web-a', namespace: 'default', uid: a.metadata.uid },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.1.20',
            nodeName: 'node-1',
            targetRef: { kind: 'Pod', name: 'web-c', namespace: 'default', uid: c.metadata.uid },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    // Readiness lost: the address moves, and the trigger time is the change's.
    t.advance(10_000);
    setPodStatus(api, b, '10.244.1.9', false);
    t.advance(20);
    const after = api.get('endpoints', 'default', 'web');
    expect((after.subsets as any[])[0].addresses.map((x: { ip: string }) => x.ip)).toEqual(['10.244.2.7']);
    expect((after.subsets as any[])[0].notReadyAddresses.map((x: { ip: string }) => x.ip)).toEqual([
      '10.244.1.9',
      '10.244.1.20',
    ]);
    expect(after.metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBe(
      isoSeconds(15_000),
    );
  });

  it('writes a deleted Endpoints object again', () => {
    const t = bed();
    const { api } = t;
    runningPod(api, 'web-a', { ip: '10.244.1.2' });
    api.create(serviceObject('web'));
    t.advance(20);
    api.delete('endpoints', 'default', 'web');
    t.advance(20);
    expect((api.get('endpoints', 'default', 'web').subsets as any[])[0].addresses[0].ip).toBe('10.244.1.2');
  });

  it('resolves named target ports per pod and leaves out pods without the port', () => {
    const t = bed();
    const { api } = t;
    runningPod(api, 'v1', { ip: '10.244.1.2', ports: [{ name: 'http', containerPort: 8080 }] });
    runningPod(api, 'v2', { ip: '10.244.1.3', ports: [{ name: 'http', containerPort: 9090 }] });
    runningPod(api, 'nope', { ip: '10.244.1.4' });
    api.create(
      serviceObject('web', { ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 'http' }] }),
    );
    t.advance(20);
    const ep = api.get('endpoints', 'default', 'web');
    expect(
      (ep.subsets as any[]).map((s: { addresses: { ip: string }[]; ports: unknown }) => [
        s.addresses.map((x) => x.ip),
        s.ports,
      ]),
    ).toEqual([
      [['10.244.1.2'], [{ name: 'web', port: 8080, protocol: 'TCP' }]],
      [['10.244.1.3'], [{ name: 'web', port: 9090, protocol: 'TCP' }]],
    ]);
  });

  it('publishNotReadyAddresses puts every pod in addresses; headless Services get the headless label', () => {
    const t = bed();
    const { api } = t;
    runningPod(api, 'db-0', {
      labels: { app: 'db' },
      ip: '10.244.1.5',
      ready: false,
      spec: { hostname: 'db-0', subdomain: 'db' },
    });
    api.create(serviceObject('db', { clusterIP: 'None', publishNotReadyAddresses: true }));
    t.advance(20);
    const ep = api.get('endpoints', 'default', 'db');
    expect(ep.metadata.labels).toEqual({ app: 'db', 'service.kubernetes.io/headless': '' });
    expect((ep.subsets as any[])[0].addresses[0]).toMatchObject({ ip: '10.244.1.5', hostname: 'db-0' });
    expect((ep.subsets as any[])[0].notReadyAddresses).toBeUndefined();
  });

  it('writes an Endpoints without subsets when nothing matches, none for a Service without selector, and deletes it with the Service', () => {
    const t = bed();
    const { api } = t;
    api.create(serviceObject('empty'));
    api.create(serviceObject('manual', { selector: undefined }));
    t.advance(20);
    const ep = api.get('endpoints', 'default', 'empty');
    expect(ep.subsets).toBeUndefined();
    expect(api.tryGet('endpoints', 'default', 'manual')).toBeUndefined();
    const [placeholder] = api
      .list(SLICES)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'empty');
    t.takeActions();
    api.delete('services', 'default', 'empty');
    t.advance(20);
    expect(t.takeActions()).toEqual([
      'delete services default/empty',
      'delete endpoints default/empty',
      `delete ${SLICES} default/${placeholder.metadata.name}`,
    ]);
    expect(api.tryGet('endpoints', 'default', 'empty')).toBeUndefined();
    expect(
      api.list(SLICES).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'empty'),
    ).toEqual([]);
  });

  it('1,000 ready pods behind one Service give one Endpoints with 1,000 addresses in bounded work', () => {
    const t = bed();
    const { api } = t;
    api.create(serviceObject('web'));
    t.advance(20);
    const ep = t.ctx.services.get('endpoints-controller') as EndpointsController;
    const slices = t.ctx.services.get('endpointslice-controller') as EndpointSliceController;
    const ipOf = (i: number) => `10.244.${1 + Math.floor(i / 250)}.${(i % 250) + 2}`;
    for (let i = 0; i < 1000; i++) {
      runningPod(api, `web-${i}`, { ip: ipOf(i), ready: false });
      if (i % 100 === 99) t.advance(5);
    }
    t.advance(2_000);
    t.takeActions();
    const syncsBefore = [ep.syncs, slices.syncs];
    // Pods turn ready one by one over two seconds, as probes pass.
    for (let i = 0; i < 1000; i++) {
      setPodStatus(api, api.get('pods', 'default', `web-${i}`), ipOf(i), true);
      t.advance(2);
    }
    t.advance(2_000);
    const endpoints = api.get('endpoints', 'default', 'web');
    expect(endpoints.subsets).toHaveLength(1);
    expect((endpoints.subsets as any[])[0].addresses).toHaveLength(1000);
    expect((endpoints.subsets as any[])[0].notReadyAddresses).toBeUndefined();
    expect(endpoints.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBeUndefined();
    // Large Services sync at most once per batch period (1 s for 1,000 pods): a few rewrites, not 1,000.
    const writes = t.takeActions().filter((a) => !a.startsWith('update pods/status'));
    // Ready flips span 2 s: syncs at +10 ms, +1 s and +2 s.
    expect(writes.filter((a) => a === 'update endpoints default/web').length).toBe(3);
    expect(writes.filter((a) => a.startsWith('update endpointslices')).length).toBe(13);
    expect(ep.syncs - syncsBefore[0]).toBe(3);
    expect(slices.syncs - syncsBefore[1]).toBe(3);
    const webSlices = api
      .list(SLICES)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(webSlices).toHaveLength(10);
    expect(
      webSlices.every((s) =>
        (s.endpoints as { conditions: { ready: boolean } }[]).every((e) => e.conditions.ready),
      ),
    ).toBe(true);
  }, 30_000);

  it("keeps syncing small Services within the work queue's 10 ms", () => {
    const t = bed();
    const { api } = t;
    api.create(serviceObject('web'));
    t.advance(20);
    runningPod(api, 'web-0', { ip: '10.244.1.2' });
    t.advance(10);
    expect((api.get('endpoints', 'default', 'web').subsets as any[])[0].addresses).toHaveLength(1);
    runningPod(api, 'web-1', { ip: '10.244.1.3' });
    t.advance(10);
    expect((api.get('endpoints', 'default', 'web').subsets as any[])[0].addresses).toHaveLength(2);
  });

  it('marks the 1,001st address over capacity', () => {
    const t = bed();
    const { api } = t;
    for (let i = 0; i < 1001; i++) runningPod(api, `web-${i}`, { ip: `10.244.${1 + (i >> 8)}.${i & 255}` });
    api.create(serviceObject('web'));
    t.advance(20);
    const ep = api.get('endpoints', 'default', 'web');
    expect((ep.subsets as any[])[0].addresses).toHaveLength(1000);
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
  }, 30_000);
});

describe('EndpointSlice controller', () => {
  it('writes one slice per Service with conditions, labels and owner, and keeps terminating pods as not ready', () => {
    const t = bed();
    const { api } = t;
    const a = runningPod(api, 'web-a', { ip: '10.244.1.2' });
    runningPod(api, 'web-b', { ip: '10.244.2.3', node: 'node-2', ready: false });
    const svc = api.create(
      serviceObject('web', { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] }),
    );
    t.advance(20);
    const [slice, ...rest] = api
      .list(SLICES)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(rest).toEqual([]);
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.generateName).toBe('web-');
    expect(slice.metadata.labels).toEqual({
      app: 'web',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
        uid: svc.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([
      {
        addresses: ['10.244.1.2'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'node-1',
        targetRef: { kind: 'Pod', name: 'web-a', namespace: 'default', uid: a.metadata.uid },
      },
      expect.objectContaining({
        addresses: ['10.244.2.3'],
        conditions: { ready: false, serving: false, terminating: false },
      }),
    ]);
    // A terminating pod (graceful deletion) stays in the slice, serving but not ready; the Endpoints drop it.
    api.delete('pods', 'default', 'web-a');
    t.advance(20);
    const updated = api.get(SLICES, 'default', slice.metadata.name);
    expect((updated.endpoints as any[])[0].conditions).toEqual({
      ready: false,
      serving: true,
      terminating: true,
    });
    expect((api.get('endpoints', 'default', 'web').subsets as any[])[0].addresses).toBeUndefined();
  });

  it("carries the node's topology zone on each endpoint", () => {
    const t = bed();
    const { api } = t;
    api.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
    });
    runningPod(api, 'web-a', { ip: '10.244.1.2' });
    api.create(serviceObject('web'));
    t.advance(20);
    const [slice] = api
      .list(SLICES)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect((slice.endpoints as { zone?: string }[])[0].zone).toBe('zone-a');
  });

  it('keeps a placeholder slice without ports when nothing matches', () => {
    const t = bed();
    t.api.create(serviceObject('web'));
    t.advance(20);
    const slices = t.api
      .list(SLICES)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(slices.map((s) => [s.endpoints, s.ports])).toEqual([[[], undefined]]);
  });

  it('mirrors hand-written Endpoints of a selectorless Service', () => {
    const t = bed();
    const { api } = t;
    api.create(serviceObject('ext', { selector: undefined, ports: [{ port: 80, protocol: 'TCP' }] }));
    api.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'ext', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.10.5' }], ports: [{ port: 80, protocol: 'TCP' }] }],
    });
    t.advance(20);
    const [slice] = api
      .list(SLICES)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'ext');
    expect(slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by']).toBe(
      'endpointslicemirroring-controller.k8s.io',
    );
    expect(slice.endpoints).toEqual([{ addresses: ['192.168.10.5'], conditions: { ready: true } }]);
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  });
});
