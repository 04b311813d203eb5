/**
 * The shape every API object shares. Kind-specific fields stay loosely typed here; controllers use the
 * `kubernetes-types` definitions (type-only imports) where they need the detail.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [extra: string]: unknown;
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // spec and status differ per kind (see kubernetes-types), so they stay loosely typed here.
  spec?: any;
  status?: any;
  [extra: string]: unknown;
}

/** A stored object: the API server always fills these in. */
export interface StoredObject extends KObject {
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** The resource the object belongs to, e.g. `pods` or `deployments.apps`. */
  resource: string;
  object: StoredObject;
  /** For MODIFIED and DELETED, the object as it was before. */
  old?: StoredObject;
}

export type DeletionPropagation = 'Background' | 'Foreground' | 'Orphan';

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}
