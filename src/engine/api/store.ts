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

interface Listener {
  seq: number;
  fn: (e: WatchEvent) => void;
}

interface Index {
  name: string;
  resource: string;
  fn: IndexFn;
  map: Map<string, Map<string, StoredObject>>;
}

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
  private indexes = new Map<string, Index>();
  private indexesByResource = new Map<string, Index[]>();
  private wildcardIndexes: Index[] = [];
  // Listeners by resource, so a pod status write does not wake every Service or Lease watcher.
  private globalListeners: Listener[] = [];
  private resourceListeners = new Map<string, Listener[]>();
  private listenerSeq = 0;
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
    const index: Index = { name, resource, fn, map: new Map() };
    this.indexes.set(name, index);
    if (resource === '*') this.wildcardIndexes.push(index);
    else {
      const list = this.indexesByResource.get(resource) ?? [];
      list.push(index);
      this.indexesByResource.set(resource, list);
    }
    for (const r of resource === '*' ? this.resources() : [resource]) {
      for (const o of this.list(r)) this.indexAdd(index, ObjectStore.identity(r, o), fn(o), o);
    }
  }

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

  /**
   * Listen to changes, synchronously, in commit order: every change, or only one resource's. Listeners run
   * in subscription order whichever way they subscribed. Returns the unsubscribe function.
   */
  subscribe(fn: (e: WatchEvent) => void, resource?: string): () => void {
    const listener: Listener = { seq: this.listenerSeq++, fn };
    const list = resource === undefined ? this.globalListeners : this.listenersFor(resource);
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  private listenersFor(resource: string): Listener[] {
    let list = this.resourceListeners.get(resource);
    if (!list) {
      list = [];
      this.resourceListeners.set(resource, list);
    }
    return list;
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
    const global = this.globalListeners;
    const specific = this.resourceListeners.get(event.resource);
    if (!specific || specific.length === 0) {
      for (let i = 0; i < global.length; i++) global[i].fn(event);
      return;
    }
    // Merge the two lists by subscription order. Copies guard against (un)subscribing during dispatch.
    const g = global.slice();
    const r = specific.slice();
    let i = 0;
    let j = 0;
    while (i < g.length || j < r.length) {
      if (j >= r.length || (i < g.length && g[i].seq < r[j].seq)) g[i++].fn(event);
      else r[j++].fn(event);
    }
  }

  private reindex(resource: string, old: StoredObject | undefined, cur: StoredObject | undefined): void {
    const specific = this.indexesByResource.get(resource);
    if (specific) for (const idx of specific) this.reindexOne(idx, resource, old, cur);
    for (const idx of this.wildcardIndexes) this.reindexOne(idx, resource, old, cur);
  }

  private reindexOne(idx: Index, resource: string, old: StoredObject | undefined, cur: StoredObject | undefined): void {
    const id = ObjectStore.identity(resource, (cur ?? old)!);
    const oldValues = old ? idx.fn(old) : EMPTY;
    const newValues = cur ? idx.fn(cur) : EMPTY;
    // Most writes (status updates) keep every indexed value: then only the object reference changes.
    if (cur && sameValues(oldValues, newValues)) {
      for (const v of newValues) idx.map.get(v)?.set(id, cur);
      return;
    }
    for (const v of oldValues) {
      const m = idx.map.get(v);
      if (!m) continue;
      m.delete(id);
      if (m.size === 0) idx.map.delete(v);
    }
    if (cur) this.indexAdd(idx, id, newValues, cur);
  }

  private indexAdd(idx: Index, id: string, values: string[], obj: StoredObject): void {
    for (const v of values) {
      let m = idx.map.get(v);
      if (!m) {
        m = new Map();
        idx.map.set(v, m);
      }
      m.set(id, obj);
    }
  }
}

const EMPTY: string[] = [];

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function deepFreeze(o: unknown): void {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
}
