/**
 * The PersistentVolume controller (kube-controller-manager's persistentvolume-binder): binds claims to
 * matching volumes, asks the external provisioner for new ones (WaitForFirstConsumer classes only once
 * the scheduler picked a node), and moves volumes through Available -> Bound -> Released (or deletes
 * them per their reclaim policy). Pending claims are re-synced every 15 s, which is why their events
 * repeat in `kubectl describe` as `(x4 over 45s)`.
 */

import { watchEach } from '../api/object-helpers';
import type { KObject, StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { WorkQueue } from '../controllers/workqueue';
import { findBestMatch, storageClassOf } from './volume-matching';

export const PVCS = 'persistentvolumeclaims';
export const PVS = 'persistentvolumes';
export const CLASSES = 'storageclasses.storage.k8s.io';
export const RESYNC_MS = 15_000;
const SOURCE = { component: 'persistentvolume-controller' };

export const ANN = {
  selectedNode: 'volume.kubernetes.io/selected-node',
  provisioner: 'volume.kubernetes.io/storage-provisioner',
  betaProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
  bindCompleted: 'pv.kubernetes.io/bind-completed',
  boundByController: 'pv.kubernetes.io/bound-by-controller',
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
};

export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

export class PersistentVolumeController {
  private readonly queue: WorkQueue;
  /** Last time an event was recorded per claim uid and reason, so that events repeat once per resync. */
  private readonly lastEvent = new Map<string, number>();

  constructor(
    private readonly ctx: EngineContext,
    /** Provisioners whose Released volumes they delete themselves (reclaimPolicy Delete). */
    private readonly deleters: Set<string>,
  ) {
    this.queue = new WorkQueue(ctx.clock, 'persistentvolume-controller', (k) => this.reconcile(k));
    watchEach(ctx.api, [PVCS, PVS, CLASSES], (e) => {
      const o = e.object;
      if (e.resource === PVCS) {
        if (e.type === 'DELETED') this.forgetEvents(o.metadata.uid);
        this.queue.add(`claim/${o.metadata.namespace}/${o.metadata.name}`);
        if (o.spec?.volumeName) this.queue.add(`volume/${o.spec.volumeName}`);
      } else if (e.resource === PVS) {
        this.queue.add(`volume/${o.metadata.name}`);
        const ref = o.spec?.claimRef;
        if (ref?.name) this.queue.add(`claim/${ref.namespace ?? 'default'}/${ref.name}`);
      } else if (e.resource === CLASSES) {
        for (const pvc of ctx.api.store.list(PVCS))
          if (pvc.status?.phase !== 'Bound')
            this.queue.add(`claim/${pvc.metadata.namespace}/${pvc.metadata.name}`);
      }
    });
  }

  private reconcile(key: string): void {
    const [kind, a, b] = key.split('/');
    if (kind === 'claim') this.syncClaim(a, b);
    else this.syncVolume(a);
  }

  private syncClaim(namespace: string, name: string): void {
    const pvc = this.ctx.api.tryGet(PVCS, namespace, name);
    if (!pvc || pvc.metadata.deletionTimestamp) return;
    const volumeName: string | undefined = pvc.spec?.volumeName;
    if (volumeName) {
      const pv = this.ctx.api.tryGet(PVS, undefined, volumeName);
      if (!pv) {
        if (pvc.status?.phase === 'Bound') {
          this.setClaimPhase(pvc, 'Lost');
          this.ctx.events.record(
            pvc,
            'Warning',
            'ClaimLost',
            'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
            SOURCE,
          );
        }
        return;
      }
      const ref = pv.spec?.claimRef;
      if (
        ref &&
        (ref.name !== name ||
          (ref.namespace ?? 'default') !== namespace ||
          (ref.uid && ref.uid !== pvc.metadata.uid))
      ) {
        this.eventOncePerResync(
          pvc,
          'Warning',
          'FailedBinding',
          `volume "${volumeName}" already bound to a different claim.`,
        );
        return;
      }
      this.bind(pvc, pv);
      return;
    }
    const className = storageClassOf(pvc);
    const sc = className ? this.ctx.api.tryGet(CLASSES, undefined, className) : undefined;
    const waitForConsumer = sc?.volumeBindingMode === 'WaitForFirstConsumer';
    const selectedNode = pvc.metadata.annotations?.[ANN.selectedNode];
    if (!waitForConsumer || selectedNode) {
      const match = findBestMatch(pvc, this.ctx.api.list(PVS), selectedNode);
      if (match) {
        this.bind(pvc, match);
        return;
      }
    }
    this.queue.addAfter(`claim/${namespace}/${name}`, RESYNC_MS);
    if (!className) {
      this.eventOncePerResync(
        pvc,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      );
      return;
    }
    if (!sc) {
      this.eventOncePerResync(
        pvc,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io "${className}" not found`,
      );
      return;
    }
    if (waitForConsumer && !selectedNode) {
      this.eventOncePerResync(
        pvc,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
      );
      return;
    }
    const provisioner = String(sc.provisioner);
    if (provisioner === 'kubernetes.io/no-provisioner') return;
    const annotations = pvc.metadata.annotations ?? {};
    if (annotations[ANN.provisioner] !== provisioner || annotations[ANN.betaProvisioner] !== provisioner) {
      this.ctx.api.update({
        ...pvc,
        metadata: {
          ...pvc.metadata,
          annotations: { ...annotations, [ANN.betaProvisioner]: provisioner, [ANN.provisioner]: provisioner },
        },
      });
    }
    this.eventOncePerResync(pvc, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner));
  }

  /** Bind both sides, volume first (as upstream, so a crash in between leaves a volume the claim can find). */
  private bind(pvc: StoredObject, pv: StoredObject): void {
    const api = this.ctx.api;
    let volume = pv;
    const ref = volume.spec?.claimRef;
    if (!ref?.uid) {
      volume = api.update({
        ...volume,
        metadata: {
          ...volume.metadata,
          annotations: { ...(volume.metadata.annotations ?? {}), [ANN.boundByController]: 'yes' },
        },
        spec: {
          ...volume.spec,
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            name: pvc.metadata.name,
            namespace: pvc.metadata.namespace,
            resourceVersion: pvc.metadata.resourceVersion,
            uid: pvc.metadata.uid,
          },
        },
      });
    }
    this.setVolumePhase(volume, 'Bound');
    let claim = pvc;
    const annotations = claim.metadata.annotations ?? {};
    if (claim.spec?.volumeName !== volume.metadata.name || annotations[ANN.bindCompleted] !== 'yes') {
      const byController =
        claim.spec?.volumeName !== volume.metadata.name || annotations[ANN.boundByController] === 'yes';
      claim = api.update({
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: {
            ...annotations,
            [ANN.bindCompleted]: 'yes',
            ...(byController ? { [ANN.boundByController]: 'yes' } : {}),
          },
        },
        spec: { ...claim.spec, volumeName: volume.metadata.name },
      });
    }
    const status = { phase: 'Bound', accessModes: volume.spec?.accessModes, capacity: volume.spec?.capacity };
    if (claim.status?.phase !== 'Bound' || !claim.status?.capacity)
      api.updateStatus({ ...claim, status: { ...claim.status, ...status } });
  }

  private syncVolume(name: string): void {
    const pv = this.ctx.api.tryGet(PVS, undefined, name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    const ref = pv.spec?.claimRef;
    if (!ref) {
      this.setVolumePhase(pv, 'Available');
      return;
    }
    const claim = this.ctx.api.tryGet(PVCS, ref.namespace ?? 'default', ref.name);
    if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) {
      if (claim.spec?.volumeName === name) this.setVolumePhase(pv, 'Bound');
      else if (pv.status?.phase !== 'Bound') this.setVolumePhase(pv, 'Available');
      return;
    }
    if (!ref.uid) {
      // Pre-bound by an administrator to a claim that does not exist yet.
      this.setVolumePhase(pv, 'Available');
      return;
    }
    if (pv.status?.phase === 'Failed') return;
    if (pv.status?.phase !== 'Released') this.setVolumePhase(pv, 'Released');
    if ((pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain') !== 'Delete') return;
    const provisionedBy = pv.metadata.annotations?.[ANN.provisionedBy];
    if (provisionedBy && this.deleters.has(provisionedBy)) return; // the provisioner deletes it
    const current = this.ctx.api.get(PVS, undefined, name);
    this.setVolumePhase(current, 'Failed', 'error getting deleter volume plugin for volume');
    this.ctx.events.record(
      current,
      'Warning',
      'VolumeFailedDelete',
      `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`,
      SOURCE,
    );
  }

  private setVolumePhase(pv: StoredObject, phase: string, message?: string): void {
    if (pv.status?.phase === phase) return;
    const status: Record<string, unknown> = {
      ...(pv.status ?? {}),
      phase,
      lastPhaseTransitionTime: this.ctx.clock.nowISO(),
    };
    if (message) status.message = message;
    else delete status.message;
    this.ctx.api.updateStatus({ ...pv, status });
  }

  private setClaimPhase(pvc: StoredObject, phase: string): void {
    this.ctx.api.updateStatus({ ...pvc, status: { ...(pvc.status ?? {}), phase } });
  }

  private forgetEvents(uid: string): void {
    for (const key of this.lastEvent.keys()) if (key.startsWith(`${uid}|`)) this.lastEvent.delete(key);
  }

  private eventOncePerResync(
    obj: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    const key = `${obj.metadata.uid}|${reason}`;
    const last = this.lastEvent.get(key);
    const now = this.ctx.clock.now();
    if (last !== undefined && now - last < RESYNC_MS) return;
    this.lastEvent.set(key, now);
    this.ctx.events.record(obj, type, reason, message, SOURCE);
  }
}
