import { it } from 'vitest';
import { testCluster } from '../testing/fixtures';
import type { Traffic } from './traffic';

it('explore', () => {
  const c = testCluster();
  const labels = { app: 'web' };
  c.api.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels }, spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'kubedojo/web:1.0', readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 } }] } } } });
  c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } });
  c.advance(30_000);
  const t = c.ctx.services.get('traffic') as Traffic;
  const t0 = c.clock.now();
  t.start({ namespace: 'default', service: 'web', rps: 20 });
  c.advance(10_000);
  console.log(t.list(), t.stats('default/web'), t.pods().map((p) => [p, t.podStatsOf(p).requests]));
  const pod = t.pods()[0].split('/')[1];
  const faults = c.ctx.services.get('faults') as any;
  console.log(faults.breakEndpoint('default', pod, 'readiness'));
  for (let i = 0; i < 8; i++) { c.advance(5000); console.log((c.clock.now()-t0)/1000, JSON.stringify(t.stats('default/web', 5000)), t.podStatsOf('default/'+pod, 5000).requests); }
  console.log(t.series('service', 'default/web', 5));
});
