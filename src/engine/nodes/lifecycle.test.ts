/** Node failure: the kubelet stops, the node goes Unknown after the grace period, pods are evicted after 300s. */
import { describe, expect, it } from 'vitest';
import type { FaultsService } from '../faults';
import { deployment, testCluster } from '../testing/fixtures';
import type { NodesService } from './index';

describe('node lifecycle', () => {
  it('marks a silent node Unknown, taints it, evicts its pods after their toleration and recovers', () => {
    const c = testCluster();
    c.api.create(deployment('web', 3));
    c.advance(10_000);
    const victim = c.api.list('pods', { namespace: 'default' }).find((p) => p.spec.nodeName === 'node-1')!;
    const faults = c.ctx.services.get('faults') as FaultsService;
    expect(faults.stopNode('node-1')).toBe('kubelet on node-1 stopped');
    const stoppedAt = c.clock.now();
    c.advance(45_000);
    const ready = () =>
      c.api
        .get('nodes', undefined, 'node-1')
        .status.conditions.find((x: { type: string }) => x.type === 'Ready');
    expect(ready().status).toBe('True');
    c.advance(15_000);
    expect(ready()).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    const node = c.api.get('nodes', undefined, 'node-1');
    expect(node.spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    const nodeEvents = c.api
      .list('events', { namespace: 'default' })
      .filter((e) => (e.involvedObject as { name: string }).name === 'node-1')
      .map((e) => `${e.reason}: ${e.message}`);
    expect(nodeEvents).toContain('NodeNotReady: Node node-1 status is now: NodeNotReady');
    const pod = c.api.get('pods', 'default', victim.metadata.name);
    expect(pod.status.conditions.find((x: { type: string }) => x.type === 'Ready').status).toBe('False');
    // Default tolerations: 300s for unreachable, counted from when the taint was added.
    c.advance(290_000);
    expect(c.api.get('pods', 'default', victim.metadata.name).metadata.deletionTimestamp).toBeUndefined();
    c.advance(20_000);
    const evicted = c.api.get('pods', 'default', victim.metadata.name);
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(
      evicted.status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget'),
    ).toMatchObject({
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    // The kubelet is down, so the pod stays Terminating; the Deployment has already replaced it elsewhere.
    c.advance(60_000);
    expect(c.api.tryGet('pods', 'default', victim.metadata.name)).toBeDefined();
    expect(
      c.api
        .list('pods', { namespace: 'default' })
        .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running'),
    ).toHaveLength(3);
    expect(c.clock.now() - stoppedAt).toBeGreaterThan(350_000);
    // Back online: Ready again, taints gone, the terminating pod is finally removed.
    faults.startNode('node-1');
    c.advance(20_000);
    expect(ready().status).toBe('True');
    expect(c.api.get('nodes', undefined, 'node-1').spec.taints).toBeUndefined();
    expect(c.api.tryGet('pods', 'default', victim.metadata.name)).toBeUndefined();
  });

  it('cordon and uncordon with kubectl wording', () => {
    const c = testCluster();
    const nodes = c.ctx.services.get('nodes') as NodesService;
    expect(nodes.cordon('node-2')).toBe('node/node-2 cordoned');
    expect(nodes.cordon('node-2')).toBe('node/node-2 already cordoned');
    expect(nodes.uncordon('node-2')).toBe('node/node-2 uncordoned');
    expect(nodes.uncordon('node-2')).toBe('node/node-2 already uncordoned');
  });
});
