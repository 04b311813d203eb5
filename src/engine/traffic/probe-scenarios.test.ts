/**
 * The lab images under each probe configuration, with the exact restarts, Endpoints changes and traffic
 * errors over simulated time that the health-checks lessons rely on.
 */
import { describe, expect, it } from 'vitest';
import type { FaultsService } from '../faults';
import { podEvents, recordTimeline } from '../kubelet/testing';
import {
  clusterWithService,
  errorSpan,
  httpProbe,
  labDeployment,
  labPod,
  recordEndpoints,
  trafficOf,
} from './testing';

const liveness = { livenessProbe: httpProbe('/healthz', { periodSeconds: 10, failureThreshold: 3 }) };
const restarts = (c: ReturnType<typeof clusterWithService>, pod = 'web') =>
  c.api.get('pods', 'default', pod).status.containerStatuses[0].restartCount;

describe('kubedojo/hang (HANG_AFTER_SECONDS=60)', () => {
  it('without a liveness probe stays Running and Ready while every request times out', () => {
    const c = clusterWithService();
    const t0 = c.clock.now();
    const tl = recordTimeline(c, 'default', 'web', t0);
    c.api.create(labPod('web', 'kubedojo/hang:1.0', { HANG_AFTER_SECONDS: '60' }, {}));
    c.advance(5_000);
    trafficOf(c).start({ namespace: 'default', service: 'web', rps: 10 });
    c.advance(175_000);
    expect(tl).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '1.4s Running app=running ready r0',
    ]);
    expect(restarts(c)).toBe(0);
    // Up at 1.4 s, hung from 61.4 s: the clients' 10 s timeouts are all that comes back, to the end.
    expect(errorSpan(c, 'default/web', t0)).toEqual([61, 180]);
    const last = trafficOf(c).stats('default/web', 60_000);
    expect(last.errorRate).toBe(1);
    expect(Object.keys(last.errorKinds)).toEqual(['timeout']);
    expect(last.p50).toBe(10_000);
  });

  it('with liveness (period 10 s, threshold 3) is restarted at 90 s, then again after each hang', () => {
    const c = clusterWithService();
    const t0 = c.clock.now();
    const tl = recordTimeline(c, 'default', 'web', t0);
    const eps = recordEndpoints(c, 'web', t0);
    c.api.create(labPod('web', 'kubedojo/hang:1.0', { HANG_AFTER_SECONDS: '60' }, liveness));
    c.advance(89_000);
    expect(restarts(c)).toBe(0);
    c.advance(111_000);
    expect(tl).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '1.4s Running app=running ready r0',
      // Probes at 70, 80, 90 s time out (hung since 61.4 s): the third failure kills the container.
      '90.1s Running app=terminated:Error(143) r0',
      '91.1s Running app=running ready r1',
      '180.1s Running app=terminated:Error(143) r1',
      '180.8s Running app=waiting:CrashLoopBackOff r1',
      '190.2s Running app=running ready r2',
    ]);
    // The restarting container is out of the Service's endpoints until it runs again.
    expect(eps).toEqual([
      '0.0s ready=0 notReady=0',
      '1.4s ready=1 notReady=0',
      '90.1s ready=0 notReady=1',
      '91.1s ready=1 notReady=0',
      '180.1s ready=0 notReady=1',
      '190.2s ready=1 notReady=0',
    ]);
    const events = podEvents(c, 'default', 'web');
    expect(events).toContain(
      `Unhealthy: Liveness probe failed: Get "http://${c.api.get('pods', 'default', 'web').status.podIP}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers) (x6)`,
    );
    expect(events).toContain('Killing: Container app failed liveness probe, will be restarted (x2)');
    expect(restarts(c)).toBe(2);
  });

  it('GET /hang makes it hang at once; the next three probes fail and it is restarted', () => {
    const c = clusterWithService();
    c.api.create(labPod('web', 'kubedojo/hang:1.0', {}, liveness));
    c.advance(30_000);
    const net = c.ctx.services.get('network') as { request(from: null, url: string, o: object): unknown };
    const ip = c.api.get('pods', 'default', 'web').status.podIP;
    expect(net.request(null, `http://${ip}:8080/hang`, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      kind: 'timeout',
      connected: true,
    });
    // Probes at 30.1, 40.1 and 50.1 s time out; the third kills it.
    c.advance(19_000);
    expect(restarts(c)).toBe(0);
    c.advance(6_000);
    expect(restarts(c)).toBe(1);
  });
});

