/**
 * The EndpointSlice controller: slices named `<service>-<5 chars>` holding up to 100 endpoints each,
 * with ready/serving/terminating conditions (terminating pods stay, not ready, while they drain), one
 * group of slices per distinct port set, and a placeholder slice when a Service has no endpoints.
 * Existing slices are updated in place so that a change to one pod rewrites one slice.
 */
import { INTERNAL } from '../api/apiserver';
import type { KObject, StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { splitKey, WorkQueue } from '../controllers/workqueue';
import { deepEqual } from '../util/objects';
import { TRIGGER_TIME_ANNOTATION } from './endpoints-controller';
import { serviceLabels } from './pod-endpoints';
import { ServiceMembership } from './service-membership';
import {
  desiredEndpoints,
  type EndpointCache,
  newEndpointCache,
  placeEndpoints,
  portsKey,
  type SliceEndpoint,
  type SlicePort,
} from './slice-endpoints';
import { SyncPacer } from './sync-pacer';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;
const SLICES = 'endpointslices.discovery.k8s.io';

/** Index every EndpointSlice by `namespace/service-name`, for this controller and for kube-proxy (the network). */
export function ensureSliceIndex(ctx: EngineContext): void {
  if (ctx.services.has('endpointslice-index')) return;
  ctx.services.set('endpointslice-index', true);
  ctx.api.store.addIndex('endpointslice-service', SLICES, (o) => {
    const svc = o.metadata.labels?.[SERVICE_NAME_LABEL];
    return svc ? [`${o.metadata.namespace}/${svc}`] : [];
  });
}

export function slicesOf(ctx: EngineContext, namespace: string, service: string): StoredObject[] {
  return ctx.api.store.byIndex('endpointslice-service', `${namespace}/${service}`);
}

export class EndpointSliceController {
  private readonly queue: WorkQueue;
  private readonly membership: ServiceMembership;
  private readonly triggers = new Map<string, string>();
  private readonly caches = new Map<string, { serviceRv: string; pods: EndpointCache }>();
  private readonly pacer: SyncPacer;
  /** True while this controller writes (watch events arrive synchronously), to skip its own changes. */
  private writing = false;
  syncs = 0;

  constructor(private readonly ctx: EngineContext) {
    ensureSliceIndex(ctx);
    this.queue = new WorkQueue(ctx.clock, 'endpointslice-controller', (k) => this.reconcile(k));
    this.pacer = new SyncPacer(ctx.clock, this.queue);
    this.membership = ServiceMembership.of(ctx);
    this.membership.onChange((key) => {
      if (!this.triggers.has(key)) this.triggers.set(key, ctx.clock.nowISO());
      this.pacer.request(key);
    });
    // A slice someone else edits or deletes is put back; the controller's own writes are not news.
    ctx.api.watch(SLICES, undefined, (e) => {
      const labels = e.object.metadata.labels ?? {};
      if (labels[MANAGED_BY_LABEL] !== CONTROLLER_NAME || !labels[SERVICE_NAME_LABEL]) return;
      if (this.writing) return;
      this.pacer.request(`${e.object.metadata.namespace}/${labels[SERVICE_NAME_LABEL]}`);
    });
    for (const svc of ctx.api.store.list('services'))
      this.queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
  }

  reconcile(key: string): void {
    this.syncs++;
    this.writing = true;
    try {
      this.sync(key);
    } finally {
      this.writing = false;
    }
  }

  private sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const ns = namespace ?? 'default';
    const trigger = this.triggers.get(key) ?? this.ctx.clock.nowISO();
    this.triggers.delete(key);
    const svc = this.ctx.api.tryGet('services', ns, name);
    const owned = slicesOf(this.ctx, ns, name)
      .filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    // ExternalName Services get no endpoints from the controllers.
    const pods = svc && svc.spec?.type !== 'ExternalName' ? this.membership.members(ns, name) : undefined;
    if (!svc || !pods) {
      this.caches.delete(key);
      for (const s of owned) this.deleteSlice(s);
      return;
    }
    let cache = this.caches.get(key);
    if (!cache || cache.serviceRv !== svc.metadata.resourceVersion) {
      cache = { serviceRv: svc.metadata.resourceVersion, pods: newEndpointCache() };
      this.caches.set(key, cache);
    }
    this.pacer.synced(key, pods.length);
    const desired = desiredEndpoints(
      svc,
      pods,
      cache.pods,
      (node) =>
        this.ctx.api.store.get('nodes', undefined, node)?.metadata.labels?.['topology.kubernetes.io/zone'],
    );
    const labels = { ...serviceLabels(svc), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME };
    const writer = new SliceWriter(this.ctx, svc, labels, trigger);

    if (desired.size === 0) {
      // No endpoints at all: one placeholder slice without ports, as upstream keeps.
      const [keep, ...extra] = owned;
      for (const s of extra) this.deleteSlice(s);
      writer.write(keep, [], null);
      return;
    }
    // Keep each endpoint in the slice it is already in; slices whose port set is no longer wanted go.
    const slicesByPorts = new Map<string, StoredObject[]>();
    for (const s of owned) {
      const pk = portsKey((s.ports ?? []) as SlicePort[]);
      if (!desired.has(pk)) {
        this.deleteSlice(s);
        continue;
      }
      const list = slicesByPorts.get(pk) ?? [];
      list.push(s);
      slicesByPorts.set(pk, list);
    }
    for (const [pk, { ports }] of desired) {
      const existing = slicesByPorts.get(pk) ?? [];
      const { contents, fresh } = placeEndpoints(cache.pods, pk, existing);
      // New endpoints fill the slices with room first, then new slices of 100. (Taken by position: shifting
      // the front off a list of 100,000 new endpoints one at a time is quadratic.)
      let next = 0;
      for (const kept of contents)
        while (kept.length < MAX_ENDPOINTS_PER_SLICE && next < fresh.length) kept.push(fresh[next++]);
      const created: SliceEndpoint[][] = [];
      while (next < fresh.length) {
        created.push(fresh.slice(next, next + MAX_ENDPOINTS_PER_SLICE));
        next += MAX_ENDPOINTS_PER_SLICE;
      }
      existing.forEach((s, i) => {
        if (contents[i].length === 0 && (existing.length > 1 || created.length > 0)) this.deleteSlice(s);
        else writer.write(s, contents[i], ports);
      });
      for (const eps of created) writer.write(undefined, eps, ports);
    }
  }

  private deleteSlice(s: StoredObject): void {
    if (this.ctx.api.tryGet(SLICES, s.metadata.namespace, s.metadata.name)) {
      this.ctx.api.delete(SLICES, s.metadata.namespace, s.metadata.name);
    }
  }
}

