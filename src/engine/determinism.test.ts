/**
 * Same seed + same commands = same state, byte for byte. A scenario with a rollout, a scale-down, a
 * failing liveness probe, a bad image and a node failure runs twice; the state hash must match at every
 * step. A different seed must give a different state (uids, names and IPs come from the seed).
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from './cluster';
import type { FaultsService } from './faults';
import { deployment, testCluster } from './testing/fixtures';

function scenario(cluster: Cluster): string[] {
  const hashes: string[] = [];
  const step = (ms: number) => {
    cluster.advance(ms);
    hashes.push(cluster.stateHash());
  };
  const { api } = cluster;
  const web = deployment('web', 4, 'nginx:1.27');
  web.spec.template.spec.containers[0].livenessProbe = { httpGet: { path: '/', port: 80 }, periodSeconds: 5 };
  api.create(web);
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  });
  step(30_000);
  // A rolling update to a new image, then a bad image that stalls the next rollout.
  api.patch('deployments.apps', 'default', 'web', 'strategic', {
    spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } },
  });
  step(20_000);
  api.patch('deployments.apps', 'default', 'web', 'strategic', {
    spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:does-not-exist' }] } } },
  });
  step(60_000);
  api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 2 } });
  step(10_000);
  const faults = cluster.ctx.services.get('faults') as FaultsService;
  const running = api.list('pods', { namespace: 'default' }).find((p) => p.status?.phase === 'Running');
  faults.breakEndpoint('default', running!.metadata.name, 'liveness');
  step(40_000);
  faults.stopNode('node-2');
  step(60_000);
  step(300_000);
  return hashes;
}

describe('determinism', () => {
  it('replays a seeded scenario to identical states at every step', () => {
    const a = scenario(testCluster({ seed: 11 }));
    const b = scenario(testCluster({ seed: 11 }));
    expect(a).toHaveLength(7);
    expect(b).toEqual(a);
  });

  it('exercises what it claims: restarts from the probe, a stalled rollout, a lost node', () => {
    const cluster = testCluster({ seed: 11 });
    scenario(cluster);
    const pods = cluster.api.list('pods', { namespace: 'default' });
    const restarts = pods
      .flatMap((p) => p.status?.containerStatuses ?? [])
      .reduce((n, s) => n + s.restartCount, 0);
    expect(restarts).toBeGreaterThan(0);
    expect(
      pods.some((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'),
    ).toBe(true);
    const node2 = cluster.api.get('nodes', undefined, 'node-2');
    expect(node2.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('Unknown');
    expect(pods.every((p) => p.spec.nodeName !== 'node-2' || p.metadata.deletionTimestamp)).toBe(true);
  });

  it('gives a different state for a different seed', () => {
    const a = scenario(testCluster({ seed: 11 }));
    const c = scenario(testCluster({ seed: 12 }));
    expect(c[c.length - 1]).not.toBe(a[a.length - 1]);
  });
});
