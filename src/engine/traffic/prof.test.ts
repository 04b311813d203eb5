import { it } from 'vitest';
import { testCluster } from '/work/main/src/engine/testing/fixtures';
import { labDeployment, trafficOf, webService } from '/work/main/src/engine/traffic/testing';
it('prof', () => {
  const c = testCluster();
  c.api.create(webService());
  c.api.create(labDeployment('web', 3, 'kubedojo/web:1.0', {}, {}));
  c.advance(20_000);
  const t = trafficOf(c);
  t.start({ namespace: 'default', service: 'web', rps: 1000 });
  const a = performance.now();
  c.advance(20_000);
  console.log('ms per 20k req', performance.now() - a, t.list()[0].sent);
  const ing = c.api.list('pods', { namespace: 'ingress-nginx' });
});
