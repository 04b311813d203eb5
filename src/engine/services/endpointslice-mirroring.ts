/**
 * EndpointSlice mirroring: a Service without a selector whose Endpoints someone wrote by hand gets
 * mirrored slices (managed by endpointslicemirroring-controller.k8s.io), so kube-proxy routes to them.
 * The API server's own `kubernetes` Endpoints carries the skip-mirror label; its slice is the API
 * server's (named `kubernetes`), which this controller also keeps, as the apiserver's reconciler does.
 */

import { watchEach } from '../api/object-helpers';
import type { KObject, StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { splitKey, WorkQueue } from '../controllers/workqueue';
import { deepEqual } from '../util/objects';
import { ensureSliceIndex, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, slicesOf } from './endpointslice-controller';

export const MIRROR_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const SLICES = 'endpointslices.discovery.k8s.io';

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: Record<string, string>;
}

class MirroringController {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    ensureSliceIndex(ctx);
    this.queue = new WorkQueue(ctx.clock, 'endpointslicemirroring-controller', (k) => this.reconcile(k));
    watchEach(ctx.api, ['endpoints', 'services'], (e) => {
      this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
  }

  private reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const ns = namespace ?? 'default';
    const svc = this.ctx.api.tryGet('services', ns, name);
    const ep = this.ctx.api.tryGet('endpoints', ns, name);
    const slices = slicesOf(this.ctx, ns, name);
    const mirrored = slices.filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === MIRROR_CONTROLLER);
    const selectorless = svc && !Object.keys(svc.spec?.selector ?? {}).length;
    if (svc && selectorless && ns === 'default' && name === 'kubernetes' && ep) {
      this.writeApiServerSlice(ep);
      return;
    }
    if (!svc || !selectorless || !ep || ep.metadata.labels?.[SKIP_MIRROR] === 'true') {
      for (const s of mirrored) this.ctx.api.delete(SLICES, ns, s.metadata.name);
      return;
    }
    const subset = ((ep.subsets ?? []) as Record<string, any>[])[0] ?? {};
    const ports = (subset.ports ?? []).map((p: { name?: string; port: number; protocol?: string }) => ({
      name: p.name ?? '',
      port: p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const endpoints = [
      ...(subset.addresses ?? []).map((a: Address) => toEndpoint(a, true)),
      ...(subset.notReadyAddresses ?? []).map((a: Address) => toEndpoint(a, false)),
    ];
    const labels = {
      ...(svc.metadata.labels ?? {}),
      [SERVICE_NAME_LABEL]: name,
      [MANAGED_BY_LABEL]: MIRROR_CONTROLLER,
    };
    const [existing, ...extra] = mirrored;
    for (const s of extra) this.ctx.api.delete(SLICES, ns, s.metadata.name);
    if (existing) {
      if (deepEqual(existing.endpoints ?? [], endpoints) && deepEqual(existing.ports ?? [], ports)) return;
      this.ctx.api.update({ ...existing, endpoints, ports });
      return;
    }
    this.ctx.api.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${name}-`,
        namespace: ns,
        labels,
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': this.ctx.clock.nowISO() },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Endpoints',
            name,
            uid: ep.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    });
  }

  private writeApiServerSlice(ep: StoredObject): void {
    const subset = ((ep.subsets ?? []) as Record<string, any>[])[0] ?? {};
    const desired: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [SERVICE_NAME_LABEL]: 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: (subset.addresses ?? []).map((a: Address) => ({
        addresses: [a.ip],
        conditions: { ready: true },
      })),
      ports: (subset.ports ?? []).map((p: { name?: string; port: number; protocol?: string }) => ({
        name: p.name ?? '',
        port: p.port,
        protocol: p.protocol ?? 'TCP',
      })),
    };
    const existing = this.ctx.api.tryGet(SLICES, 'default', 'kubernetes');
    if (!existing) this.ctx.api.create(desired);
    else if (!deepEqual(existing.endpoints, desired.endpoints) || !deepEqual(existing.ports, desired.ports)) {
      this.ctx.api.update({ ...existing, endpoints: desired.endpoints, ports: desired.ports });
    }
  }
}

function toEndpoint(a: Address, ready: boolean) {
  return {
    addresses: [a.ip],
    conditions: { ready },
    ...(a.hostname ? { hostname: a.hostname } : {}),
    ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    ...(a.targetRef ? { targetRef: a.targetRef } : {}),
  };
}

export const endpointSliceMirroringComponent: Component = {
  name: 'endpointslicemirroring-controller',
  start(ctx) {
    new MirroringController(ctx);
  },
};
