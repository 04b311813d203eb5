import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../../api/types';
import { rolloutStatus } from '../../workloads/rollout';
import { fakeKubelet, node, testBed } from '../testbed';
import { daemonSetController } from './daemonset-controller';
import { nodeShouldRunDaemonPod } from './placement';

function ds(extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...extra },
      },
    },
  };
}

function bed(startMs = 1000) {
  const b = testBed([
    daemonSetController,
    fakeKubelet({
      startMs,
      stopMs: 1000,
      node: (p) =>
        p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
          .matchFields[0].values[0],
    }),
  ]);
  b.api.create(
    node('control-plane', { 'node-role.kubernetes.io/control-plane': '' }, [
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]),
  );
  b.api.create(node('node-1'));
  b.api.create(node('node-2', { disk: 'ssd' }));
  return b;
}
type Bed = ReturnType<typeof bed>;

const pods = (b: Bed): StoredObject[] => b.api.list('pods', { namespace: 'default' });
const nodeOf = (p: StoredObject): string =>
  p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
    .matchFields[0].values[0];
const getDs = (b: Bed) => b.api.get('daemonsets.apps', 'default', 'agent');

describe('DaemonSet controller', () => {
  it('creates one pinned pod per eligible node with the daemon tolerations', () => {
    const b = bed();
    b.api.create(ds());
    b.takeActions();
    b.advance(10);
    const [rev] = b.api.list('controllerrevisions.apps', { namespace: 'default' });
    const hash = rev.metadata.labels?.['controller-revision-hash'];
    expect(rev.metadata.name).toBe(`agent-${hash}`);
    const created = pods(b).sort((x, y) => (nodeOf(x) < nodeOf(y) ? -1 : 1));
    expect(b.takeActions()).toEqual([
      `create controllerrevisions.apps default/${rev.metadata.name}`,
      ...created.map((p) => `create pods default/${p.metadata.name}`),
      'update daemonsets.apps/status default/agent',
    ]);
    expect(created.map(nodeOf).sort()).toEqual(['node-1', 'node-2']);
    const p = created[0];
    expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata.labels).toEqual({
      app: 'agent',
      'controller-revision-hash': hash,
      'pod-template-generation': '1',
    });
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(b.takeEvents()).toEqual(created.map((x) => `SuccessfulCreate: Created pod: ${x.metadata.name}`));
    expect(getDs(b).status).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 0,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberUnavailable: 2,
    });
    b.advance(2000);
    expect(getDs(b).status).toEqual({
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 2,
      observedGeneration: 1,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
    });
    expect(rolloutStatus(b.api, 'daemonsets.apps', 'default', 'agent').text).toBe(
      'daemon set "agent" successfully rolled out\n',
    );
  });

  it('honours nodeSelector, and tolerations of the control-plane taint', () => {
    const b = bed();
    b.api.create({
      ...ds({ nodeSelector: { disk: 'ssd' } }),
      metadata: { name: 'agent', namespace: 'default' },
    });
    b.advance(10);
    expect(pods(b).map(nodeOf)).toEqual(['node-2']);
    const all = testBed([daemonSetController]);
    all.api.create(
      node('control-plane', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
    );
    all.api.create(
      ds({
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        ],
      }),
    );
    all.advance(10);
    expect(all.api.list('pods', { namespace: 'default' })).toHaveLength(1);
  });

  it('follows nodes: new nodes get a pod, nodes that stop matching lose theirs', () => {
    const b = bed();
    b.api.create(ds({ nodeSelector: { 'kubernetes.io/os': 'linux' } }));
    b.advance(2000);
    b.api.create(node('node-3'));
    b.advance(10);
    expect(pods(b).map(nodeOf).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    const n1 = b.api.get('nodes', undefined, 'node-1');
    b.api.update({
      ...n1,
      metadata: { ...n1.metadata, labels: { ...n1.metadata.labels, 'kubernetes.io/os': 'windows' } },
    });
    b.advance(2000);
    expect(pods(b).map(nodeOf).sort()).toEqual(['node-2', 'node-3']);
    // An untolerated NoExecute taint evicts; a NoSchedule one only stops new pods.
    expect(
      nodeShouldRunDaemonPod(node('x', {}, [{ key: 'k', effect: 'NoSchedule' }]) as StoredObject, getDs(b)),
    ).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(
      nodeShouldRunDaemonPod(node('x', {}, [{ key: 'k', effect: 'NoExecute' }]) as StoredObject, getDs(b)),
    ).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(
      nodeShouldRunDaemonPod(
        node('x', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]) as StoredObject,
        getDs(b),
      ).shouldRun,
    ).toBe(true);
  });

  it('rolls a new template one node at a time (maxUnavailable 1)', () => {
    const b = bed();
    b.api.create(ds());
    b.advance(2000);
    const d = getDs(b);
    b.api.update({
      ...d,
      spec: {
        ...d.spec,
        template: { ...d.spec.template, spec: { containers: [{ name: 'agent', image: 'agent:2' }] } },
      },
    });
    let maxMissing = 0;
    for (let t = 0; t < 10_000; t += 50) {
      b.advance(50);
      const ready = pods(b).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
      maxMissing = Math.max(maxMissing, 2 - ready.length);
    }
    expect(maxMissing).toBe(1);
    expect(pods(b).map((p) => p.spec.containers[0].image)).toEqual(['agent:2', 'agent:2']);
    expect(getDs(b).status).toMatchObject({
      desiredNumberScheduled: 2,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
      observedGeneration: 2,
    });
    expect(b.api.list('controllerrevisions.apps', { namespace: 'default' }).map((r) => r.revision)).toEqual([
      1, 2,
    ]);
  });

  it('surges with maxSurge 1: a new pod starts beside the old one, which goes once the new one is ready', () => {
    const b = bed();
    const d = ds();
    d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    b.api.create(d);
    b.advance(2000);
    const cur = getDs(b);
    b.api.update({
      ...cur,
      spec: {
        ...cur.spec,
        template: { ...cur.spec.template, spec: { containers: [{ name: 'agent', image: 'agent:2' }] } },
      },
    });
    let minReady = 2;
    let maxPods = 2;
    for (let t = 0; t < 10_000; t += 50) {
      b.advance(50);
      const live = pods(b).filter((p) => !p.metadata.deletionTimestamp);
      maxPods = Math.max(maxPods, live.length);
      minReady = Math.min(minReady, live.filter((p) => p.status?.phase === 'Running').length);
    }
    expect(minReady).toBe(2);
    expect(maxPods).toBe(3);
    expect(pods(b).map((p) => p.spec.containers[0].image)).toEqual(['agent:2', 'agent:2']);
  });
});
