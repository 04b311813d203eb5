/** Probes: readiness gates Ready, startup holds the others off, exec liveness, and the probe history. */
import { describe, expect, it } from 'vitest';
import { pod, testCluster } from '../testing/fixtures';
import type { ProbesService } from './probes';
import { podEvents, recordTimeline } from './testing';

describe('probes', () => {
  it('readiness: not Ready until /ready answers 200, with a history of every probe', () => {
    const c = testCluster();
    const tl = recordTimeline(c, 'default', 'slow');
    c.api.create(
      pod('slow', 'kubedojo/slow-ready:1.0', {
        nodeName: 'node-1',
        containers: [
          {
            name: 'app',
            image: 'kubedojo/slow-ready:1.0',
            env: [{ name: 'READY_AFTER_SECONDS', value: '20' }],
            readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
          },
        ],
      }),
    );
    c.advance(40_000);
    expect(tl).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '1.4s Running app=running r0',
      '25.0s Running app=running ready r0',
    ]);
    const history = (c.ctx.services.get('probes') as ProbesService).history('default', 'slow');
    // Probes tick every periodSeconds from when the kubelet took the pod (t0 + 5s, + 10s, ...).
    const t0 = c.clock.now() - 40_000;
    expect(
      history.map((h) =>
        `${((h.atMs - t0) / 1000).toFixed(0)} ${h.probe} ${h.result} ${h.consecutiveFailures} ${h.effect ?? ''}`.trim(),
      ),
    ).toEqual([
      '5 readiness failure 1',
      '10 readiness failure 2',
      '15 readiness failure 3',
      '20 readiness failure 4',
      '25 readiness success 0 ready',
      '30 readiness success 0',
      '35 readiness success 0',
    ]);
    expect(history[0].reason).toBe('HTTP probe failed with statuscode: 503');
    expect(podEvents(c, 'default', 'slow')).toContain(
      'Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503 (x4)',
    );
    const ready = c.api
      .get('pods', 'default', 'slow')
      .status.conditions.find((x: { type: string }) => x.type === 'Ready');
    expect(ready.status).toBe('True');
  });

  it('startup: holds liveness off, then restarts a container that never starts', () => {
    const c = testCluster();
    c.api.create(
      pod('late', 'kubedojo/slow-start:1.0', {
        nodeName: 'node-1',
        containers: [
          {
            name: 'app',
            image: 'kubedojo/slow-start:1.0',
            env: [{ name: 'STARTUP_SECONDS', value: '60' }],
            startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 3 },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          },
        ],
      }),
    );
    c.advance(20_000);
    const ip = c.api.get('pods', 'default', 'late').status.podIP;
    expect(podEvents(c, 'default', 'late').slice(4, 6)).toEqual([
      `Unhealthy: Startup probe failed: dial tcp ${ip}:8080: connect: connection refused (x3)`,
      'Killing: Container app failed startup probe, will be restarted',
    ]);
    const history = (c.ctx.services.get('probes') as ProbesService).history('default', 'late');
    expect(new Set(history.map((h) => h.probe))).toEqual(new Set(['startup']));
    expect(history.at(-1)?.effect).toBe('restart');
  });

  it('exec liveness: the documentation example fails once /tmp/healthy is gone', () => {
    const c = testCluster();
    c.api.create(
      pod('liveness-exec', 'busybox:1.36', {
        nodeName: 'node-2',
        containers: [
          {
            name: 'liveness',
            image: 'registry.k8s.io/busybox',
            imagePullPolicy: 'IfNotPresent',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: {
              exec: { command: ['cat', '/tmp/healthy'] },
              initialDelaySeconds: 5,
              periodSeconds: 5,
            },
          },
        ],
      }),
    );
    c.advance(60_000);
    expect(podEvents(c, 'default', 'liveness-exec').filter((e) => /^(Unhealthy|Killing)/.test(e))).toEqual([
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)",
      'Killing: Container liveness failed liveness probe, will be restarted',
    ]);
  });

  it('exec liveness on busybox:1.36: cat fails, the container is restarted', () => {
    const c = testCluster();
    c.api.create(
      pod('liveness-exec', 'busybox:1.36', {
        nodeName: 'node-2',
        containers: [
          {
            name: 'liveness',
            image: 'busybox:1.36',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: {
              exec: { command: ['cat', '/tmp/healthy'] },
              initialDelaySeconds: 5,
              periodSeconds: 5,
            },
          },
        ],
      }),
    );
    // Killed at ~45s; sh as PID 1 ignores SIGTERM, so SIGKILL comes at the end of the 30s grace period.
    c.advance(90_000);
    expect(podEvents(c, 'default', 'liveness-exec').filter((e) => /^(Unhealthy|Killing)/.test(e))).toEqual([
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)",
      'Killing: Container liveness failed liveness probe, will be restarted',
    ]);
    const cs = c.api.get('pods', 'default', 'liveness-exec').status.containerStatuses[0];
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(cs.restartCount).toBe(1);
  });

  it('a server that hangs: liveness times out with the Go client error, then restarts', () => {
    const c = testCluster();
    c.api.create(
      pod('stuck', 'kubedojo/hang:1.0', {
        nodeName: 'node-3',
        containers: [
          {
            name: 'app',
            image: 'kubedojo/hang:1.0',
            env: [{ name: 'HANG_AFTER_SECONDS', value: '20' }],
            livenessProbe: {
              httpGet: { path: '/healthz', port: 8080 },
              periodSeconds: 10,
              failureThreshold: 2,
            },
          },
        ],
      }),
    );
    c.advance(45_000);
    const ip = c.api.get('pods', 'default', 'stuck').status.podIP;
    expect(podEvents(c, 'default', 'stuck').filter((e) => /^(Unhealthy|Killing)/.test(e))).toEqual([
      `Unhealthy: Liveness probe failed: Get "http://${ip}:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers) (x2)`,
      'Killing: Container app failed liveness probe, will be restarted',
    ]);
    expect(c.api.get('pods', 'default', 'stuck').status.containerStatuses[0].restartCount).toBe(1);
  });

  it('grpc: SERVING passes; a hung lab app answers NOT_SERVING', () => {
    const c = testCluster();
    c.api.create(
      pod('g', 'kubedojo/hang:1.0', {
        nodeName: 'node-1',
        containers: [
          {
            name: 'app',
            image: 'kubedojo/hang:1.0',
            env: [{ name: 'HANG_AFTER_SECONDS', value: '25' }],
            readinessProbe: { grpc: { port: 9090 }, periodSeconds: 10 },
          },
        ],
      }),
    );
    c.advance(22_000);
    expect(c.api.get('pods', 'default', 'g').status.containerStatuses[0].ready).toBe(true);
    const k = c.ctx.services.get('kubelets') as {
      handleHttp(p: unknown, port: number, m: string, path: string): unknown;
    };
    k.handleHttp(c.api.get('pods', 'default', 'g'), 8080, 'GET', '/hang');
    c.advance(30_000);
    expect(podEvents(c, 'default', 'g').filter((e) => e.startsWith('Unhealthy'))).toEqual([
      'Unhealthy: Readiness probe failed: service unhealthy (responded with "NOT_SERVING") (x3)',
    ]);
    expect(c.api.get('pods', 'default', 'g').status.containerStatuses[0].ready).toBe(false);
  });
});
