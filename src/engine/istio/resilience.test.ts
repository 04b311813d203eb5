/** Route timeouts, per-try timeouts and connection-pool overflow against a slow upstream (go-httpbin). */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { apply, client, meshCluster, meshOf, net, pod, svc, versioned } from './testing';

const HTTPBIN = 'docker.io/mccutchen/go-httpbin:v2.15.0';

function setup(objs: KObject[]): Cluster {
  const c = meshCluster();
  apply(c, [svc('httpbin', 8000, 8080), versioned('httpbin', 'v1', HTTPBIN, 8080), client()]);
  c.advance(60_000);
  apply(c, objs);
  return c;
}

const vs = (route: Record<string, unknown>): KObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'httpbin', namespace: 'default' },
  spec: { hosts: ['httpbin'], http: [{ route: [{ destination: { host: 'httpbin' } }], ...route }] },
});

describe('timeouts and limits', () => {
  it('a route timeout answers 504 upstream request timeout after the timeout', () => {
    const c = setup([vs({ timeout: '1s' })]);
    const r = net(c).request(pod(c, 'sleep'), 'http://httpbin:8000/delay/2');
    expect(r.ok && [r.status, r.body, r.latencyMs]).toEqual([504, 'upstream request timeout', 1000]);
    const fast = net(c).request(pod(c, 'sleep'), 'http://httpbin:8000/get');
    expect(fast.ok && fast.status).toBe(200);
    const edge = meshOf(c)
      .telemetry.edgeStats(c.clock.now())
      .find((e) => e.destination === 'default/httpbin-v1');
    expect(edge?.errorPercent).toBe(50);
  });

  it('perTryTimeout cuts each attempt and retries: 504 after attempts x perTryTimeout', () => {
    const c = setup([vs({ retries: { attempts: 2, perTryTimeout: '500ms', retryOn: '5xx' } })]);
    const r = net(c).request(pod(c, 'sleep'), 'http://httpbin:8000/delay/2');
    expect(r.ok && r.status).toBe(504);
    expect(r.latencyMs).toBeGreaterThanOrEqual(1500);
    expect(r.latencyMs).toBeLessThanOrEqual(1550);
  });

  it('connection pool limits overflow with 503 UO while requests are in flight', () => {
    const dr: KObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'httpbin', namespace: 'default' },
      spec: {
        host: 'httpbin',
        trafficPolicy: {
          connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } },
        },
      },
    };
    const c = setup([dr]);
    const sleep = pod(c, 'sleep');
    const statuses = [1, 2, 3].map(() => {
      const r = net(c).request(sleep, 'http://httpbin:8000/delay/1');
      return r.ok ? r.status : r.kind;
    });
    expect(statuses).toEqual([200, 200, 503]);
    const overflow = net(c).request(sleep, 'http://httpbin:8000/get');
    expect(overflow.ok && overflow.body).toBe(
      'upstream connect error or disconnect/reset before headers. reset reason: overflow',
    );
    c.advance(1100);
    const after = net(c).request(sleep, 'http://httpbin:8000/get');
    expect(after.ok && after.status).toBe(200);
  });
});
