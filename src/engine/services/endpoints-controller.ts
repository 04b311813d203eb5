/**
 * The endpoints controller: one Endpoints object per Service with a selector, listing ready pods in
 * `addresses` and the others in `notReadyAddresses` (all in `addresses` with publishNotReadyAddresses),
 * grouped into subsets by the ports they serve, addresses sorted by IP. Capped at 1000 addresses with
 * the over-capacity annotation, as upstream.
 */
import { INTERNAL } from '../api/apiserver';
import type { KObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { splitKey, WorkQueue } from '../controllers/workqueue';
import { deepEqual } from '../util/objects';
import { serviceLabels } from './pod-endpoints';
import { ServiceMembership } from './service-membership';
import { buildSubsets, newSubsetCache, type SubsetCache } from './subsets';
import { SyncPacer } from './sync-pacer';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

export class EndpointsController {
  private readonly queue: WorkQueue;
  private readonly membership: ServiceMembership;
  /** The first change since the last sync of each Service, for the trigger-time annotation. */
  private readonly triggers = new Map<string, string>();
  private readonly caches = new Map<string, { serviceRv: string; pods: SubsetCache }>();
  private readonly pacer: SyncPacer;
  /** Reconciles run, for tests that bound the work. */
  syncs = 0;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'endpoints-controller', (k) => this.reconcile(k));
    this.pacer = new SyncPacer(ctx.clock, this.queue);
    this.membership = ServiceMembership.of(ctx);
    this.membership.onChange((key) => {
      if (!this.triggers.has(key)) this.triggers.set(key, ctx.clock.nowISO());
      this.pacer.request(key);
    });
    // An Endpoints object someone deletes is written again (upstream's onEndpointsDelete).
    ctx.api.watch('endpoints', undefined, (e) => {
      if (e.type === 'DELETED') this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    for (const svc of ctx.api.store.list('services'))
      this.queue.add(`${svc.metadata.namespace}/${svc.metadata.name}`);
  }

  reconcile(key: string): void {
    this.syncs++;
    const { namespace, name } = splitKey(key);
    const ns = namespace ?? 'default';
    const trigger = this.triggers.get(key) ?? this.ctx.clock.nowISO();
    this.triggers.delete(key);
    const svc = this.ctx.api.tryGet('services', ns, name);
    const existing = this.ctx.api.tryGet('endpoints', ns, name);
    if (!svc) {
      this.caches.delete(key);
      if (existing) this.ctx.api.delete('endpoints', ns, name);
      return;
    }
    // ExternalName Services get no endpoints from the controllers.
    const pods = svc.spec?.type === 'ExternalName' ? undefined : this.membership.members(ns, name);
    if (!pods) return; // no selector: Endpoints are the user's to write
    let cache = this.caches.get(key);
    if (!cache || cache.serviceRv !== svc.metadata.resourceVersion) {
      cache = { serviceRv: svc.metadata.resourceVersion, pods: newSubsetCache() };
      this.caches.set(key, cache);
    }
    this.pacer.synced(key, pods.length);
    const { subsets, truncated } = buildSubsets(svc, pods, cache.pods);
    const labels = serviceLabels(svc);
    const annotations: Record<string, string> = {
      ...(existing?.metadata.annotations ?? {}),
      [TRIGGER_TIME_ANNOTATION]: trigger,
    };
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    if (existing) {
      const sameContent =
        deepEqual(existing.subsets ?? [], subsets) &&
        deepEqual(existing.metadata.labels ?? {}, labels) &&
        existing.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] === annotations[OVER_CAPACITY_ANNOTATION];
      if (sameContent) return;
      const next: KObject = { ...existing, metadata: { ...existing.metadata, labels, annotations } };
      if (subsets.length) next.subsets = subsets;
      else delete next.subsets;
      this.ctx.api.update(next, INTERNAL);
      return;
    }
    this.ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace: ns, labels, annotations },
        ...(subsets.length ? { subsets } : {}),
      },
      INTERNAL,
    );
  }
}

export const endpointsControllerComponent: Component = {
  name: 'endpoints-controller',
  start(ctx) {
    ctx.services.set('endpoints-controller', new EndpointsController(ctx));
  },
};