describe('kubedojo/slow-start (STARTUP_SECONDS=60)', () => {
  it('with only a liveness probe is killed every 30 s before it can start: CrashLoopBackOff', () => {
    const c = clusterWithService();
    const t0 = c.clock.now();
    const tl = recordTimeline(c, 'default', 'web', t0);
    c.api.create(labPod('web', 'kubedojo/slow-start:1.0', { STARTUP_SECONDS: '60' }, liveness));
    c.advance(200_000);
    expect(tl.filter((l) => /terminated|CrashLoop/.test(l))).toEqual([
      '30.1s Running app=terminated:Error(143) r0',
      '60.1s Running app=terminated:Error(143) r1',
      '60.8s Running app=waiting:CrashLoopBackOff r1',
      '100.1s Running app=terminated:Error(143) r2',
      '101.0s Running app=waiting:CrashLoopBackOff r2',
      '150.1s Running app=terminated:Error(143) r3',
      '150.4s Running app=waiting:CrashLoopBackOff r3',
    ]);
    expect(restarts(c)).toBe(4);
    expect(podEvents(c, 'default', 'web')).toContain(
      'Killing: Container app failed liveness probe, will be restarted (x3)',
    );
  });

  it('with a startupProbe (period 10 s × 30) starts once and is Ready at 70 s, never restarted', () => {
    const c = clusterWithService();
    const t0 = c.clock.now();
    const tl = recordTimeline(c, 'default', 'web', t0);
    const eps = recordEndpoints(c, 'web', t0);
    c.api.create(
      labPod(
        'web',
        'kubedojo/slow-start:1.0',
        { STARTUP_SECONDS: '60' },
        { startupProbe: httpProbe('/healthz', { periodSeconds: 10, failureThreshold: 30 }), ...liveness },
      ),
    );
    c.advance(200_000);
    expect(tl).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '1.4s Running app=running r0',
      '70.0s Running app=running ready r0',
    ]);
    expect(eps).toEqual(['0.0s ready=0 notReady=0', '1.4s ready=0 notReady=1', '70.0s ready=1 notReady=0']);
    expect(restarts(c)).toBe(0);
    expect(podEvents(c, 'default', 'web').filter((e) => e.startsWith('Unhealthy'))).toEqual([
      `Unhealthy: Startup probe failed: Get "http://${c.api.get('pods', 'default', 'web').status.podIP}:8080/healthz": dial tcp ${c.api.get('pods', 'default', 'web').status.podIP}:8080: connect: connection refused (x6)`,
    ]);
  });
});

describe('kubedojo/warmup (READY_AFTER_SECONDS=20) scaled from 1 to 3 under 20 rps', () => {
  const scaleUnderTraffic = (probes: Record<string, unknown>) => {
    const c = clusterWithService();
    c.api.create(labDeployment('web', 1, 'kubedojo/warmup:1.0', { READY_AFTER_SECONDS: '20' }, probes));
    c.advance(60_000);
    const t0 = c.clock.now();
    const eps = recordEndpoints(c, 'web', t0);
    trafficOf(c).start({ namespace: 'default', service: 'web', rps: 20 });
    c.advance(10_000);
    const d = c.api.get('deployments.apps', 'default', 'web');
    c.api.update({ ...d, spec: { ...d.spec, replicas: 3 } });
    c.advance(50_000);
    return { c, t0, eps };
  };

  it('without a readiness probe the new Pods get traffic while warming up: 503s for 20 s', () => {
    const { c, t0, eps } = scaleUnderTraffic({});
    expect(eps.at(-1)).toBe('11.6s ready=3 notReady=0');
    expect(errorSpan(c, 'default/web', t0)).toEqual([11, 31]);
    const s = trafficOf(c).stats('default/web', 60_000);
    expect(s.errorKinds).toEqual({ '5xx': s.errors });
    expect(s.errors).toBe(252);
  });

  it('with a readiness probe (period 5 s) they join the endpoints once warm: no errors at all', () => {
    const { c, t0, eps } = scaleUnderTraffic({ readinessProbe: httpProbe('/ready', { periodSeconds: 5 }) });
    expect(eps).toEqual(['11.4s ready=1 notReady=1', '11.6s ready=1 notReady=2', '35.1s ready=3 notReady=0']);
    expect(errorSpan(c, 'default/web', t0)).toBeUndefined();
    expect(trafficOf(c).stats('default/web', 60_000)).toMatchObject({ errors: 0, requests: 1189 });
  });
});

