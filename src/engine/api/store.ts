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

/**
 * The slot of one stored object: it lives as long as the object's name does, and always holds the
 * current version. Indexes point at slots, so a write that keeps every indexed value (most writes:
 * status updates) leaves the indexes alone instead of re-pointing each of them at the new version.
 */
interface Cell {
  obj: StoredObject;
}

interface Listener {
  seq: number;
  fn: (e: WatchEvent) => void;
}

export interface IndexOptions {
  /**
   * The function reads nothing but `spec` and `metadata.{namespace, labels, ownerReferences,
   * deletionTimestamp}` (and kind/apiVersion): a write that keeps all of them by reference (a status write)
   * cannot change its values, and is not re-indexed.
   */
  specAndMetadataOnly?: boolean;
}

interface Index {
  name: string;
  resource: string;
  fn: IndexFn;
  specAndMetadataOnly: boolean;
  /** Indexed value -> the slots of the objects with it, in the order they got it. */
  map: Map<string, Set<Cell>>;
}

interface LoggedEvent {
  rv: number;
  event: WatchEvent;
}

/** How many changes a watch can resume across, like etcd's compaction window. */
const WATCH_LOG_SIZE = 4096;

export class ObjectStore {
  // resource -> namespace ('' for cluster-scoped) -> name -> the slot holding the current object
  private data = new Map<string, Map<string, Map<string, Cell>>>();
  private counts = new Map<string, number>();
  private indexes = new Map<string, Index>();
  private indexesByResource = new Map<string, Index[]>();
  private wildcardIndexes: Index[] = [];
  // Listeners by resource, so a pod status write does not wake every Service or Lease watcher.
  private globalListeners: Listener[] = [];
  private resourceListeners = new Map<string, Listener[]>();
  private listenerSeq = 0;
  // The watch log is a ring of WATCH_LOG_SIZE slots: `logHead` is the oldest entry, `logLength` how many
  // are filled. (Shifting an array on every write once full costs O(log size) per write.)
  private log: (LoggedEvent | undefined)[] = new Array(WATCH_LOG_SIZE);
  private logHead = 0;
  private logLength = 0;
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
    return this.data
      .get(resource)
      ?.get(namespace ?? '')
      ?.get(name)?.obj;
  }

  /** Objects of a resource, optionally in one namespace, in name order per namespace. */
  list(resource: string, namespace?: string): StoredObject[] {
    const byNs = this.data.get(resource);
    if (!byNs) return [];
    const out: StoredObject[] = [];
    if (namespace !== undefined) {
      const cells = byNs.get(namespace);
      if (cells) for (const c of cells.values()) out.push(c.obj);
      return out;
    }
    for (const ns of byNs.values()) for (const c of ns.values()) out.push(c.obj);
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
  addIndex(name: string, resource: string, fn: IndexFn, options: IndexOptions = {}): void {
    const index: Index = {
      name,
      resource,
      fn,
      specAndMetadataOnly: options.specAndMetadataOnly ?? false,
      map: new Map(),
    };
    this.indexes.set(name, index);
    if (resource === '*') this.wildcardIndexes.push(index);
    else {
      const list = this.indexesByResource.get(resource) ?? [];
      list.push(index);
      this.indexesByResource.set(resource, list);
    }
    for (const r of resource === '*' ? this.resources() : [resource]) {
      for (const ns of this.data.get(r)?.values() ?? [])
        for (const cell of ns.values()) this.indexAdd(index, fn(cell.obj), cell);
    }
  }

  byIndex(name: string, value: string): StoredObject[] {
    const m = this.indexes.get(name)?.map.get(value);
    if (!m) return [];
    const out: StoredObject[] = [];
    for (const c of m) out.push(c.obj);
    return out;
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
    let cell = byName.get(obj.metadata.name);
    const old = cell?.obj;
    if (cell) cell.obj = obj;
    else {
      cell = { obj };
      byName.set(obj.metadata.name, cell);
      this.counts.set(resource, (this.counts.get(resource) ?? 0) + 1);
    }
    this.reindex(resource, old, obj, cell);
    const event: WatchEvent = old
      ? { type: 'MODIFIED', resource, object: obj, old }
      : { type: 'ADDED', resource, object: obj };
    this.emit(event);
    return event;
  }

  remove(resource: string, obj: StoredObject): WatchEvent | undefined {
    const byName = this.data.get(resource)?.get(obj.metadata.namespace ?? '');
    const cell = byName?.get(obj.metadata.name);
    if (!byName || !cell) return undefined;
    const old = cell.obj;
    byName.delete(obj.metadata.name);
    this.counts.set(resource, (this.counts.get(resource) ?? 1) - 1);
    this.reindex(resource, old, undefined, cell);
    // The DELETED event carries the final state with a fresh resourceVersion, as a watch shows it.
    const final = {
      ...old,
      metadata: { ...old.metadata, resourceVersion: this.nextResourceVersion() },
    } as StoredObject;
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
    // Listener lists are replaced, never changed in place, so a dispatch in progress keeps iterating the
    // list it started with without copying it on every write.
    if (resource === undefined) this.globalListeners = [...this.globalListeners, listener];
    else this.resourceListeners.set(resource, [...(this.resourceListeners.get(resource) ?? []), listener]);
    return () => {
      if (resource === undefined) this.globalListeners = this.globalListeners.filter((l) => l !== listener);
      else
        this.resourceListeners.set(
          resource,
          (this.resourceListeners.get(resource) ?? []).filter((l) => l !== listener),
        );
    };
  }

  /**
   * Changes after `rv` (exclusive), or 'expired' when the log no longer reaches back that far
   * (the client must re-list, as with a real `410 Gone`).
   */
  changesSince(rv: number): WatchEvent[] | 'expired' {
    if (rv >= this.rv) return [];
    if (this.logLength === 0) return this.logStart > 0 ? 'expired' : [];
    if (rv < this.logAt(0).rv - 1 && this.logStart > 0) return 'expired';
    const out: WatchEvent[] = [];
    for (let i = 0; i < this.logLength; i++) {
      const l = this.logAt(i);
      if (l.rv > rv) out.push(l.event);
    }
    return out;
  }

  /** The i-th oldest logged change. */
  private logAt(i: number): LoggedEvent {
    return this.log[(this.logHead + i) % WATCH_LOG_SIZE]!;
  }

  private emit(event: WatchEvent): void {
    const logged: LoggedEvent = { rv: Number(event.object.metadata.resourceVersion), event };
    if (this.logLength < WATCH_LOG_SIZE) {
      this.log[(this.logHead + this.logLength) % WATCH_LOG_SIZE] = logged;
      this.logLength++;
    } else {
      // Full: the oldest entry makes room (compaction).
      this.log[this.logHead] = logged;
      this.logHead = (this.logHead + 1) % WATCH_LOG_SIZE;
      this.logStart++;
    }
    const g = this.globalListeners;
    const r = this.resourceListeners.get(event.resource);
    if (!r || r.length === 0) {
      for (let i = 0; i < g.length; i++) g[i].fn(event);
      return;
    }
    // Merge the two lists by subscription order (both are immutable snapshots, see subscribe).
    let i = 0;
    let j = 0;
    while (i < g.length || j < r.length) {
      if (j >= r.length || (i < g.length && g[i].seq < r[j].seq)) g[i++].fn(event);
      else r[j++].fn(event);
    }
  }

  private reindex(
    resource: string,
    old: StoredObject | undefined,
    cur: StoredObject | undefined,
    cell: Cell,
  ): void {
    const specific = this.indexesByResource.get(resource);
    const wildcard = this.wildcardIndexes;
    if (specific) for (let i = 0; i < specific.length; i++) this.reindexOne(specific[i], cell, old, cur);
    for (let i = 0; i < wildcard.length; i++) this.reindexOne(wildcard[i], cell, old, cur);
  }

  private reindexOne(
    idx: Index,
    cell: Cell,
    old: StoredObject | undefined,
    cur: StoredObject | undefined,
  ): void {
    if (idx.specAndMetadataOnly && old && cur && sameIndexedParts(old, cur)) return;
    const oldValues = old ? idx.fn(old) : EMPTY;
    const newValues = cur ? idx.fn(cur) : EMPTY;
    // Most writes (status updates) keep every indexed value: the slot already holds the new version.
    if (cur && sameValues(oldValues, newValues)) return;
    for (const v of oldValues) {
      const m = idx.map.get(v);
      if (!m) continue;
      m.delete(cell);
      if (m.size === 0) idx.map.delete(v);
    }
    if (cur) this.indexAdd(idx, newValues, cell);
  }

  private indexAdd(idx: Index, values: string[], cell: Cell): void {
    for (const v of values) {
      let m = idx.map.get(v);
      if (!m) {
        m = new Set();
        idx.map.set(v, m);
      }
      m.add(cell);
    }
  }
}

const EMPTY: string[] = [];

/** The parts a specAndMetadataOnly index may read are the very same objects in both versions. */
function sameIndexedParts(a: StoredObject, b: StoredObject): boolean {
  const am = a.metadata;
  const bm = b.metadata;
  return (
    a.spec === b.spec &&
    am.ownerReferences === bm.ownerReferences &&
    am.labels === bm.labels &&
    am.deletionTimestamp === bm.deletionTimestamp &&
    am.namespace === bm.namespace &&
    a.kind === b.kind &&
    a.apiVersion === b.apiVersion
  );
}

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
