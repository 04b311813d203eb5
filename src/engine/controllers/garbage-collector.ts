/**
 * The garbage collector: ownerReferences cascading deletion as kube-controller-manager's garbagecollector
 * does it.
 *  - Background: once an owner is gone, every dependent whose owners are all gone is deleted.
 *  - Foreground: an owner with deletionTimestamp and the `foregroundDeletion` finalizer has its dependents
 *    deleted first; the finalizer comes off when no dependent with blockOwnerDeletion remains.
 *  - Orphan: an owner with the `orphan` finalizer has its reference stripped from every dependent, then the
 *    finalizer comes off.
 * Owners are looked up from the reference's apiVersion/kind/name and compared by uid, as upstream does.
 */
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../api/apiserver';
import { resourceId } from '../api/kinds';
import type { DeletionPropagation, OwnerReference, StoredObject, WatchEvent } from '../api/types';
import type { Component, EngineContext } from '../context';
import { WorkQueue } from './workqueue';

type OwnerState = 'solid' | 'dangling' | 'waiting';

export class GarbageCollector {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'garbage-collector', (key) => this.reconcile(key));
    ctx.api.watch(undefined, undefined, (e) => this.onEvent(e));
  }

  private onEvent(e: WatchEvent): void {
    const obj = e.object;
    if (obj.kind === 'Event') return;
    if (e.type === 'DELETED') {
      // Dependents may now be dangling; an owner waiting on this dependent may now finish.
      for (const d of this.ctx.api.dependents(obj.metadata.uid)) this.enqueueObject(d);
      for (const ref of obj.metadata.ownerReferences ?? [])
        if (ref.blockOwnerDeletion) this.enqueueRef(ref, obj.metadata.namespace);
      return;
    }
    const fin = obj.metadata.finalizers;
    if (
      obj.metadata.deletionTimestamp &&
      fin &&
      (fin.includes(FOREGROUND_FINALIZER) || fin.includes(ORPHAN_FINALIZER))
    ) {
      this.enqueue(e.resource, obj);
    }
    const changedRefs =
      e.type === 'ADDED' || e.old?.metadata.ownerReferences !== obj.metadata.ownerReferences;
    if (!changedRefs) return;
    if (obj.metadata.ownerReferences?.length) this.enqueue(e.resource, obj);
    // A dependent that stopped blocking (or left) may let a foreground-deleting owner finish.
    for (const ref of e.old?.metadata.ownerReferences ?? [])
      if (ref.blockOwnerDeletion) this.enqueueRef(ref, obj.metadata.namespace);
  }

  private enqueue(resource: string, obj: StoredObject): void {
    this.queue.add(`${resource}|${obj.metadata.namespace ?? ''}|${obj.metadata.name}`);
  }

  private enqueueObject(obj: StoredObject): void {
    const rt = this.ctx.kinds.forObject(obj);
    if (rt) this.enqueue(resourceId(rt), obj);
  }

  private enqueueRef(ref: OwnerReference, namespace: string | undefined): void {
    const owner = this.lookupOwner(ref, namespace);
    if (owner) this.enqueueObject(owner);
  }

  private lookupOwner(ref: OwnerReference, namespace: string | undefined): StoredObject | undefined {
    const rt = this.ctx.kinds.forObject(ref);
    if (!rt) return undefined;
    const owner = this.ctx.api.store.get(resourceId(rt), rt.namespaced ? namespace : undefined, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  reconcile(key: string): void {
    const [resource, ns, name] = key.split('|');
    const obj = this.ctx.api.store.get(resource, ns || undefined, name);
    if (!obj) return;
    if (obj.metadata.deletionTimestamp) {
      const fin = obj.metadata.finalizers ?? [];
      if (fin.includes(ORPHAN_FINALIZER)) this.orphanDependents(resource, obj);
      else if (fin.includes(FOREGROUND_FINALIZER)) this.processDeletingDependents(resource, obj);
      return;
    }
    this.attemptToDelete(resource, obj);
  }

  private classify(obj: StoredObject): Map<OwnerReference, OwnerState> {
    const out = new Map<OwnerReference, OwnerState>();
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const owner = this.lookupOwner(ref, obj.metadata.namespace);
      if (!owner) out.set(ref, 'dangling');
      else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND_FINALIZER))
        out.set(ref, 'waiting');
      else out.set(ref, 'solid');
    }
    return out;
  }

  private attemptToDelete(resource: string, obj: StoredObject): void {
    const states = this.classify(obj);
    if (states.size === 0) return;
    const refs = [...states.keys()];
    const solid = refs.filter((r) => states.get(r) === 'solid');
    const gone = refs.filter((r) => states.get(r) !== 'solid');
    const { api } = this.ctx;
    if (solid.length > 0) {
      // A living owner keeps the object; references to owners that are gone or going are removed.
      if (gone.length > 0)
        this.write(() => api.update({ ...obj, metadata: { ...obj.metadata, ownerReferences: solid } }));
      return;
    }
    const waiting = refs.filter((r) => states.get(r) === 'waiting');
    const deps = waiting.length > 0 ? api.dependents(obj.metadata.uid) : [];
    if (deps.length > 0) {
      // The owner waits for this object, which has dependents of its own: delete it in the foreground too,
      // so the owner goes only after the whole subtree. If one of those dependents is itself waiting on
      // its dependents, stop blocking the owner first, so that a cycle cannot wait forever.
      let current = obj;
      if (
        deps.some(
          (d) => d.metadata.deletionTimestamp && d.metadata.finalizers?.includes(FOREGROUND_FINALIZER),
        )
      ) {
        const unblocked = refs.map((r) =>
          states.get(r) === 'waiting' && r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r,
        );
        current =
          this.write(() =>
            api.update({ ...obj, metadata: { ...obj.metadata, ownerReferences: unblocked } }),
          ) ?? obj;
      }
      this.delete(resource, current, 'Foreground');
      return;
    }
    const fin = obj.metadata.finalizers ?? [];
    const policy: DeletionPropagation = fin.includes(ORPHAN_FINALIZER)
      ? 'Orphan'
      : fin.includes(FOREGROUND_FINALIZER)
        ? 'Foreground'
        : 'Background';
    this.delete(resource, obj, policy);
  }

  private processDeletingDependents(resource: string, owner: StoredObject): void {
    const uid = owner.metadata.uid;
    const dependents = this.ctx.api.dependents(uid);
    const blocking = dependents.filter((d) =>
      d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion),
    );
    if (blocking.length === 0) {
      this.removeFinalizer(resource, owner, FOREGROUND_FINALIZER);
      return;
    }
    for (const d of dependents) if (!d.metadata.deletionTimestamp) this.enqueueObject(d);
  }

  private orphanDependents(resource: string, owner: StoredObject): void {
    const uid = owner.metadata.uid;
    const { api } = this.ctx;
    for (const d of api.dependents(uid)) {
      const refs = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      this.write(() =>
        api.update({ ...d, metadata: { ...d.metadata, ownerReferences: refs.length ? refs : undefined } }),
      );
    }
    this.removeFinalizer(resource, owner, ORPHAN_FINALIZER);
  }

  private removeFinalizer(resource: string, obj: StoredObject, finalizer: string): void {
    const current = this.ctx.api.store.get(resource, obj.metadata.namespace, obj.metadata.name) ?? obj;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.write(() => this.ctx.api.update({ ...current, metadata: { ...current.metadata, finalizers } }));
  }

  private delete(resource: string, obj: StoredObject, propagationPolicy: DeletionPropagation): void {
    this.write(() =>
      this.ctx.api.delete(resource, obj.metadata.namespace, obj.metadata.name, { propagationPolicy }),
    );
  }

  /** API errors (object gone, validation) are not fatal: the next event for the object brings it back here. */
  private write(fn: () => StoredObject): StoredObject | undefined {
    try {
      return fn();
    } catch {
      return undefined;
    }
  }
}

export const garbageCollector: Component = {
  name: 'garbage-collector',
  start(ctx) {
    ctx.services.set('garbage-collector', new GarbageCollector(ctx));
  },
};
