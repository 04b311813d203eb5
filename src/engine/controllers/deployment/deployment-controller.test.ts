import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../api/types';
import { deployment } from '../../testing/fixtures';
import { garbageCollector } from '../garbage-collector';
import { replicaSetController } from '../replicaset/replicaset-controller';
import { type FakeKubeletOptions, fakeKubelet, testBed } from '../testbed';
import { deploymentController } from './deployment-controller';
import { computeHash } from './hash';

const HASH = /^web-[4-9bcdf]{8,10}$/;

function bed(kubelet: FakeKubeletOptions = {}) {
  return testBed([deploymentController, replicaSetController, garbageCollector, fakeKubelet(kubelet)]);
}

type Bed = ReturnType<typeof bed>;

function replicaSets(b: Bed): StoredObject[] {
  return b.api.list('replicasets.apps', { namespace: 'default' });
}

function getDeploy(b: Bed): StoredObject {
  return b.api.get('deployments.apps', 'default', 'web');
}

function edit(
  b: Bed,
  fn: (spec: StoredObject['spec']) => StoredObject['spec'],
  annotations?: Record<string, string>,
): void {
  const d = getDeploy(b);
  b.api.update({
    ...d,
    metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, ...annotations } },
    spec: fn(d.spec),
  });
}

function setImage(b: Bed, image: string): void {
  edit(b, (s) => ({
    ...s,
    template: {
      ...s.template,
      spec: { ...s.template.spec, containers: [{ ...s.template.spec.containers[0], image }] },
    },
  }));
}

function scalingEvents(b: Bed): string[] {
  return b
    .takeEvents()
    .filter((e) => e.startsWith('ScalingReplicaSet: '))
    .map((e) => e.slice('ScalingReplicaSet: '.length));
}

