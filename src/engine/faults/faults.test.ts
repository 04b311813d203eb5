/** Faults change behaviour the way a real incident would, and metrics report what processes use. */
import { describe, expect, it } from 'vitest';
import type { KubeletsService } from '../kubelet';
import type { MetricsService } from '../metrics';
import { deployment, pod, testCluster } from '../testing/fixtures';
import type { FaultsService } from './index';

describe('faults and metrics', () => {
  const c = testCluster();
  const faults = c.ctx.services.get('faults') as FaultsService;
  const kubelets = c.ctx.services.get('kubelets') as KubeletsService;
  const d = deployment('web', 2, 'kubedojo/web:1.0');
  d.spec.template.spec.containers[0].readinessProbe = {
    httpGet: { path: '/ready', port: 8080 },
    periodSeconds: 5,
  };
  d.spec.template.spec.containers[0].resources = { requests: { cpu: '100m' }, limits: { memory: '64Mi' } };
  c.api.create(d);
  c.api.create(pod('solo', 'nginx:1.27', { nodeName: 'node-3' }));
  c.advance(30_000);
  const webPods = () =>
    c.api.list('pods', { namespace: 'default' }).filter((p) => p.metadata.labels?.app === 'web');
  const ready = (p: { status?: { conditions?: { type: string; status: string }[] } }) =>
    p.status?.conditions?.find((x) => x.type === 'Ready')?.status;

  it('breakEndpoint fails the readiness probe of every pod of a Deployment, fixEndpoint heals it', () => {
    expect(webPods().map(ready)).toEqual(['True', 'True']);
    expect(faults.breakEndpoint('default', 'web', 'readiness')).toBe(
      'readiness probe of web now fails (/ready answers 500)',
    );
    c.advance(20_000);
    expect(webPods().map(ready)).toEqual(['False', 'False']);
    const res = kubelets.handleHttp(webPods()[0], 8080, 'GET', '/ready', {}, '10.244.0.1');
    expect(res.ok && res.status).toBe(500);
    faults.fixEndpoint('default', 'web');
    c.advance(10_000);
    expect(webPods().map(ready)).toEqual(['True', 'True']);
  });

  it('killPod kills the container (exit 137) and it restarts', () => {
    expect(faults.killPod('default', 'solo')).toBe('killed pod default/solo');
    c.advance(3_000);
    const cs = c.api.get('pods', 'default', 'solo').status.containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('makeImageUnpullable makes new pulls fail until undone', () => {
    faults.makeImageUnpullable('busybox');
    c.api.create(
      pod('bb', 'busybox:1.37', {
        nodeName: 'node-2',
        containers: [{ name: 'bb', image: 'busybox:1.37', command: ['sleep', '60'] }],
      }),
    );
    c.advance(3_000);
    expect(c.api.get('pods', 'default', 'bb').status.containerStatuses[0].state.waiting.reason).toMatch(
      /ErrImagePull|ImagePullBackOff/,
    );
    faults.makeImagePullable('busybox');
    c.advance(15_000);
    expect(c.api.get('pods', 'default', 'bb').status.containerStatuses[0].state.running).toBeDefined();
  });

  it('metrics: per-container usage after a scrape interval, node usage includes system daemons', () => {
    const metrics = c.ctx.services.get('metrics') as MetricsService;
    const web = webPods()[0];
    const u = metrics.podUsage('default', web.metadata.name)!;
    expect(u.containers).toEqual([{ name: 'web', cpuMilli: 1, cpuMillis: 1, memoryBytes: 8 * 1024 * 1024 }]);
    kubelets.addLoad(web, 600, 60_000);
    expect(metrics.podUsage('default', web.metadata.name)!.containers[0].cpuMilli).toBe(7);
    const n = metrics.nodeUsage('node-3')!;
    expect(n.cpuMilli).toBeGreaterThan(45);
    expect(n.memoryBytes).toBeGreaterThan(620 * 1024 * 1024);
    c.api.create(pod('fresh', 'nginx:1.27', { nodeName: 'node-1' }));
    c.advance(5_000);
    expect(metrics.podUsage('default', 'fresh')).toBeUndefined();
  });
});
