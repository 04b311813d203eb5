/**
 * kind's rancher.io/local-path provisioner: for a claim the PV controller handed to it (annotation
 * volume.kubernetes.io/storage-provisioner), creates `pvc-<claim uid>`, a hostPath volume on the node
 * the scheduler selected, pinned there by node affinity; deletes Released volumes it made when their
 * reclaim policy is Delete.
 */

import { watchEach } from '../api/object-helpers';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { WorkQueue } from '../controllers/workqueue';
import { NAME_ALPHABET, type Rng } from '../sim/rng';
import { ANN, CLASSES, PVCS, PVS } from './pv-controller';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** The helper pod that creates the directory takes a moment. */
export const PROVISION_DELAY_MS = 2_000;
export const DELETE_DELAY_MS = 1_000;

export class LocalPathProvisioner {
  private readonly provisionQueue: WorkQueue;
  private readonly deleteQueue: WorkQueue;
  /** The provisioner's identity in event sources: `<name>_<pod>_<uuid>`. */
  readonly identity: string;

  constructor(
    private readonly ctx: EngineContext,
    rng: Rng,
  ) {
    const pod = `local-path-provisioner-${rng.string(10, NAME_ALPHABET)}-${rng.string(5, NAME_ALPHABET)}`;
    this.identity = `${LOCAL_PATH_PROVISIONER}_${pod}_${rng.uuid()}`;
    this.provisionQueue = new WorkQueue(
      ctx.clock,
      'local-path-provision',
      (k) => this.provision(k),
      PROVISION_DELAY_MS,
    );
    this.deleteQueue = new WorkQueue(
      ctx.clock,
      'local-path-delete',
      (k) => this.deleteVolume(k),
      DELETE_DELAY_MS,
    );
    watchEach(ctx.api, [PVCS, PVS], (e) => {
      if (e.type === 'DELETED') return;
      const o = e.object;
      if (e.resource === PVCS && this.wants(o))
        this.provisionQueue.add(`${o.metadata.namespace}/${o.metadata.name}`);
      if (e.resource === PVS && this.shouldDelete(o)) this.deleteQueue.add(o.metadata.name);
    });
  }

  private wants(pvc: StoredObject): boolean {
    return (
      pvc.metadata.annotations?.[ANN.provisioner] === LOCAL_PATH_PROVISIONER &&
      !pvc.spec?.volumeName &&
      !pvc.metadata.deletionTimestamp
    );
  }

  private shouldDelete(pv: StoredObject): boolean {
    return (
      pv.status?.phase === 'Released' &&
      pv.spec?.persistentVolumeReclaimPolicy === 'Delete' &&
      pv.metadata.annotations?.[ANN.provisionedBy] === LOCAL_PATH_PROVISIONER &&
      !pv.metadata.deletionTimestamp
    );
  }

  private provision(key: string): void {
    const [namespace, name] = key.split('/');
    const pvc = this.ctx.api.tryGet(PVCS, namespace, name);
    if (!pvc || !this.wants(pvc)) return;
    const volumeName = `pvc-${pvc.metadata.uid}`;
    if (this.ctx.api.tryGet(PVS, undefined, volumeName)) return;
    const source = { component: this.identity };
    const className: string = pvc.spec?.storageClassName ?? '';
    const sc = this.ctx.api.tryGet(CLASSES, undefined, className);
    const node = pvc.metadata.annotations?.[ANN.selectedNode];
    this.ctx.events.record(
      pvc,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${key}"`,
      source,
    );
    if (!sc || !node) {
      const why = !sc
        ? `storageclass.storage.k8s.io "${className}" not found`
        : 'configuration error, no node was specified';
      this.ctx.events.record(
        pvc,
        'Warning',
        'ProvisioningFailed',
        `failed to provision volume with StorageClass "${className}": ${why}`,
        source,
      );
      return;
    }
    this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: volumeName,
        annotations: {
          'local.path.provisioner/selected-node': node,
          [ANN.provisionedBy]: LOCAL_PATH_PROVISIONER,
        },
      },
      spec: {
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name,
          namespace,
          resourceVersion: pvc.metadata.resourceVersion,
          uid: pvc.metadata.uid,
        },
        hostPath: {
          path: `/var/local-path-provisioner/${volumeName}_${namespace}_${name}`,
          type: 'DirectoryOrCreate',
        },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
            ],
          },
        },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: className,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
    });
    this.ctx.events.record(
      pvc,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${volumeName}`,
      source,
    );
  }

  private deleteVolume(name: string): void {
    const pv = this.ctx.api.tryGet(PVS, undefined, name);
    if (pv && this.shouldDelete(pv)) this.ctx.api.delete(PVS, undefined, name);
  }
}
