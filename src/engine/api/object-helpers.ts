/** Small helpers around the API server: the owner index, generation bumps, list order, multi-watches. */
import { deepEqual } from '../util/objects';
import type { ObjectStore } from './store';
import type { KObject, StoredObject, WatchEvent } from './types';

const NO_OWNERS: string[] = [];
/** Owner uids per ownerReferences list: the list is shared by every version of an object, and by a batch of pods. */
const ownerUidLists = new WeakMap<object, string[]>();

export function ownerUids(o: StoredObject): string[] {
  const refs = o.metadata.ownerReferences;
  if (!refs?.length) return NO_OWNERS;
  let uids = ownerUidLists.get(refs);
  if (!uids) {
    uids = refs.map((r) => r.uid);
    ownerUidLists.set(refs, uids);
  }
  return uids;
}

/** Everything but metadata and status is equal: a write that leaves the generation as it was. */
export function specEqual(a: KObject, b: KObject): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'metadata' || k === 'status') continue;
    if (!deepEqual(a[k], b[k])) return false;
  }
  return true;
}

export function byNamespaceAndName(a: StoredObject, b: StoredObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/**
 * Watch several resources with one handler: one subscription per resource, made back to back, so the
 * handler keeps its place among other listeners for each of them but is not called for every write of
 * every other resource (Events, Leases...) as a watch of everything would be.
 */
export function watchEach(
  api: { store: ObjectStore },
  resources: readonly string[],
  fn: (e: WatchEvent) => void,
): () => void {
  const stops = resources.map((r) => api.store.subscribe(fn, r));
  return () => {
    for (const stop of stops) stop();
  };
}
