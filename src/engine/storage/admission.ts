/**
 * Two admission plugins the API server runs for storage: DefaultStorageClass (a claim that names no class
 * gets the default one) and StorageObjectInUseProtection (claims and volumes get their protection
 * finalizers, so they outlive the pods that use them).
 */
import type { EngineContext } from '../context';

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

export function registerStorageAdmission(ctx: EngineContext): void {
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
