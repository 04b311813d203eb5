/**
 * Controller references: who owns an object (ownerReferences with controller: true), building the
 * reference a controller stamps on what it creates, and adoption / release of orphans the way
 * client-go's ControllerRefManager does it.
 */
import type { ApiServer } from '../../api/apiserver';
import type { KObject, OwnerReference, StoredObject } from '../../api/types';

export function controllerRefOf(obj: KObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller) return r;
  return undefined;
}

/** metav1.NewControllerRef: what a controller puts on the objects it creates. */
export function newControllerRef(owner: StoredObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isControlledBy(obj: KObject, owner: StoredObject): boolean {
  return controllerRefOf(obj)?.uid === owner.metadata.uid;
}

const orphanIndexed = new WeakSet<object>();
const ORPHAN_INDEX = 'controllers:orphans-by-namespace';

/**
 * Objects of `resource` with no controller, by namespace: the candidates for adoption. Kept as a store
 * index so adoption never scans every pod in a namespace.
 */
export function orphansIn(api: ApiServer, resource: string, namespace: string): StoredObject[] {
  ensureOrphanIndex(api);
  return api.store.byIndex(ORPHAN_INDEX, `${resource}|${namespace}`);
}

export function ensureOrphanIndex(api: ApiServer): void {
  if (orphanIndexed.has(api.store)) return;
  orphanIndexed.add(api.store);
  api.store.addIndex(
    ORPHAN_INDEX,
    '*',
    (o) => {
      // Called twice for every write of every object: most are owned, and share one empty list.
      if (!o.metadata.namespace || controllerRefOf(o) || o.metadata.deletionTimestamp) return NOT_ORPHAN;
      const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
      const plural = PLURALS[o.kind];
      if (!plural) return NOT_ORPHAN;
      return [`${group ? `${plural}.${group}` : plural}|${o.metadata.namespace}`];
    },
    { specAndMetadataOnly: true },
  );
}

const NOT_ORPHAN: string[] = [];

// Only the kinds workload controllers adopt are indexed, to keep the index small.
const PLURALS: Record<string, string> = {
  Pod: 'pods',
  ReplicaSet: 'replicasets',
  ControllerRevision: 'controllerrevisions',
  Job: 'jobs',
};

/** Write `obj` with the owner's controller reference added (adoption), as a fresh object. */
export function adopt(api: ApiServer, obj: StoredObject, owner: StoredObject): StoredObject | undefined {
  try {
    return api.update({
      ...obj,
      metadata: {
        ...obj.metadata,
        ownerReferences: [...(obj.metadata.ownerReferences ?? []), newControllerRef(owner)],
      },
    });
  } catch {
    return undefined;
  }
}

/** Write `obj` without the owner's reference (release), as a fresh object. */
export function release(api: ApiServer, obj: StoredObject, owner: StoredObject): void {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  try {
    api.update({ ...obj, metadata: { ...obj.metadata, ownerReferences: refs.length ? refs : undefined } });
  } catch {
    // Gone or changed meanwhile: the next sync sees the current state.
  }
}
