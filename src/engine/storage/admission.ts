/**
 * Two admission plugins the API server runs for storage: DefaultStorageClass (a claim that names no class
 * gets the default one) and StorageObjectInUseProtection (claims and volumes get their protection
 * finalizers, so they outlive the pods that use them).
 */
import type { AdmissionRequest } from '../api/apiserver';
import { forbidden } from '../api/errors';
import type { EngineContext } from '../context';
import { quantityValue } from '../schema/quantity';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** The default StorageClass: the newest one marked default (as the admission plugin picks), if any. */
export function defaultStorageClass(ctx: EngineContext): string | undefined {
  const defaults = ctx.api
    .list('storageclasses.storage.k8s.io')
    .filter(
      (sc) =>
        sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' ||
        sc.metadata.annotations?.[BETA_DEFAULT_CLASS_ANNOTATION] === 'true',
    )
    .sort((a, b) =>
      a.metadata.creationTimestamp === b.metadata.creationTimestamp
        ? a.metadata.name < b.metadata.name
          ? -1
          : 1
        : a.metadata.creationTimestamp < b.metadata.creationTimestamp
          ? 1
          : -1,
    );
  return defaults[0]?.metadata.name;
}

/**
 * PersistentVolumeClaimResize: a bigger request is only accepted for a bound, dynamically provisioned
 * claim whose StorageClass allows expansion (kind's `standard` does not).
 */
function checkResize(ctx: EngineContext, req: AdmissionRequest): void {
  const old = req.old;
  if (!old || req.operation !== 'UPDATE') return;
  const before = quantityValue(old.spec?.resources?.requests?.storage ?? '0');
  const after = quantityValue(req.object.spec?.resources?.requests?.storage ?? '0');
  if (!(after > before)) return;
  const className = old.spec?.storageClassName;
  const sc = className ? ctx.api.store.get('storageclasses.storage.k8s.io', undefined, className) : undefined;
  if (!old.spec?.volumeName || !sc || sc.allowVolumeExpansion !== true) {
    throw forbidden(
      `persistentvolumeclaims "${old.metadata.name}" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`,
    );
  }
}

export function registerStorageAdmission(ctx: EngineContext): void {
  ctx.api.addValidatingAdmission((req) => {
    if (req.resource.plural === 'persistentvolumeclaims' && req.resource.group === '') checkResize(ctx, req);
  });
  ctx.api.addMutatingAdmission((req) => {
    if (req.operation !== 'CREATE' || req.resource.group !== '') return;
    const obj = req.object;
    if (req.resource.plural === 'persistentvolumeclaims') {
      if (obj.spec && obj.spec.storageClassName === undefined) {
        const dflt = defaultStorageClass(ctx);
        if (dflt) obj.spec = { ...obj.spec, storageClassName: dflt };
      }
      addFinalizer(obj, PVC_PROTECTION);
    } else if (req.resource.plural === 'persistentvolumes') {
      addFinalizer(obj, PV_PROTECTION);
    }
  });
}

function addFinalizer(obj: { metadata: { finalizers?: string[] } }, finalizer: string): void {
  const list = obj.metadata.finalizers ?? [];
  if (!list.includes(finalizer)) obj.metadata = { ...obj.metadata, finalizers: [...list, finalizer] };
}