function conditions(d: StoredObject): string[] {
  return (d.status?.conditions ?? []).map(
    (c: { type: string; status: string; reason: string; message: string }) =>
      `${c.type} ${c.status} ${c.reason}: ${c.message}`,
  );
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named by the pod-template-hash and reports progress', () => {
    const b = bed();
    b.api.create(deployment('web', 3));
    b.takeActions();
    b.advance(10);
    const [rs] = replicaSets(b);
    expect(rs.metadata.name).toMatch(HASH);
    const hash = rs.metadata.labels?.['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    // As upstream: the revision annotation, the Progressing condition from creating the ReplicaSet, then
    // the rollout status (replicas, Available).
    expect(b.takeActions()).toEqual([
      `create replicasets.apps default/${rs.metadata.name}`,
      'update deployments.apps default/web',
      'update deployments.apps/status default/web',
      'update deployments.apps/status default/web',
    ]);
    expect(b.takeEvents()).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 0 to 3`,
    ]);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(getDeploy(b).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(conditions(getDeploy(b))).toEqual([
      `Progressing True NewReplicaSetCreated: Created new replica set "${rs.metadata.name}"`,
      'Available False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
    ]);

    b.advance(2000);
    const d = getDeploy(b);
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d.status.unavailableReplicas).toBeUndefined();
    expect(conditions(d)).toEqual([
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable: ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
    ]);
  });

  it('hashes like upstream: FNV-32a rendered through SafeEncodeString, changed by collisionCount', () => {
    const t = {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    };
    expect(computeHash(t)).toMatch(/^[4-9bcdf]{8,10}$/);
    expect(computeHash(t)).toBe(computeHash(structuredClone(t)));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
    expect(computeHash(t, 0)).not.toBe(computeHash(t));
  });

  it('rolls out a new template within maxSurge and maxUnavailable', () => {
    const b = bed({ startMs: 1000 });
    b.api.create(deployment('web', 4));
    b.advance(5000);
    const [old] = replicaSets(b);
    b.takeEvents();
    setImage(b, 'nginx:1.28');
    let maxTotal = 0;
    let minAvailable = 4;
    for (let t = 0; t < 20_000; t += 100) {
      b.advance(100);
      const pods = b.api.list('pods', { namespace: 'default' });
      maxTotal = Math.max(maxTotal, pods.length);
      const ready = pods.filter(
        (p) =>
          !p.metadata.deletionTimestamp &&
          p.status?.conditions?.some(
            (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
          ),
      );
      minAvailable = Math.min(minAvailable, ready.length);
    }
    expect(maxTotal).toBe(5); // 4 + 25% surge rounded up
    expect(minAvailable).toBe(3); // 4 - 25% unavailable rounded down
    const [rsA, rsB] = replicaSets(b);
    const fresh = rsA.metadata.name === old.metadata.name ? rsB : rsA;
    const next = fresh.metadata.name;
    const prev = old.metadata.name;
    // Both new pods turn available together, so the second step takes two old replicas at once.
    expect(scalingEvents(b)).toEqual([
      `Scaled up replica set ${next} from 0 to 1`,
      `Scaled down replica set ${prev} from 4 to 3`,
      `Scaled up replica set ${next} from 1 to 2`,
      `Scaled down replica set ${prev} from 3 to 1`,
      `Scaled up replica set ${next} from 2 to 4`,
      `Scaled down replica set ${prev} from 1 to 0`,
    ]);
    expect(
      b.api.get('replicasets.apps', 'default', prev).metadata.annotations?.[
        'deployment.kubernetes.io/revision'
      ],
    ).toBe('1');
    expect(
      b.api.get('replicasets.apps', 'default', next).metadata.annotations?.[
        'deployment.kubernetes.io/revision'
      ],
    ).toBe('2');
    const d = getDeploy(b);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 4,
      availableReplicas: 4,
    });
    expect(conditions(d)[1]).toBe(
      `Progressing True NewReplicaSetAvailable: ReplicaSet "${next}" has successfully progressed.`,
    );
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods to be gone', () => {
    const b = bed({ startMs: 1000, stopMs: 5000 });
    const d = deployment('web', 2);
    d.spec.strategy = { type: 'Recreate' };
    b.api.create(d);
    b.advance(3000);
    const [old] = replicaSets(b);
    b.takeEvents();
    setImage(b, 'nginx:1.28');
    b.advance(1000);
    expect(replicaSets(b)).toHaveLength(1);
    expect(scalingEvents(b)).toEqual([`Scaled down replica set ${old.metadata.name} from 2 to 0`]);
    b.advance(4100);
    const fresh = replicaSets(b).find((r) => r.metadata.name !== old.metadata.name)!;
    expect(fresh).toBeDefined();
    expect(scalingEvents(b)).toEqual([`Scaled up replica set ${fresh.metadata.name} from 0 to 2`]);
  });

  it('scales proportionally in the middle of a rollout (the upstream documentation example)', () => {
    const b = bed({ startMs: 500, ready: (p) => p.spec.containers[0].image !== 'nginx:sometag' });
    const d = deployment('web', 10);
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    b.api.create(d);
    b.advance(3000);
    const [old] = replicaSets(b);
    setImage(b, 'nginx:sometag');
    b.advance(5000);
    const fresh = replicaSets(b).find((r) => r.metadata.name !== old.metadata.name)!;
    expect(b.api.get('replicasets.apps', 'default', old.metadata.name).spec.replicas).toBe(8);
    expect(fresh.spec.replicas).toBe(5);
    b.takeEvents();
    edit(b, (s) => ({ ...s, replicas: 15 }));
    b.advance(100);
    expect(b.api.get('replicasets.apps', 'default', old.metadata.name).spec.replicas).toBe(11);
    expect(b.api.get('replicasets.apps', 'default', fresh.metadata.name).spec.replicas).toBe(7);
    expect(scalingEvents(b)).toEqual([
      `Scaled up replica set ${old.metadata.name} from 8 to 11`,
      `Scaled up replica set ${fresh.metadata.name} from 5 to 7`,
    ]);
  });

  it('reports ProgressDeadlineExceeded when the new pods never become ready', () => {
    const b = bed({ startMs: 500, ready: (p) => p.spec.containers[0].image !== 'nginx:broken' });
    const d = deployment('web', 2);
    d.spec.progressDeadlineSeconds = 30;
    b.api.create(d);
    b.advance(3000);
    setImage(b, 'nginx:broken');
    b.advance(20_000);
    const fresh = replicaSets(b).find((r) => r.spec.template.spec.containers[0].image === 'nginx:broken')!;
    expect(conditions(getDeploy(b))[1]).toBe(
      `Progressing True ReplicaSetUpdated: ReplicaSet "${fresh.metadata.name}" is progressing.`,
    );
    b.advance(15_000);
    expect(conditions(getDeploy(b))).toEqual([
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing False ProgressDeadlineExceeded: ReplicaSet "${fresh.metadata.name}" has timed out progressing.`,
    ]);
  });

  it('keeps revisionHistoryLimit old ReplicaSets and copies change-cause', () => {
    const b = bed({ startMs: 100 });
    const d = deployment('web', 1);
    d.spec.revisionHistoryLimit = 1;
    b.api.create(d);
    b.advance(1000);
    for (const [i, tag] of ['1.28', '1.29', '1.30'].entries()) {
      edit(
        b,
        (s) => ({
          ...s,
          template: {
            ...s.template,
            spec: { ...s.template.spec, containers: [{ name: 'web', image: `nginx:${tag}` }] },
          },
        }),
        {
          'kubernetes.io/change-cause': `kubectl set image deployment/web web=nginx:${tag} (${i})`,
        },
      );
      b.advance(2000);
    }
    const left = replicaSets(b);
    expect(left.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual([
      '3',
      '4',
    ]);
    const current = left.find(
      (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '4',
    )!;
    expect(current.metadata.annotations?.['kubernetes.io/change-cause']).toBe(
      'kubectl set image deployment/web web=nginx:1.30 (2)',
    );
  });

  it('sets Progressing Unknown while paused and does not roll out', () => {
    const b = bed({ startMs: 100 });
    b.api.create(deployment('web', 2));
    b.advance(1000);
    edit(b, (s) => ({ ...s, paused: true }));
    b.advance(100);
    expect(conditions(getDeploy(b))[1]).toBe('Progressing Unknown DeploymentPaused: Deployment is paused');
    setImage(b, 'nginx:1.28');
    b.advance(1000);
    expect(replicaSets(b)).toHaveLength(1);
    edit(b, (s) => ({ ...s, paused: false }));
    b.advance(10);
    expect(conditions(getDeploy(b))[1]).toMatch(
      /^Progressing (Unknown DeploymentResumed: Deployment is resumed|True NewReplicaSetCreated)/,
    );
    b.advance(3000);
    expect(replicaSets(b)).toHaveLength(2);
    expect(getDeploy(b).status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
  });

  it('deletes ReplicaSets and pods through the garbage collector when the Deployment goes', () => {
    const b = bed({ startMs: 100 });
    b.api.create(deployment('web', 3));
    b.advance(1000);
    b.api.delete('deployments.apps', 'default', 'web');
    b.advance(100);
    expect(replicaSets(b)).toEqual([]);
    expect(b.api.list('pods', { namespace: 'default' })).toEqual([]);
  });
});
