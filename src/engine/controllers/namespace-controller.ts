/**
 * The namespace controller: a namespace with a deletionTimestamp (phase Terminating) has all of its content
 * deleted; while some remains, status.conditions say what (as `kubectl get ns -o yaml` shows); when nothing
 * remains, the `kubernetes` finalizer comes off spec.finalizers and the namespace is removed.
 */
import { resourceId } from '../api/kinds';
import type { StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { WorkQueue } from './workqueue';

export const NAMESPACE_FINALIZER = 'kubernetes';

interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

// The conditions upstream's namespaced resources deleter keeps, in its order, with the "all is well" wording.
const OK: [type: string, reason: string, message: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  [
    'NamespaceDeletionGroupVersionParsingFailure',
    'ParsedGroupVersions',
    'All legacy kube types successfully parsed',
  ],
  [
    'NamespaceDeletionContentFailure',
    'ContentDeleted',
    'All content successfully deleted, may be waiting on finalization',
  ],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

export class NamespaceController {
  readonly queue: WorkQueue;
  private terminating = new Set<string>();

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'namespace-controller', (key) => this.reconcile(key));
    ctx.api.watch(undefined, undefined, (e) => {
      if (e.resource === 'namespaces') {
        if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) {
          this.terminating.add(e.object.metadata.name);
          this.queue.add(e.object.metadata.name);
        } else this.terminating.delete(e.object.metadata.name);
        return;
      }
      // Content leaving (or losing a finalizer) in a terminating namespace may let it finish.
      const ns = e.object.metadata.namespace;
      if (ns && this.terminating.has(ns) && e.type !== 'ADDED') this.queue.add(ns);
    });
    for (const ns of ctx.api.store.list('namespaces')) {
      if (!ns.metadata.deletionTimestamp) continue;
      this.terminating.add(ns.metadata.name);
      this.queue.add(ns.metadata.name);
    }
  }

  reconcile(name: string): void {
    const { api } = this.ctx;
    const ns = api.store.get('namespaces', undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;

    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    for (const rt of this.ctx.kinds.all()) {
      if (!rt.namespaced) continue;
      const resource = resourceId(rt);
      for (const obj of api.store.list(resource, name)) {
        if (!obj.metadata.deletionTimestamp) {
          try {
            api.delete(resource, name, obj.metadata.name, { propagationPolicy: 'Background' });
          } catch {
            // Already gone.
          }
        }
        const left = api.store.get(resource, name, obj.metadata.name);
        if (!left) continue;
        const label = `${rt.plural}.${rt.group}`;
        remaining.set(label, (remaining.get(label) ?? 0) + 1);
        for (const f of left.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      }
    }

    if (remaining.size === 0) {
      this.finalize(ns);
      return;
    }
    this.writeConditions(ns, remaining, finalizers);
  }

  private writeConditions(
    ns: StoredObject,
    remaining: Map<string, number>,
    finalizers: Map<string, number>,
  ): void {
    const now = this.ctx.clock.nowISO();
    const previous = (ns.status?.conditions ?? []) as NamespaceCondition[];
    const conditions = OK.map(([type, reason, message]): NamespaceCondition => {
      let cond: Omit<NamespaceCondition, 'lastTransitionTime'> = { type, status: 'False', reason, message };
      if (type === 'NamespaceContentRemaining' && remaining.size > 0) {
        const parts = [...remaining].map(([r, n]) => `${r} has ${n} resource instances`).sort();
        cond = {
          type,
          status: 'True',
          reason: 'SomeResourcesRemain',
          message: `Some resources are remaining: ${parts.join(', ')}`,
        };
      }
      if (type === 'NamespaceFinalizersRemaining' && finalizers.size > 0) {
        const parts = [...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort();
        cond = {
          type,
          status: 'True',
          reason: 'SomeFinalizersRemain',
          message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}`,
        };
      }
      const before = previous.find((c) => c.type === type);
      const lastTransitionTime = before && before.status === cond.status ? before.lastTransitionTime : now;
      return { type, status: cond.status, lastTransitionTime, reason: cond.reason, message: cond.message };
    });
    try {
      this.ctx.api.updateStatus({ ...ns, status: { ...ns.status, phase: 'Terminating', conditions } });
    } catch {
      // The namespace changed meanwhile; its next event brings it back.
    }
  }

  /** Remove the `kubernetes` finalizer (the /finalize subresource), then the namespace itself. */
  private finalize(ns: StoredObject): void {
    const { api } = this.ctx;
    let current = ns;
    const specFinalizers = (ns.spec?.finalizers ?? []) as string[];
    if (specFinalizers.includes(NAMESPACE_FINALIZER)) {
      try {
        current = api.update({
          ...ns,
          spec: { ...ns.spec, finalizers: specFinalizers.filter((f) => f !== NAMESPACE_FINALIZER) },
        });
      } catch {
        return;
      }
    }
    // Emptying spec.finalizers removes the namespace (the API server does it, as the namespace registry does).
    if ((current.spec?.finalizers ?? []).length > 0 || (current.metadata.finalizers ?? []).length > 0) return;
    const still = api.store.get('namespaces', undefined, current.metadata.name);
    if (still && still.metadata.uid === current.metadata.uid)
      api.delete('namespaces', undefined, still.metadata.name);
  }
}

export const namespaceController: Component = {
  name: 'namespace-controller',
  start(ctx) {
    ctx.services.set('namespace-controller', new NamespaceController(ctx));
  },
};
