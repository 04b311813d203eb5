import { describe, expect, it } from 'vitest';
import type { FaultsService } from '../engine/faults';
import { clusterWithService, httpProbe, labPod } from '../engine/traffic/testing';
import { PROBE_TIMELINE_LIMIT, probeTimeline } from './probe-timeline';

const summary = (
  e: { atMs: number; probe: string; result: string; consecutiveFailures: number; action?: string },
  t0: number,
) =>
  `${(e.atMs - t0) / 1000}s ${e.probe} ${e.result} f=${e.consecutiveFailures}${e.action ? ` ${e.action}` : ''}`;

describe('probeTimeline', () => {
  it('shows a hung container failing liveness three times and the restart that follows', () => {
    const c = clusterWithService();
    const t0 = c.clock.now();
    c.api.create(
      labPod(
        'web',
        'kubedojo/hang:1.0',
        { HANG_AFTER_SECONDS: '60' },
        { livenessProbe: httpProbe('/healthz', { periodSeconds: 10, failureThreshold: 3 }) },
      ),
    );
    c.advance(92_000);
    const t = probeTimeline(c, 'default', 'web')!;
    expect(t.configs).toEqual([
      {
        container: 'app',
        probe: 'liveness',
        handler: 'httpGet',
        describe: 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
        initialDelaySeconds: 0,
        periodSeconds: 10,
        timeoutSeconds: 1,
        failureThreshold: 3,
        successThreshold: 1,
        last: 'failure',
        consecutiveFailures: 3,
        consecutiveSuccesses: 0,
      },
    ]);
    expect(t.total).toBe(9);
    expect(t.executions.map((e) => summary(e, t0))).toEqual([
      // The prober resets its counter as it kills the container; the timeline shows 3 of 3.
      '90.04s liveness failure f=3 restart',
      '80.04s liveness failure f=2',
      '70.04s liveness failure f=1',
      '60.04s liveness success f=0',
      '50.04s liveness success f=0',
      '40.04s liveness success f=0',
      '30.04s liveness success f=0',
      '20.04s liveness success f=0',
      '10.04s liveness success f=0',
    ]);
    const ip = c.api.get('pods', 'default', 'web').status.podIP;
    expect(t.executions[0]).toMatchObject({
      time: '2025-01-15T09:03:30.040000Z',
      container: 'app',
      reason: `Get "http://${ip}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      failureThreshold: 3,
      successThreshold: 1,
    });
  });

  it('records a broken readiness endpoint taking the pod out of the endpoints and the fix bringing it back', () => {
    const c = clusterWithService();
    const t0 = c.clock.now();
    const readiness = { httpGet: { path: '/', port: 80 }, periodSeconds: 2, failureThreshold: 2 };
    c.api.create(labPod('web', 'nginx:1.27', {}, { readinessProbe: readiness }));
    c.advance(9_000);
    const faults = c.ctx.services.get('faults') as FaultsService;
    faults.breakEndpoint('default', 'web', 'readiness');
    c.advance(6_000);
    faults.fixEndpoint('default', 'web');
    c.advance(4_000);
    const t = probeTimeline(c, 'default', 'web')!;
    expect(t.configs.map((p) => p.describe)).toEqual([
      'http-get http://:80/ delay=0s timeout=1s period=2s #success=1 #failure=2',
    ]);
    expect(t.executions.map((e) => summary(e, t0)).reverse()).toEqual([
      '4.04s readiness success f=0 ready',
      '6.04s readiness success f=0',
      '8.04s readiness success f=0',
      '10.04s readiness failure f=1',
      '12.04s readiness failure f=2 unready',
      '14.04s readiness failure f=3',
      '16.04s readiness success f=0 ready',
      '18.04s readiness success f=0',
    ]);
    expect(t.executions.find((e) => e.result === 'failure')?.reason).toBe(
      'HTTP probe failed with statuscode: 500',
    );
  });

  it('marks startup failures below the threshold as still pending, and keeps only the newest executions', () => {
    const c = clusterWithService();
    const startup = httpProbe('/healthz', { periodSeconds: 1, failureThreshold: 300 });
    c.api.create(
      labPod('web', 'kubedojo/slow-start:1.0', { STARTUP_SECONDS: '90' }, { startupProbe: startup }),
    );
    c.advance(70_000);
    const t = probeTimeline(c, 'default', 'web')!;
    expect(t.configs[0]).toMatchObject({ probe: 'startup', last: 'failure', failureThreshold: 300 });
    expect(t.total).toBeGreaterThan(PROBE_TIMELINE_LIMIT);
    expect(t.executions).toHaveLength(PROBE_TIMELINE_LIMIT);
    expect(new Set(t.executions.map((e) => e.action))).toEqual(new Set(['startup-pending']));
    expect(t.executions[0].atMs).toBeGreaterThan(t.executions[1].atMs);
  });

  it('is undefined for a pod that does not exist and empty for a pod without probes', () => {
    const c = clusterWithService();
    c.api.create(labPod('plain', 'nginx:1.27', {}, {}));
    c.advance(5_000);
    expect(probeTimeline(c, 'default', 'missing')).toBeUndefined();
    expect(probeTimeline(c, 'default', 'plain')).toEqual({ configs: [], executions: [], total: 0 });
  });
});
