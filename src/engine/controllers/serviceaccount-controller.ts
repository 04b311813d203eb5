/**
 * The service account controller: every active namespace has a `default` ServiceAccount (recreated when
 * deleted), as `kubectl get sa` shows in a new namespace.
 */
import type { Component, EngineContext } from '../context';
import { WorkQueue } from './workqueue';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

export class ServiceAccountController {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'serviceaccount-controller', (ns) => this.reconcile(ns));
    ctx.api.watch('namespaces', undefined, (e) => {
      if (e.type === 'ADDED') this.queue.add(e.object.metadata.name);
    });
    // Informers start with a list: namespaces that already exist are synced too.
    for (const ns of ctx.api.store.list('namespaces')) this.queue.add(ns.metadata.name);
    ctx.api.watch('serviceaccounts', undefined, (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === DEFAULT_SERVICE_ACCOUNT)
        this.queue.add(e.object.metadata.namespace ?? '');
    });
  }

  reconcile(namespace: string): void {
    const { api } = this.ctx;
    const ns = api.store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (api.store.get('serviceaccounts', namespace, DEFAULT_SERVICE_ACCOUNT)) return;
    try {
      api.create({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace },
      });
    } catch {
      // Created meanwhile, or the namespace is going away.
    }
  }
}

export const serviceAccountController: Component = {
  name: 'serviceaccount-controller',
  start(ctx) {
    ctx.services.set('serviceaccount-controller', new ServiceAccountController(ctx));
  },
};
