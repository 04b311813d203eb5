/**
 * The workload controllers inside a whole cluster (every component, the API server's admission, defaults
 * and validation), driven only through the API and the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { deployment, testCluster } from '../testing/fixtures';
import { rolloutStatus, rolloutUndo } from '../workloads/rollout';

describe('workload controllers in a full cluster', () => {
  it('gives every namespace a default ServiceAccount and kube-root-ca.crt, and deletes a namespace with its content', () => {
    const c = testCluster();
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(c.api.get('serviceaccounts', ns, 'default').metadata.name).toBe('default');
      expect(c.api.get('configmaps', ns, 'kube-root-ca.crt').data).toHaveProperty('ca.crt');
    }
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    c.advance(1000);
    c.api.create({
      ...deployment('web', 2),
      metadata: { name: 'web', namespace: 'team', labels: { app: 'web' } },
    });
    c.advance(5000);
    expect(c.api.list('replicasets.apps', { namespace: 'team' })).toHaveLength(1);
    c.api.delete('namespaces', undefined, 'team');
    expect(c.api.get('namespaces', undefined, 'team').status.phase).toBe('Terminating');
    c.advance(60_000);
    expect(c.api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
    expect(c.api.list('pods', { namespace: 'team' })).toEqual([]);
    expect(c.api.list('serviceaccounts', { namespace: 'team' })).toEqual([]);
  });

  it('creates a Deployment’s ReplicaSet and pods through admission and defaults, and removes them with it', () => {
    const c = testCluster();
    c.api.create(deployment('web', 3));
    c.advance(1000);
    const [rs] = c.api.list('replicasets.apps', { namespace: 'default' });
    expect(rs.metadata.name).toMatch(/^web-[4-9bcdf]{8,10}$/);
    const pods = c.api.list('pods', {
      namespace: 'default',
      labelSelector: [{ key: 'app', operator: 'Equals', values: ['web'] }],
    });
    expect(pods).toHaveLength(3);
    for (const p of pods)
      expect(p.metadata.labels?.['pod-template-hash']).toBe(rs.metadata.labels?.['pod-template-hash']);
    c.api.delete('deployments.apps', 'default', 'web');
    c.advance(60_000);
    expect(c.api.list('replicasets.apps', { namespace: 'default' })).toEqual([]);
    expect(
      c.api.list('pods', {
        namespace: 'default',
        labelSelector: [{ key: 'app', operator: 'Equals', values: ['web'] }],
      }),
    ).toEqual([]);
  });

  it('rolls a Deployment out and back on real kubelets, with kubectl rollout status wording', () => {
    const c = testCluster();
    c.api.create(deployment('web', 3));
    const status = () => rolloutStatus(c.api, 'deployments.apps', 'default', 'web');
    c.advance(60_000);
    expect(status()).toEqual({ text: 'deployment "web" successfully rolled out\n', done: true });
    const d = c.api.get('deployments.apps', 'default', 'web');
    c.api.update({
      ...d,
      spec: {
        ...d.spec,
        template: {
          ...d.spec.template,
          spec: {
            ...d.spec.template.spec,
            containers: [{ ...d.spec.template.spec.containers[0], image: 'nginx:1.26' }],
          },
        },
      },
    });
    c.advance(10);
    expect(status().done).toBe(false);
    c.advance(120_000);
    expect(status().done).toBe(true);
    const running = c.api
      .list('pods', { namespace: 'default' })
      .filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
    expect(running.map((p) => p.spec.containers[0].image)).toEqual([
      'nginx:1.26',
      'nginx:1.26',
      'nginx:1.26',
    ]);
    expect(rolloutUndo(c.api, 'deployments.apps', 'default', 'web')).toBe('rolled back');
    c.advance(120_000);
    expect(status().done).toBe(true);
    expect(
      c.api.get('deployments.apps', 'default', 'web').metadata.annotations?.[
        'deployment.kubernetes.io/revision'
      ],
    ).toBe('3');
  });

  it('runs kube-proxy on every node and a StatefulSet in order', () => {
    const c = testCluster();
    expect(c.api.get('daemonsets.apps', 'kube-system', 'kube-proxy').status).toMatchObject({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberReady: 4,
    });
    c.api.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'nginx:1.27' }] },
        },
      },
    });
    c.advance(1000);
    expect(c.api.list('pods', { namespace: 'default' }).map((p) => p.metadata.name)).toEqual(['db-0']);
    c.advance(120_000);
    expect(c.api.get('statefulsets.apps', 'default', 'db').status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
  });
});