/** Creates or updates one slice, writing only when its content changed. */
class SliceWriter {
  constructor(
    private readonly ctx: EngineContext,
    private readonly svc: StoredObject,
    private readonly labels: Record<string, string>,
    private readonly trigger: string,
  ) {}

  write(existing: StoredObject | undefined, endpoints: SliceEndpoint[], ports: SlicePort[] | null): void {
    const portsField = ports ?? undefined;
    if (existing) {
      const same =
        deepEqual(existing.endpoints ?? [], endpoints) &&
        deepEqual(existing.ports, portsField) &&
        deepEqual(existing.metadata.labels ?? {}, this.labels);
      if (same) return;
      const next: KObject = {
        ...existing,
        metadata: {
          ...existing.metadata,
          labels: this.labels,
          annotations: { ...(existing.metadata.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: this.trigger },
        },
        endpoints,
      };
      if (portsField) next.ports = portsField;
      else delete next.ports;
      this.ctx.api.update(next, INTERNAL);
      return;
    }
    const svc = this.svc;
    this.ctx.api.create(
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${svc.metadata.name}-`,
          namespace: svc.metadata.namespace,
          labels: this.labels,
          annotations: { [TRIGGER_TIME_ANNOTATION]: this.trigger },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: svc.metadata.name,
              uid: svc.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints,
        ...(portsField ? { ports: portsField } : {}),
      },
      INTERNAL,
    );
  }
}

export const endpointSliceControllerComponent: Component = {
  name: 'endpointslice-controller',
  start(ctx) {
    ctx.services.set('endpointslice-controller', new EndpointSliceController(ctx));
  },
};
