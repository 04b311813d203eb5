import { describe, expect, it } from 'vitest';
import { forbidden } from '../../api/errors';
import type { KObject, StoredObject } from '../../api/types';
import { markPodRunning, runPods, testBed } from '../testbed';
import { podsToDelete } from './pod-ranking';
import { replicaSetController } from './replicaset-controller';

const NAME = /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function rs(replicas: number, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
      },
      ...extra,
    },
  };
}

function pods(bed: ReturnType<typeof testBed>): StoredObject[] {
  return bed.api.list('pods', { namespace: 'default' });
}

function scale(bed: ReturnType<typeof testBed>, replicas: number): void {
  const cur = bed.api.get('replicasets.apps', 'default', 'web');
  bed.api.update({ ...cur, spec: { ...cur.spec, replicas } });
}

describe('ReplicaSet controller', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet', () => {
    const bed = testBed([replicaSetController]);
    bed.api.create(rs(3));
    bed.takeActions();
    bed.advance(10);
    const actions = bed.takeActions();
    const created = pods(bed);
    expect(created).toHaveLength(3);
    expect(actions).toEqual([
      ...created
        .map((p) => `create pods default/${p.metadata.name}`)
        .sort((a, b) => actions.indexOf(a) - actions.indexOf(b)),
      'update replicasets.apps/status default/web',
    ]);
    for (const p of created) {
      expect(p.metadata.name).toMatch(NAME);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: bed.api.get('replicasets.apps', 'default', 'web').metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    expect(bed.takeEvents()).toEqual(
      actions.slice(0, 3).map((a) => `SuccessfulCreate: Created pod: ${a.split('/')[1]}`),
    );
    expect(bed.api.get('replicasets.apps', 'default', 'web').status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      observedGeneration: 1,
    });
    // Level-triggered: nothing more to do.
    bed.advance(1000);
    expect(bed.takeActions()).toEqual([]);
  });

  it('counts ready and available replicas, waiting minReadySeconds for availability', () => {
    const bed = testBed([replicaSetController]);
    bed.api.create(rs(2, { minReadySeconds: 10 }));
    bed.advance(10);
    runPods(bed, 'web-');
    bed.advance(10);
    expect(bed.api.get('replicasets.apps', 'default', 'web').status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      observedGeneration: 1,
    });
    bed.advance(9_000);
    expect(bed.api.get('replicasets.apps', 'default', 'web').status.availableReplicas).toBeUndefined();
    bed.advance(2_000);
    expect(bed.api.get('replicasets.apps', 'default', 'web').status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
  });

  it('scales down deleting unscheduled, then not-ready pods before ready ones', () => {
    const bed = testBed([replicaSetController]);
    bed.api.create(rs(3));
    bed.advance(10);
    const [a, b, c] = pods(bed);
    markPodRunning(bed, a, true, 'node-1');
    markPodRunning(bed, b, false, 'node-2');
    bed.advance(10);
    bed.takeActions();
    bed.takeEvents();
    scale(bed, 1);
    bed.advance(10);
    expect(bed.takeActions()).toEqual([
      'update replicasets.apps default/web',
      `delete pods default/${c.metadata.name}`,
      `delete pods default/${b.metadata.name}`,
      'update replicasets.apps/status default/web',
    ]);
    expect(bed.takeEvents()).toEqual([
      `SuccessfulDelete: Deleted pod: ${c.metadata.name}`,
      `SuccessfulDelete: Deleted pod: ${b.metadata.name}`,
    ]);
    const status = bed.api.get('replicasets.apps', 'default', 'web').status;
    expect(status).toEqual({
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 2,
    });
  });

  it('stops at the first failed slow-start batch and reports FailedCreate', () => {
    const bed = testBed([replicaSetController]);
    let allowed = 1;
    bed.api.addValidatingAdmission((req) => {
      if (req.operation === 'CREATE' && req.resource.plural === 'pods' && allowed-- <= 0) {
        throw forbidden(
          `pods "${req.object.metadata.name}" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1`,
        );
      }
    });
    bed.api.create(rs(5));
    bed.takeActions();
    bed.advance(10);
    // Batch 1 (one pod) succeeds, batch 2 (two pods) fails: the last two are never tried.
    expect(pods(bed)).toHaveLength(1);
    const events = bed.takeEvents();
    expect(events).toHaveLength(3);
    expect(events[0]).toMatch(/^SuccessfulCreate: Created pod: web-/);
    expect(events[1]).toMatch(
      /^FailedCreate: Error creating: pods "web-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=1, limited: pods=1$/,
    );
    const cond = bed.api.get('replicasets.apps', 'default', 'web').status.conditions;
    expect(cond).toHaveLength(1);
    expect(cond[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(cond[0].message).toMatch(/exceeded quota: compute/);
  });

  it('adopts matching orphans and releases pods whose labels stop matching', () => {
    const bed = testBed([replicaSetController]);
    bed.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    bed.api.create(rs(2));
    bed.takeActions();
    bed.advance(10);
    const actions = bed.takeActions();
    expect(actions[0]).toBe('update pods default/stray');
    expect(actions.filter((a) => a.startsWith('create pods'))).toHaveLength(1);
    expect(bed.api.get('pods', 'default', 'stray').metadata.ownerReferences?.[0].name).toBe('web');
    // Relabel it: released, and a replacement is created.
    const stray = bed.api.get('pods', 'default', 'stray');
    bed.api.update({ ...stray, metadata: { ...stray.metadata, labels: { app: 'debug' } } });
    bed.takeActions();
    bed.advance(10);
    const after = bed.takeActions();
    expect(after[0]).toBe('update pods default/stray');
    expect(after.filter((a) => a.startsWith('create pods'))).toHaveLength(1);
    expect(bed.api.get('pods', 'default', 'stray').metadata.ownerReferences).toBeUndefined();
  });

  it('replaces a deleted pod and ignores finished ones', () => {
    const bed = testBed([replicaSetController]);
    bed.api.create(rs(1));
    bed.advance(10);
    const [first] = pods(bed);
    bed.api.delete('pods', 'default', first.metadata.name);
    bed.advance(10);
    const after = pods(bed);
    expect(after).toHaveLength(1);
    expect(after[0].metadata.name).not.toBe(first.metadata.name);
  });

  it('creates 1,000 pods in one sync, 500 at a time, fast', () => {
    const bed = testBed([replicaSetController]);
    bed.api.create(rs(1000));
    const start = globalThis.performance.now();
    bed.advance(10);
    expect(pods(bed)).toHaveLength(500);
    bed.advance(10);
    const elapsed = globalThis.performance.now() - start;
    expect(pods(bed)).toHaveLength(1000);
    expect(bed.api.get('replicasets.apps', 'default', 'web').status.replicas).toBe(1000);
    expect(elapsed).toBeLessThan(1500);
  });
});

