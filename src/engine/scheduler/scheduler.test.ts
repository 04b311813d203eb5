/** Scheduler: filters and scores with the exact FailedScheduling wording, retries, spreading, volumes. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { deployment, pod, testCluster } from '../testing/fixtures';

const failedScheduling = (c: ReturnType<typeof testCluster>, name: string) =>
  c.api
    .list('events', { namespace: 'default' })
    .filter((e) => (e.involvedObject as { name: string }).name === name && e.reason === 'FailedScheduling')
    .map((e) => e.message);

const scheduledCondition = (c: ReturnType<typeof testCluster>, name: string) =>
  c.api
    .get('pods', 'default', name)
    .status?.conditions?.find((x: { type: string }) => x.type === 'PodScheduled');

const withContainer = (
  name: string,
  extra: Record<string, unknown>,
  spec: Record<string, unknown> = {},
): KObject => pod(name, 'nginx:1.27', { containers: [{ name, image: 'nginx:1.27', ...extra }], ...spec });

describe('scheduler', () => {
  it('reports untolerated taints and insufficient CPU as 1.32 does, and keeps the pod Pending', () => {
    const c = testCluster();
    c.api.create(withContainer('big', { resources: { requests: { cpu: '5' } } }));
    c.advance(2_000);
    const msg =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    expect(failedScheduling(c, 'big')).toEqual([msg]);
    expect(scheduledCondition(c, 'big')).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: msg,
    });
    expect(c.api.get('pods', 'default', 'big').status.phase).toBe('Pending');
  });

  it('counts several reasons per node and sorts them as strings', () => {
    const c = testCluster();
    c.api.create(withContainer('huge', { resources: { requests: { cpu: '5', memory: '32Gi' } } }));
    c.advance(2_000);
    expect(failedScheduling(c, 'huge')).toEqual([
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    ]);
  });

  it('waits for a matching node, then binds when one is labelled', () => {
    const c = testCluster();
    c.api.create(pod('ssd', 'nginx:1.27', { nodeSelector: { disktype: 'ssd' } }));
    c.advance(2_000);
    expect(failedScheduling(c, 'ssd')).toEqual([
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    ]);
    const node = c.api.get('nodes', undefined, 'node-2');
    c.api.update({
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, disktype: 'ssd' } },
    });
    c.advance(12_000);
    const p = c.api.get('pods', 'default', 'ssd');
    expect(p.spec.nodeName).toBe('node-2');
    expect(scheduledCondition(c, 'ssd')).toMatchObject({ status: 'True' });
    const scheduled = c.api
      .list('events', { namespace: 'default' })
      .find((e) => e.reason === 'Scheduled' && (e.involvedObject as { name: string }).name === 'ssd');
    expect(scheduled?.message).toBe('Successfully assigned default/ssd to node-2');
    expect(scheduled?.source).toEqual({ component: 'default-scheduler' });
  });

  it('spreads a Deployment over the nodes and respects required anti-affinity', () => {
    const c = testCluster();
    const d = deployment('web', 4);
    d.spec.template.spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    };
    c.api.create(d);
    c.advance(10_000);
    const pods = c.api.list('pods', { namespace: 'default' });
    const nodes = pods
      .map((p) => p.spec.nodeName)
      .filter(Boolean)
      .sort();
    expect(nodes).toEqual(['node-1', 'node-2', 'node-3']);
    const pending = pods.find((p) => !p.spec.nodeName)!;
    expect(failedScheduling(c, pending.metadata.name)[0]).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });

  it('a cordoned node takes no new pods; a Deployment of 3 spreads one per node', () => {
    const c = testCluster();
    for (const n of ['node-1', 'node-2']) {
      const node = c.api.get('nodes', undefined, n);
      c.api.update({ ...node, spec: { ...node.spec, unschedulable: true } });
    }
    c.advance(1_000);
    expect(c.api.get('nodes', undefined, 'node-1').spec.taints).toMatchObject([
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ]);
    c.api.create(withContainer('one', {}, { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }));
    c.advance(2_000);
    expect(failedScheduling(c, 'one')[0]).toBe(
      "0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
    const d = deployment('spread', 3);
    for (const n of ['node-1', 'node-2']) {
      const node = c.api.get('nodes', undefined, n);
      c.api.update({ ...node, spec: { ...node.spec, unschedulable: false } });
    }
    c.api.create(d);
    c.advance(10_000);
    const placed = c.api
      .list('pods', { namespace: 'default' })
      .filter((p) => p.metadata.labels?.app === 'spread')
      .map((p) => p.spec.nodeName)
      .sort();
    expect(placed).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('host ports conflict; a missing PVC fails before any node is tried', () => {
    const c = testCluster();
    c.api.create(
      withContainer(
        'hp1',
        { ports: [{ containerPort: 80, hostPort: 8080 }] },
        { nodeName: undefined, nodeSelector: { 'kubernetes.io/hostname': 'node-1' } },
      ),
    );
    c.advance(2_000);
    c.api.create(
      withContainer(
        'hp2',
        { ports: [{ containerPort: 80, hostPort: 8080 }] },
        { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } },
      ),
    );
    c.advance(2_000);
    expect(failedScheduling(c, 'hp2')[0]).toBe(
      "0/4 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
    c.api.create(
      pod('db', 'postgres:17', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }),
    );
    c.advance(2_000);
    expect(failedScheduling(c, 'db')[0]).toBe(
      '0/4 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('WaitForFirstConsumer: picks a node, asks for the volume there, binds once the claim is Bound', () => {
    const c = testCluster();
    c.api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    c.api.create(
      pod('db', 'nginx:1.27', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }),
    );
    c.advance(1_000);
    const selected = c.api.get('persistentvolumeclaims', 'default', 'data').metadata.annotations?.[
      'volume.kubernetes.io/selected-node'
    ];
    expect(['node-1', 'node-2', 'node-3']).toContain(selected);
    c.advance(15_000);
    expect(c.api.get('persistentvolumeclaims', 'default', 'data').status?.phase).toBe('Bound');
    expect(c.api.get('pods', 'default', 'db').spec.nodeName).toBe(selected);
  });
});

describe('preemption', () => {
  it('evicts a lower-priority pod and nominates its node for the higher-priority one', () => {
    const c = testCluster();
    c.api.create({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
      description: 'important',
    });
    for (const n of ['node-1', 'node-2', 'node-3']) {
      c.api.create(
        withContainer(
          `low-${n}`,
          { resources: { requests: { cpu: '3' } } },
          { nodeSelector: { 'kubernetes.io/hostname': n } },
        ),
      );
    }
    c.advance(5_000);
    c.api.create(
      withContainer('vip', { resources: { requests: { cpu: '3' } } }, { priorityClassName: 'high' }),
    );
    c.advance(1_000);
    expect(failedScheduling(c, 'vip')[0]).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.',
    );
    const vip = c.api.get('pods', 'default', 'vip');
    const nominated = vip.status.nominatedNodeName;
    expect(['node-1', 'node-2', 'node-3']).toContain(nominated);
    const preempted = c.api.list('events', { namespace: 'default' }).find((e) => e.reason === 'Preempted')!;
    expect(preempted.message).toBe(`Preempted by pod ${vip.metadata.uid} on node ${nominated}`);
    c.advance(15_000);
    expect(c.api.tryGet('pods', 'default', `low-${nominated}`)).toBeUndefined();
    expect(c.api.get('pods', 'default', 'vip').spec.nodeName).toBe(nominated);
  });
});
