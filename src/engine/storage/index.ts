/** Storage: admission (default class, protection finalizers), the PV binder, kind's local-path provisioner. */
import type { Component } from '../context';
import { registerStorageAdmission } from './admission';
import { LOCAL_PATH_PROVISIONER, LocalPathProvisioner } from './local-path-provisioner';
import { ProtectionController } from './protection';
import { PersistentVolumeController } from './pv-controller';

export { defaultStorageClass, PV_PROTECTION, PVC_PROTECTION } from './admission';
export { LOCAL_PATH_PROVISIONER } from './local-path-provisioner';
export { podsUsingClaim } from './protection';
export { ANN as VOLUME_ANNOTATIONS, externalProvisioningMessage } from './pv-controller';

export const storageComponent: Component = {
  name: 'storage',
  start(ctx) {
    registerStorageAdmission(ctx);
    ctx.services.set(
      'persistentvolume-controller',
      new PersistentVolumeController(ctx, new Set([LOCAL_PATH_PROVISIONER])),
    );
    ctx.services.set(
      'local-path-provisioner',
      new LocalPathProvisioner(ctx, ctx.rng.fork('local-path-provisioner')),
    );
    new ProtectionController(ctx);
  },
};