describe('pod deletion ranking', () => {
  function fake(
    name: string,
    opts: {
      node?: string;
      phase?: string;
      ready?: boolean;
      created?: string;
      restarts?: number;
      cost?: string;
    },
  ): StoredObject {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        uid: name,
        resourceVersion: '1',
        creationTimestamp: opts.created ?? '2025-01-15T09:00:00Z',
        ...(opts.cost ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': opts.cost } } : {}),
      },
      spec: opts.node ? { nodeName: opts.node } : {},
      status: {
        phase: opts.phase ?? 'Running',
        conditions: [
          {
            type: 'Ready',
            status: opts.ready === false ? 'False' : 'True',
            lastTransitionTime: opts.created ?? '2025-01-15T09:00:00Z',
          },
        ],
        containerStatuses: [{ restartCount: opts.restarts ?? 0 }],
      },
    };
  }
  const now = 3_600_000;

  it('orders by scheduling, phase, readiness, cost, co-location, restarts and age', () => {
    const list = [
      fake('old-ready', { node: 'n1', created: '2025-01-15T09:00:00Z' }),
      fake('pending', { node: 'n1', phase: 'Pending', ready: false }),
      fake('unscheduled', { phase: 'Pending', ready: false }),
      fake('not-ready', { node: 'n1', ready: false }),
      fake('cheap', { node: 'n2', cost: '-10' }),
      fake('restarts', { node: 'n3', restarts: 4 }),
    ];
    expect(podsToDelete(list, list, 5, now).map((p) => p.metadata.name)).toEqual([
      'unscheduled',
      'pending',
      'not-ready',
      'cheap',
      'old-ready',
    ]);
  });

  it('prefers pods on nodes crowded with the same owner, then the newer', () => {
    const list = [
      fake('alone', { node: 'n1' }),
      fake('crowded', { node: 'n2' }),
      fake('newer', { node: 'n3', created: '2025-01-15T09:50:00Z' }),
    ];
    const related = [...list, fake('sibling', { node: 'n2' })];
    expect(podsToDelete(list, related, 2, now).map((p) => p.metadata.name)).toEqual(['crowded', 'newer']);
  });
});
