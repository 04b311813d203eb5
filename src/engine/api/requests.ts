/** The options and identities API requests carry, shared by the API server and its callers. */
import type { ResourceType } from './kinds';
import type { FieldRequirement, Selector } from './selectors';
import type { DeletionPropagation, KObject, StoredObject } from './types';

export interface UserInfo {
  username: string;
  groups: string[];
}

export const ADMIN: UserInfo = {
  username: 'kubernetes-admin',
  groups: ['system:masters', 'system:authenticated'],
};

export interface WriteOptions {
  dryRun?: boolean;
  user?: UserInfo;
  /**
   * A write by a simulated cluster component (kubelet status, scheduler binding, controller-made pods,
   * events) whose objects are correct by construction. It skips schema decoding and validation, the
   * costliest part of a write, unless the server was built with `validateInternalWrites` (tests do, so a
   * component that writes something the real API server would reject still fails there).
   */
  internal?: boolean;
}

/** The options of a component's write (see WriteOptions.internal), shared to spare an allocation per write. */
export const INTERNAL: WriteOptions = Object.freeze({ internal: true });

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: DeletionPropagation;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  resource: ResourceType;
  object: KObject;
  old?: StoredObject;
  user: UserInfo;
}

/** A mutating plugin may change `object`; a validating one throws a StatusError to reject. */
export type AdmissionPlugin = (req: AdmissionRequest) => void;

/** Finalizers the garbage collector owns. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';
