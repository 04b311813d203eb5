/** The traffic service: generators in virtual time, routing through Services, and rolling stats. */
import { describe, expect, it } from 'vitest';
import type { KubeletsService } from '../kubelet';
import { Rng } from '../sim/rng';
import { clusterWithService, labDeployment, labPod, trafficOf, webService } from './testing';
import { poisson, type TrafficRequest, type TrafficSnapshot } from './traffic';

function webCluster(replicas = 3) {
  const c = clusterWithService();
  c.api.create(labDeployment('web', replicas, 'kubedojo/web:1.0', {}, {}));
  c.advance(30_000);
  return c;
}

describe('traffic generators', () => {
  it('send Poisson arrivals at the asked rate, spread by kube-proxy over the ready Pods', () => {
    const c = webCluster();
    const t = trafficOf(c);
    const gen = t.start({ namespace: 'default', service: 'web', rps: 20 });
    expect(gen).toMatchObject({ id: 'default/web', via: 'clusterip', rps: 20, sent: 0, timeoutMs: 10_000 });
    c.advance(60_000);
    const s = t.stats('default/web', 50_000);
    expect(s.rps).toBeGreaterThan(17);
    expect(s.rps).toBeLessThan(23);
    expect(s).toMatchObject({ errors: 0, errorRate: 0, errorKinds: {} });
    expect(s.p50).toBeGreaterThanOrEqual(1);
    expect(s.p99).toBeLessThanOrEqual(4);
    const pods = t.pods().filter((p) => p.startsWith('default/web-'));
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(t.podStatsOf(p, 50_000).requests).toBeGreaterThan(250);
    expect(t.list()[0].sent).toBe(t.series('service', 'default/web', 61).reduce((n, p) => n + p.requests, 0));
  });

  it('are deterministic: the same seed gives the same requests', () => {
    const run = () => {
      const c = webCluster();
      trafficOf(c).start({ namespace: 'default', service: 'web', rps: 15 });
      c.advance(20_000);
      return trafficOf(c).series('service', 'default/web', 20);
    };
    expect(run()).toEqual(run());
  });

  it('stop one, stop all, and restart replaces the running generator', () => {
    const c = webCluster();
    c.api.create(webService('api', { app: 'web' }));
    const t = trafficOf(c);
    t.start({ namespace: 'default', service: 'web', rps: 5 });
    t.start({ namespace: 'default', service: 'api', rps: 5, path: '/version' });
    t.start({ namespace: 'default', service: 'web', rps: 50 });
    expect(t.list().map((g) => `${g.id} ${g.rps} ${g.path ?? '/'}`)).toEqual([
      'default/api 5 /version',
      'default/web 50 /',
    ]);
    expect(t.stop('default', 'web')).toBe(true);
    expect(t.stop('default', 'web')).toBe(false);
    c.advance(5_000);
    expect(t.stats('default/web').requests).toBe(0);
    expect(t.stopAll()).toBe(1);
    expect(t.list()).toEqual([]);
    const sent = t.stats('default/api', 60_000).requests;
    c.advance(5_000);
    expect(t.stats('default/api', 60_000).requests).toBe(sent);
  });

  it('refuse unknown Services, headless Services, missing node ports and bad rates', () => {
    const c = webCluster(1);
    const t = trafficOf(c);
    expect(() => t.start({ namespace: 'default', service: 'nope' })).toThrow('services "nope" not found');
    expect(() => t.start({ namespace: 'default', service: 'web', via: 'nodeport' })).toThrow(
      'service "web" is of type ClusterIP, not NodePort',
    );
    expect(() => t.start({ namespace: 'default', service: 'web', via: 'ingress' })).toThrow(
      'no Ingress in namespace "default" routes to service "web"',
    );
    expect(() => t.start({ namespace: 'default', service: 'web', rps: 0 })).toThrow(
      '--rps must be between 1 and 1000, got 0',
    );
    c.api.create({
      ...webService('headless'),
      spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    expect(() => t.start({ namespace: 'default', service: 'headless' })).toThrow('is headless');
  });

  it('through a NodePort reach the same Pods from outside the cluster', () => {
    const c = webCluster(2);
    c.api.create({
      ...webService('web-np', { app: 'web' }),
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    c.advance(1_000);
    const t = trafficOf(c);
    t.start({ namespace: 'default', service: 'web-np', rps: 10, via: 'nodeport' });
    c.advance(11_000);
    expect(t.stats('default/web-np').requests).toBeGreaterThan(70);
    expect(t.stats('default/web-np').errors).toBe(0);
  });

  it('requests during a restart are refused, and only then', () => {
    const c = clusterWithService();
    c.api.create(labPod('web', 'kubedojo/web:1.0', {}, {}));
    c.advance(10_000);
    const t = trafficOf(c);
    t.start({ namespace: 'default', service: 'web', rps: 50 });
    c.advance(5_000);
    (c.ctx.services.get('kubelets') as KubeletsService).killContainer('default', 'web');
    c.advance(15_000);
    const s = t.stats('default/web', 20_000);
    expect(Object.keys(s.errorKinds)).toEqual(['refused']);
    expect(s.errors).toBeGreaterThan(0);
    expect(t.stats('default/web', 5_000).errors).toBe(0);
  });
});

describe('traffic stats and subscriptions', () => {
  it('count kubectl exec curl/wget requests like generator traffic', () => {
    const c = webCluster(1);
    c.api.create(labPod('client', 'busybox:1.36', {}, { command: ['sleep', '3600'] }, 'node-2'));
    c.advance(10_000);
    const kubelets = c.ctx.services.get('kubelets') as KubeletsService;
    for (let i = 0; i < 3; i++) kubelets.exec('default', 'client', undefined, ['wget', '-qO-', 'http://web']);
    c.advance(1_000);
    expect(trafficOf(c).stats('default/web')).toMatchObject({ requests: 3, errors: 0 });
  });

  it('tell subscribers of every request (tagged with its generator) and send a snapshot each second', () => {
    const c = webCluster(1);
    const t = trafficOf(c);
    const seen: TrafficRequest[] = [];
    const snaps: TrafficSnapshot[] = [];
    const off = t.subscribe((r) => seen.push(r));
    t.subscribeSnapshots((s) => snaps.push(s));
    t.start({ namespace: 'default', service: 'web', rps: 10 });
    c.advance(3_000);
    expect(seen.length).toBe(t.list()[0].sent);
    expect(seen.every((r) => r.generator === 'default/web' && r.service === 'default/web')).toBe(true);
    expect(snaps.map((s) => s.atMs - snaps[0].atMs)).toEqual([0, 1000, 2000]);
    expect(Object.keys(snaps[2].services)).toContain('default/web');
    off();
    t.stopAll();
    expect(snaps).toHaveLength(4);
    c.advance(3_000);
    expect(snaps).toHaveLength(4);
  });

  it('poisson() has the asked mean for small and large rates', () => {
    const rng = new Rng(7);
    for (const lambda of [0.5, 2, 100]) {
      let sum = 0;
      for (let i = 0; i < 4000; i++) sum += poisson(rng, lambda);
      expect(sum / 4000).toBeGreaterThan(lambda * 0.95);
      expect(sum / 4000).toBeLessThan(lambda * 1.05);
    }
    expect(poisson(rng, 0)).toBe(0);
  });

  it('keep up with a high rate (500 rps)', () => {
    const c = webCluster(3);
    const t = trafficOf(c);
    t.start({ namespace: 'default', service: 'web', rps: 500 });
    c.advance(6_000);
    expect(t.stats('default/web', 5_000).rps).toBeGreaterThan(470);
    expect(t.stats('default/web', 5_000).rps).toBeLessThan(530);
  });
});
