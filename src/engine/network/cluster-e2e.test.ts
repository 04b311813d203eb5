/**
 * The Service machinery, the network and storage inside a full cluster: real controllers, scheduler and
 * kubelets bring the pods up; nothing is stubbed.
 */
import { describe, expect, it } from 'vitest';
import { deployment, testCluster } from '../testing/fixtures';
import type { Network } from './network';
import type { HttpSuccess } from './types';

describe('in a full cluster', () => {
  it('routes a Service to ready nginx pods, resolves names, and binds a WaitForFirstConsumer claim', () => {
    const c = testCluster();
    const { api } = c;
    const dns = api.get('endpoints', 'kube-system', 'kube-dns');
    expect((dns.subsets as any[])[0].addresses).toHaveLength(2);

    api.create(deployment('web', 3, 'nginx:1.27'));
    const svc = api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    c.advance(30_000);
    const ep = api.get('endpoints', 'default', 'web');
    expect((ep.subsets as any[])[0].addresses).toHaveLength(3);
    const net = c.ctx.services.get('network') as Network;
    const client = api.list('pods', { namespace: 'default' })[0];
    expect(net.lookup(client, 'web')).toEqual({
      ok: true,
      fqdn: 'web.default.svc.cluster.local',
      addresses: [svc.spec.clusterIP],
    });
    const r = net.request(client, 'http://web/') as HttpSuccess;
    expect(r.ok).toBe(true);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Welcome to nginx!</title>');
    expect(r.podName).toMatch(/^default\/web-[a-z0-9]+-[a-z0-9]{5}$/);

    api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'user', namespace: 'default' },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.27' }],
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
      },
    });
    c.advance(10_000);
    const pvc = api.get('persistentvolumeclaims', 'default', 'data');
    expect(pvc.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
    });
    const pv = api.get('persistentvolumes', undefined, pvc.spec.volumeName);
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([
      api.get('pods', 'default', 'user').spec.nodeName,
    ]);
    expect(api.get('pods', 'default', 'user').status.phase).toBe('Running');
  }, 60_000);

  it('scales a Deployment with the HPA once metrics-server reports CPU above target', () => {
    const c = testCluster();
    const { api } = c;
    const web = deployment('web', 1, 'nginx:1.27');
    web.spec.template.spec.containers[0].resources = { requests: { cpu: '100m' } };
    api.create(web);
    api.create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
    });
    c.advance(40_000);
    const hpa = () => api.get('horizontalpodautoscalers.autoscaling', 'default', 'web');
    expect(hpa().status.currentMetrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 0, averageValue: '0' } } },
    ]);
    const kubelets = c.ctx.services.get('kubelets') as {
      addLoad(pod: unknown, requests: number, overMs: number): void;
    };
    for (let i = 0; i < 6; i++) {
      for (const p of api.list('pods', { namespace: 'default' })) kubelets.addLoad(p, 3000, 10_000);
      c.advance(10_000);
    }
    const rescales = c.ctx.events
      .for(hpa())
      .filter((e) => e.reason === 'SuccessfulRescale')
      .map((e) => e.message);
    expect(rescales.length).toBeGreaterThan(0);
    expect(rescales[0]).toMatch(
      /^New size: \d; reason: cpu resource utilization \(percentage of request\) above target$/,
    );
    expect(api.get('deployments.apps', 'default', 'web').spec.replicas).toBeGreaterThan(1);
  }, 60_000);

  it('is deterministic: same seed, same commands, same state and same answers', () => {
    const run = () => {
      const c = testCluster();
      c.api.create(deployment('web', 2, 'nginx:1.27'));
      c.api.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
      });
      c.advance(20_000);
      const net = c.ctx.services.get('network') as Network;
      const answers = Array.from(
        { length: 10 },
        () => (net.request(null, 'http://172.18.255.200/') as HttpSuccess).podName,
      );
      return { hash: c.stateHash(), answers, ip: c.api.get('services', 'default', 'web').spec.clusterIP };
    };
    expect(run()).toEqual(run());
  }, 60_000);
});
