import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../../api/types';
import { rolloutHistory, rolloutStatus, rolloutUndo } from '../../workloads/rollout';
import { garbageCollector } from '../garbage-collector';
import { type FakeKubeletOptions, fakeKubelet, testBed } from '../testbed';
import { statefulSetController } from './statefulset-controller';

function sts(replicas: number, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...extra,
    },
  };
}

function bed(kubelet: FakeKubeletOptions = { startMs: 1000, stopMs: 2000 }) {
  return testBed([statefulSetController, fakeKubelet(kubelet)]);
}
type Bed = ReturnType<typeof bed>;

const podNames = (b: Bed) => b.api.list('pods', { namespace: 'default' }).map((p) => p.metadata.name);
const live = (b: Bed) =>
  b.api
    .list('pods', { namespace: 'default' })
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name);
const getSts = (b: Bed): StoredObject => b.api.get('statefulsets.apps', 'default', 'web');

function setImage(b: Bed, image: string, extra: Record<string, unknown> = {}): void {
  const s = getSts(b);
  b.api.update({
    ...s,
    spec: {
      ...s.spec,
      ...extra,
      template: { ...s.spec.template, spec: { containers: [{ name: 'nginx', image }] } },
    },
  });
}

describe('StatefulSet controller', () => {
  it('creates a revision, then the claim and pod for ordinal 0 only, with stable identity', () => {
    const b = bed();
    b.api.create(sts(3));
    b.takeActions();
    b.advance(10);
    const [rev] = b.api.list('controllerrevisions.apps', { namespace: 'default' });
    expect(rev.metadata.name).toMatch(/^web-[4-9bcdf]{8,10}$/);
    expect(rev.revision).toBe(1);
    expect(b.takeActions()).toEqual([
      `create controllerrevisions.apps default/${rev.metadata.name}`,
      'create persistentvolumeclaims default/www-web-0',
      'create pods default/web-0',
      'update statefulsets.apps/status default/web',
    ]);
    expect(b.takeEvents()).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    ]);
    const pod = b.api.get('pods', 'default', 'web-0');
    expect(pod.metadata.labels).toEqual({
      app: 'nginx',
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': rev.metadata.name,
      'statefulset.kubernetes.io/pod-name': 'web-0',
    });
    expect(pod.spec.hostname).toBe('web-0');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.spec.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
    const pvc = b.api.get('persistentvolumeclaims', 'default', 'www-web-0');
    expect(pvc.metadata.labels).toEqual({ app: 'nginx' });
    expect(pvc.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
    });
    expect(pvc.metadata.ownerReferences).toBeUndefined();
  });

  it('starts pods in order, each after its predecessor is Running and Ready', () => {
    const b = bed();
    b.api.create(sts(3));
    b.advance(500);
    expect(podNames(b)).toEqual(['web-0']);
    b.advance(600);
    expect(podNames(b)).toEqual(['web-0', 'web-1']);
    b.advance(1100);
    expect(podNames(b)).toEqual(['web-0', 'web-1', 'web-2']);
    b.advance(1100);
    const s = getSts(b);
    expect(s.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: s.status.updateRevision,
      updateRevision: s.status.updateRevision,
      collisionCount: 0,
      availableReplicas: 3,
    });
    expect(rolloutStatus(b.api, 'statefulsets.apps', 'default', 'web').text).toBe(
      'partitioned roll out complete: 3 new pods have been updated...\n',
    );
  });

  it('creates every pod at once with the Parallel policy', () => {
    const b = bed();
    b.api.create(sts(3, { podManagementPolicy: 'Parallel' }));
    b.advance(10);
    expect(podNames(b)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('scales down from the highest ordinal, one at a time', () => {
    const b = bed();
    b.api.create(sts(3));
    b.advance(5000);
    b.takeEvents();
    const s = getSts(b);
    b.api.update({ ...s, spec: { ...s.spec, replicas: 1 } });
    b.advance(10);
    expect(live(b)).toEqual(['web-0', 'web-1']);
    // web-1 goes only once web-2 has terminated (2 s of graceful shutdown).
    b.advance(1900);
    expect(live(b)).toEqual(['web-0', 'web-1']);
    b.advance(200);
    expect(live(b)).toEqual(['web-0']);
    b.advance(2000);
    expect(podNames(b)).toEqual(['web-0']);
    expect(b.takeEvents()).toEqual([
      'SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
    ]);
    // Claims are retained (persistentVolumeClaimRetentionPolicy whenScaled: Retain).
    expect(
      b.api.list('persistentvolumeclaims', { namespace: 'default' }).map((c) => c.metadata.name),
    ).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('rolls a new revision from the highest ordinal down to the partition', () => {
    const b = bed();
    b.api.create(sts(3));
    b.advance(5000);
    const oldRev = getSts(b).status.currentRevision;
    setImage(b, 'nginx:1.28', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
    b.advance(20_000);
    const s = getSts(b);
    expect(s.status.updateRevision).not.toBe(oldRev);
    expect(s.status.currentRevision).toBe(oldRev);
    expect(s.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2 });
    const rev = (n: string) => b.api.get('pods', 'default', n).metadata.labels?.['controller-revision-hash'];
    expect([rev('web-0'), rev('web-1'), rev('web-2')]).toEqual([
      oldRev,
      s.status.updateRevision,
      s.status.updateRevision,
    ]);
    expect(rolloutStatus(b.api, 'statefulsets.apps', 'default', 'web').text).toBe(
      'partitioned roll out complete: 2 new pods have been updated...\n',
    );
    // Partition 0 finishes the rollout: the update revision becomes current.
    const cur = getSts(b);
    b.api.update({
      ...cur,
      spec: { ...cur.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
    });
    b.advance(10_000);
    expect(getSts(b).status).toMatchObject({
      currentRevision: s.status.updateRevision,
      currentReplicas: 3,
      updatedReplicas: 3,
    });
    expect(rolloutHistory(b.api, 'statefulsets.apps', 'default', 'web').map((h) => h.revision)).toEqual([
      1, 2,
    ]);
    expect(rolloutUndo(b.api, 'statefulsets.apps', 'default', 'web')).toBe('rolled back');
    b.advance(20_000);
    expect(b.api.get('pods', 'default', 'web-2').spec.containers[0].image).toBe('nginx:1.27');
    // The old revision is re-used and renumbered as the newest.
    expect(rolloutHistory(b.api, 'statefulsets.apps', 'default', 'web').map((h) => h.revision)).toEqual([
      2, 3,
    ]);
  });

  it('replaces a deleted pod with the same name', () => {
    const b = bed();
    b.api.create(sts(2));
    b.advance(5000);
    const uid = b.api.get('pods', 'default', 'web-1').metadata.uid;
    b.api.delete('pods', 'default', 'web-1');
    b.advance(3000);
    const again = b.api.get('pods', 'default', 'web-1');
    expect(again.metadata.uid).not.toBe(uid);
  });

  it('deletes the claims of scaled-down pods with whenScaled: Delete', () => {
    const b = testBed([statefulSetController, garbageCollector, fakeKubelet({ startMs: 1000, stopMs: 500 })]);
    b.api.create(
      sts(2, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }),
    );
    b.advance(5000);
    const s = getSts(b);
    b.api.update({ ...s, spec: { ...s.spec, replicas: 1 } });
    b.advance(2000);
    expect(
      b.api.list('persistentvolumeclaims', { namespace: 'default' }).map((c) => c.metadata.name),
    ).toEqual(['www-web-0']);
  });

  it('numbers pods from spec.ordinals.start and waits for deletions with OnDelete', () => {
    const b = bed();
    b.api.create(sts(2, { ordinals: { start: 5 }, updateStrategy: { type: 'OnDelete' } }));
    b.advance(5000);
    expect(podNames(b)).toEqual(['web-5', 'web-6']);
    expect(b.api.get('pods', 'default', 'web-6').metadata.labels?.['apps.kubernetes.io/pod-index']).toBe('6');
    setImage(b, 'nginx:1.28');
    b.advance(10_000);
    // OnDelete: nothing is replaced until a pod is deleted by hand.
    expect(b.api.list('pods', { namespace: 'default' }).map((p) => p.spec.containers[0].image)).toEqual([
      'nginx:1.27',
      'nginx:1.27',
    ]);
    b.api.delete('pods', 'default', 'web-6');
    b.advance(10_000);
    expect(b.api.get('pods', 'default', 'web-6').spec.containers[0].image).toBe('nginx:1.28');
    expect(b.api.get('pods', 'default', 'web-5').spec.containers[0].image).toBe('nginx:1.27');
    expect(() => rolloutStatus(b.api, 'statefulsets.apps', 'default', 'web')).toThrowError(
      'rollout status is only available for RollingUpdate strategy type',
    );
  });
});
