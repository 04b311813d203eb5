/**
 * The object store (the simulated etcd): objects by resource, namespace and name, a global
 * resourceVersion counter, secondary indexes, synchronous change listeners and a bounded change log for
 * watches that resume from a resourceVersion.
 *
 * Stored objects are shared, not copied: whoever reads one must not mutate it (tests run the store with
 * `freeze` on to catch that). Writers pass in a fresh object.
 */
import type { StoredObject, WatchEvent } from './types';

type IndexFn = (obj: StoredObject) => string[];

interface LoggedEvent {
  rv: number;
  event: WatchEvent;
}

/** How many changes a watch can resume across, like etcd's compaction window. */
const WATCH_LOG_SIZE = 4096;

export class ObjectStore {
  // resource -> namespace ('' for cluster-scoped) -> name -> object
  private data = new Map<string, Map<string, Map<string, StoredObject>>>();
  private counts = new Map<string, number>();
  private indexes = new Map<string, { fn: IndexFn; map: Map<string, Map<string, StoredObject>> }>();
  private listeners: ((e: WatchEvent) => void)[] = [];
  private log: LoggedEvent[] = [];
  private logStart = 0;
  private rv = 0;

  constructor(private readonly freeze = false) {}

  get resourceVersion(): number {
    return this.rv;
  }

  nextResourceVersion(): string {
    return String(++this.rv);
  }

  get(resource: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.data.get(resource)?.get(namespace ?? '')?.get(name);
  }

  /** Objects of a resource, optionally in one namespace, in name order per namespace. */
  list(resource: string, namespace?: string): StoredObject[] {
    const byNs = this.data.get(resource);
    if (!byNs) return [];
    if (namespace !== undefined) return [...(byNs.get(namespace)?.values() ?? [])];
    const out: StoredObject[] = [];
    for (const ns of byNs.values()) for (const o of ns.values()) out.push(o);
    return out;
  }

  count(resource: string): number {
    return this.counts.get(resource) ?? 0;
  }

  resources(): string[] {
    return [...this.data.keys()];
  }

  /**
   * A secondary index over one resource, e.g. pods by spec.nodeName or any object by owner uid.
   * Index names are global; `resource` '*' indexes every resource.
   */
  addIndex(name: string, resource: string, fn: IndexFn): void {
    const map = new Map<string, Map<string, StoredObject>>();
    this.indexes.set(name, { fn: (o) => fn(o), map });
    (this.indexResources ??= new Map()).set(name, resource);
    for (const r of resource === '*' ? this.resources() : [resource]) {
      for (const o of this.list(r)) this.indexAdd(name, r, o);
    }
  }

  private indexResources?: Map<string, string>;

  byIndex(name: string, value: string): StoredObject[] {
    const m = this.indexes.get(name)?.map.get(value);
    return m ? [...m.values()] : [];
  }

  /** The identity of an object across resources, for index and owner maps. */
  static identity(resource: string, obj: StoredObject): string {
    return `${resource}|${obj.metadata.namespace ?? ''}|${obj.metadata.name}`;
  }

  put(resource: string, obj: StoredObject): WatchEvent {
    if (this.freeze) deepFreeze(obj);
    let byNs = this.data.get(resource);
    if (!byNs) {
      byNs = new Map();
      this.data.set(resource, byNs);
    }
    const nsKey = obj.metadata.namespace ?? '';
    let byName = byNs.get(nsKey);
    if (!byName) {
      byName = new Map();
      byNs.set(nsKey, byName);
    }
    const old = byName.get(obj.metadata.name);
    byName.set(obj.metadata.name, obj);
    if (!old) this.counts.set(resource, (this.counts.get(resource) ?? 0) + 1);
    this.reindex(resource, old, obj);
    const event: WatchEvent = old ? { type: 'MODIFIED', resource, object: obj, old } : { type: 'ADDED', resource, object: obj };
    this.emit(event);
    return event;
  }

  remove(resource: string, obj: StoredObject): WatchEvent | undefined {
    const byName = this.data.get(resource)?.get(obj.metadata.namespace ?? '');
    const old = byName?.get(obj.metadata.name);
    if (!byName || !old) return undefined;
    byName.delete(obj.metadata.name);
    this.counts.set(resource, (this.counts.get(resource) ?? 1) - 1);
    this.reindex(resource, old, undefined);
    // The DELETED event carries the final state with a fresh resourceVersion, as a watch shows it.
    const final = { ...old, metadata: { ...old.metadata, resourceVersion: this.nextResourceVersion() } } as StoredObject;
    if (this.freeze) deepFreeze(final);
    const event: WatchEvent = { type: 'DELETED', resource, object: final, old };
    this.emit(event);
    return event;
  }

  /** Listen to every change, synchronously, in commit order. Returns the unsubscribe function. */
  subscribe(fn: (e: WatchEvent) => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  /**
   * Changes after `rv` (exclusive), or 'expired' when the log no longer reaches back that far
   * (the client must re-list, as with a real `410 Gone`).
   */
  changesSince(rv: number): WatchEvent[] | 'expired' {
    if (rv >= this.rv) return [];
    if (this.log.length > 0 && rv < this.log[0].rv - 1 && this.logStart > 0) return 'expired';
    if (this.log.length === 0) return this.logStart > 0 ? 'expired' : [];
    return this.log.filter((l) => l.rv > rv).map((l) => l.event);
  }

  private emit(event: WatchEvent): void {
    this.log.push({ rv: Number(event.object.metadata.resourceVersion), event });
    if (this.log.length > WATCH_LOG_SIZE) {
      this.log.splice(0, this.log.length - WATCH_LOG_SIZE);
      this.logStart++;
    }
    for (const l of this.listeners) l(event);
  }

  private reindex(resource: string, old: StoredObject | undefined, cur: StoredObject | undefined): void {
    if (this.indexes.size === 0) return;
    for (const [name] of this.indexes) {
      const r = this.indexResources?.get(name);
      if (r !== '*' && r !== resource) continue;
      if (old) this.indexRemove(name, resource, old);
      if (cur) this.indexAdd(name, resource, cur);
    }
  }

  private indexAdd(name: string, resource: string, obj: StoredObject): void {
    const idx = this.indexes.get(name)!;
    const id = ObjectStore.identity(resource, obj);
    for (const v of idx.fn(obj)) {
      let m = idx.map.get(v);
      if (!m) {
        m = new Map();
        idx.map.set(v, m);
      }
      m.set(id, obj);
    }
  }

  private indexRemove(name: string, resource: string, obj: StoredObject): void {
    const idx = this.indexes.get(name)!;
    const id = ObjectStore.identity(resource, obj);
    for (const v of idx.fn(obj)) {
      const m = idx.map.get(v);
      if (!m) continue;
      m.delete(id);
      if (m.size === 0) idx.map.delete(v);
    }
  }
}

function deepFreeze(o: unknown): void {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
}
