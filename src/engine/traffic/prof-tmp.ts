import { installIngressNginx } from '../ingress';
import { testCluster } from '../testing/fixtures';
const c = testCluster();
console.log(installIngressNginx(c.ctx));
c.advance(60_000);
for (const p of c.api.store.list('pods', 'ingress-nginx')) console.log(p.metadata.name, p.status?.phase, JSON.stringify(p.status?.containerStatuses?.[0]?.state));
for (const s of c.api.store.list('services', 'ingress-nginx')) console.log(s.metadata.name, s.spec.type, JSON.stringify(s.status));