describe('a readiness failure drains traffic from one Pod (kubedojo/web ×3, 30 rps)', () => {
  const drain = (failureThreshold: number, brokenPath: 'readiness' | '/') => {
    const c = clusterWithService();
    const probe = httpProbe(brokenPath === '/' ? '/' : '/ready', { periodSeconds: 5, failureThreshold });
    c.api.create(labDeployment('web', 3, 'kubedojo/web:1.0', {}, { readinessProbe: probe }));
    c.advance(60_000);
    const t = trafficOf(c);
    t.start({ namespace: 'default', service: 'web', rps: 30 });
    c.advance(10_000);
    const pod = t.pods()[0];
    const t0 = c.clock.now();
    const eps = recordEndpoints(c, 'web', t0);
    const faults = c.ctx.services.get('faults') as FaultsService;
    faults.breakEndpoint('default', pod.split('/')[1], brokenPath);
    c.advance(30_000);
    const during = t.series('pod', pod, 30).map((p) => p.requests);
    faults.fixEndpoint('default', pod.split('/')[1]);
    c.advance(30_000);
    return { c, t, t0, pod, eps, during };
  };

  it('failureThreshold 1: out of the endpoints within one period, back one period after the fix', () => {
    const { eps, during, t, pod, c, t0 } = drain(1, 'readiness');
    expect(eps).toEqual(['0.1s ready=2 notReady=1', '30.1s ready=3 notReady=0']);
    expect(during.every((n) => n === 0)).toBe(true);
    expect(errorSpan(c, 'default/web', t0)).toBeUndefined();
    expect(t.podStatsOf(pod, 20_000).requests).toBeGreaterThan(100);
  });

  it('failureThreshold 3 (default): out after three failed probes, 10 s later', () => {
    const { eps, during } = drain(3, 'readiness');
    expect(eps).toEqual(['10.1s ready=2 notReady=1', '30.1s ready=3 notReady=0']);
    expect(during.slice(0, 10).every((n) => n > 0)).toBe(true);
    expect(during.slice(11).every((n) => n === 0)).toBe(true);
  });

  it('when the path that fails is the one clients use, their errors stop as the Pod leaves', () => {
    const { c, t0, eps } = drain(3, '/');
    expect(eps[0]).toBe('10.1s ready=2 notReady=1');
    expect(errorSpan(c, 'default/web', t0)).toEqual([0, 10]);
  });
});

describe('kubedojo/needs-backend', () => {
  it('is not Ready until Service backend has endpoints (readiness on /ready)', () => {
    const c = clusterWithService();
    const t0 = c.clock.now();
    const tl = recordTimeline(c, 'default', 'web', t0);
    c.api.create(
      labPod(
        'web',
        'kubedojo/needs-backend:1.0',
        {},
        {
          readinessProbe: httpProbe('/ready', { periodSeconds: 5 }),
          livenessProbe: httpProbe('/healthz', { periodSeconds: 10 }),
        },
      ),
    );
    c.advance(30_000);
    c.api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'backend', namespace: 'default' },
      spec: { selector: { app: 'backend' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    c.api.create(labDeployment('backend', 1, 'kubedojo/web:1.0', {}, {}));
    c.advance(30_000);
    expect(tl).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '1.4s Running app=running r0',
      '35.0s Running app=running ready r0',
    ]);
    expect(restarts(c)).toBe(0);
  });

  it('a liveness probe on /ready (the anti-pattern) restarts it in a loop while backend is missing', () => {
    const c = clusterWithService();
    c.api.create(
      labPod(
        'web',
        'kubedojo/needs-backend:1.0',
        {},
        { livenessProbe: httpProbe('/ready', { periodSeconds: 10 }) },
      ),
    );
    // Killed at 30, 60 and 100 s; the back-off (10 s, then 20 s) keeps it waiting at 120 s.
    c.advance(120_000);
    expect(restarts(c)).toBe(2);
    expect(c.api.get('pods', 'default', 'web').status.containerStatuses[0].state.waiting?.reason).toBe(
      'CrashLoopBackOff',
    );
  });
});
