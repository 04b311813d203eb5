import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { testBed } from '../controllers/testbed';
import { isoSeconds } from '../sim/clock';
import { storageComponent } from './index';

const PVCS = 'persistentvolumeclaims';
const PVS = 'persistentvolumes';

function storageClass(name: string, extra: Record<string, unknown> = {}, isDefault = false): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
    },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    ...extra,
  };
}

function claim(name: string, storage = '1Gi', extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...extra },
  };
}

function volume(name: string, storage: string, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage },
      hostPath: { path: `/data/${name}` },
      storageClassName: '',
      ...extra,
    },
  };
}

function podUsing(claimName: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'user', namespace: 'default' },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

function setup() {
  const t = testBed([storageComponent], { nodes: ['node-1'] });
  t.api.create(storageClass('standard', {}, true));
  t.takeActions();
  t.takeEvents();
  return t;
}

describe("dynamic provisioning with WaitForFirstConsumer (kind's standard class)", () => {
  it('waits for a consumer, then provisions pvc-<uid> on the selected node and binds it', () => {
    const t = setup();
    const { api } = t;
    const pvc = api.create(claim('data'));
    expect(pvc.spec.storageClassName).toBe('standard');
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    t.advance(20);
    expect(t.takeEvents()).toEqual([
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
    ]);
    t.advance(15_000);
    const waiting = api.list('events').find((e) => e.reason === 'WaitForFirstConsumer')!;
    expect(waiting.count).toBe(2);
    expect(api.get(PVCS, 'default', 'data').status?.phase ?? 'Pending').toBe('Pending');

    // The scheduler picked node-1 for the pod that uses the claim.
    const current = api.get(PVCS, 'default', 'data');
    api.update({
      ...current,
      metadata: { ...current.metadata, annotations: { 'volume.kubernetes.io/selected-node': 'node-1' } },
    });
    t.advance(20);
    expect(t.takeEvents()).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ]);
    t.advance(2_000);
    const name = `pvc-${pvc.metadata.uid}`;
    expect(t.takeEvents()).toEqual([
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume ${name}`,
    ]);
    t.advance(20);
    const pv = api.get(PVS, undefined, name);
    expect(pv.metadata.annotations).toEqual({
      'local.path.provisioner/selected-node': 'node-1',
      'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path',
    });
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    const bound = api.get(PVCS, 'default', 'data');
    expect(pv.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: 'data',
        namespace: 'default',
        uid: pvc.metadata.uid,
      },
      hostPath: { path: `/var/local-path-provisioner/${name}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] },
          ],
        },
      },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
    });
    expect(pv.status).toEqual({ phase: 'Bound', lastPhaseTransitionTime: isoSeconds(t.clock.now() - 20) });
    expect(bound.spec.volumeName).toBe(name);
    expect(bound.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': 'node-1',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    expect(bound.status).toMatchObject({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
    });
  });

  it('keeps a claim a pod uses until the pod goes, then deletes the provisioned volume (reclaimPolicy Delete)', () => {
    const t = setup();
    const { api } = t;
    const pvc = api.create(claim('data', '1Gi', {}));
    const c = api.get(PVCS, 'default', 'data');
    api.update({
      ...c,
      metadata: { ...c.metadata, annotations: { 'volume.kubernetes.io/selected-node': 'node-1' } },
    });
    api.create(podUsing('data'));
    t.advance(3_000);
    expect(api.get(PVCS, 'default', 'data').status.phase).toBe('Bound');
    api.delete(PVCS, 'default', 'data');
    t.advance(1_000);
    expect(api.get(PVCS, 'default', 'data').metadata.deletionTimestamp).toBeDefined();
    api.delete('pods', 'default', 'user');
    t.advance(20);
    expect(api.tryGet(PVCS, 'default', 'data')).toBeUndefined();
    expect(api.get(PVS, undefined, `pvc-${pvc.metadata.uid}`).status.phase).toBe('Released');
    t.advance(1_100);
    expect(api.tryGet(PVS, undefined, `pvc-${pvc.metadata.uid}`)).toBeUndefined();
  });
});

describe('claim resize', () => {
  it('refuses to grow a claim whose class does not allow expansion', () => {
    const t = setup();
    const { api } = t;
    api.create(volume('pv1', '5Gi'));
    api.create(claim('data', '1Gi', { storageClassName: '' }));
    t.advance(20);
    const pvc = api.get(PVCS, 'default', 'data');
    expect(() =>
      api.update({ ...pvc, spec: { ...pvc.spec, resources: { requests: { storage: '2Gi' } } } }),
    ).toThrowError(
      'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });
});

describe('static binding', () => {
  it('binds the smallest matching volume and marks both sides bound by the controller', () => {
    const t = setup();
    const { api } = t;
    api.create(volume('small', '1Gi'));
    api.create(volume('big', '10Gi'));
    api.create(volume('mid', '5Gi'));
    api.create(volume('rwx', '3Gi', { accessModes: ['ReadWriteMany'] }));
    t.advance(20);
    expect(api.list(PVS).map((v) => [v.metadata.name, v.status.phase])).toEqual([
      ['big', 'Available'],
      ['mid', 'Available'],
      ['rwx', 'Available'],
      ['small', 'Available'],
    ]);
    const pvc = api.create(claim('data', '2Gi', { storageClassName: '' }));
    t.advance(20);
    const mid = api.get(PVS, undefined, 'mid');
    expect(mid.spec.claimRef).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      name: 'data',
      namespace: 'default',
      resourceVersion: pvc.metadata.resourceVersion,
      uid: pvc.metadata.uid,
    });
    expect(mid.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(mid.status.phase).toBe('Bound');
    const bound = api.get(PVCS, 'default', 'data');
    expect(bound.spec.volumeName).toBe('mid');
    expect(bound.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '5Gi' },
    });
  });

  it('releases a Retain volume when its claim goes, and says why a claim cannot bind', () => {
    const t = setup();
    const { api } = t;
    api.create(volume('keep', '1Gi', { persistentVolumeReclaimPolicy: 'Retain' }));
    api.create(claim('data', '1Gi', { storageClassName: '' }));
    t.advance(20);
    api.delete(PVCS, 'default', 'data');
    t.advance(20);
    expect(api.get(PVS, undefined, 'keep').status.phase).toBe('Released');
    t.takeEvents();
    api.create(claim('again', '1Gi', { storageClassName: '' }));
    api.create(claim('fast', '1Gi', { storageClassName: 'fast' }));
    t.advance(20);
    expect(t.takeEvents().sort()).toEqual([
      'FailedBinding: no persistent volumes available for this claim and no storage class is set',
      'ProvisioningFailed: storageclass.storage.k8s.io "fast" not found',
    ]);
  });

  it('local-path cannot provision for an Immediate class (no node selected)', () => {
    const t = setup();
    const { api } = t;
    api.create(storageClass('now', { volumeBindingMode: 'Immediate' }));
    api.create(claim('data', '1Gi', { storageClassName: 'now' }));
    t.advance(2_100);
    expect(t.takeEvents()).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      'ProvisioningFailed: failed to provision volume with StorageClass "now": configuration error, no node was specified',
    ]);
  });
});
