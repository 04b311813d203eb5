/** Edge and workload telemetry over simulated time, and outlier detection stopping errors. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import type { Traffic } from '../traffic/traffic';
import { MeshTelemetry } from './telemetry';
import {
  apply,
  client,
  HELLO,
  helloworld,
  helloworldMesh,
  helloworldRoutes,
  meshCluster,
  meshOf,
  net,
  pod,
  svc,
  versioned,
  versionSubsets,
  weightedSplit,
} from './testing';

describe('MeshTelemetry', () => {
  it('computes rps, error % and histogram percentiles per edge and per workload', () => {
    const t = new MeshTelemetry();
    for (let i = 0; i < 100; i++)
      t.record({
        atMs: 10_000 + i * 100,
        source: 'default/a',
        destination: 'default/b',
        status: i % 10 === 0 ? 503 : 200,
        latencyMs: i < 90 ? 20 : 400,
        mtls: true,
        flags: '-',
      });
    const [edge] = t.edgeStats(20_000, 10_000);
    expect(edge).toMatchObject({
      source: 'default/a',
      destination: 'default/b',
      requests: 100,
      rps: 10,
      errorPercent: 10,
      mtls: true,
    });
    // 90 in (10, 25], 10 in (250, 500]: Prometheus' histogram_quantile interpolation.
    expect([edge.p50, edge.p95, edge.p99]).toEqual([18.33, 375, 475]);
    expect(t.series('default/b')).toHaveLength(10);
    expect(t.series('default/b')[0]).toMatchObject({ atMs: 10_000, requests: 10, rps: 10 });
  });
});

describe('telemetry from generated traffic', () => {
  it('records the client->workload edges a weighted route produces, as a time series', () => {
    const c = helloworldMesh();
    const sleep = pod(c, 'sleep');
    const t0 = c.clock.now();
    for (let s = 0; s < 10; s++) {
      for (let i = 0; i < 20; i++) net(c).request(sleep, 'http://helloworld:5000/hello');
      c.advance(1000);
    }
    const edges = meshOf(c).telemetry.edgeStats(c.clock.now(), 10_000);
    expect(edges.map((e) => e.destination)).toEqual(['default/helloworld-v1', 'default/helloworld-v2']);
    expect(edges.reduce((s, e) => s + e.requests, 0)).toBe(200);
    expect(edges.every((e) => e.mtls && e.errorPercent === 0)).toBe(true);
    const series = meshOf(c).telemetry.series('default/helloworld-v1');
    expect(series.length).toBe(10);
    expect(series[0].atMs).toBe(Math.floor(t0 / 1000) * 1000);
  });

  it('outlier detection ejects the failing pod: errors stop after five consecutive 5xx', () => {
    const c = meshCluster();
    apply(c, [svc('helloworld', 5000), versioned('helloworld', 'v1', HELLO('v1'), 5000, 3), client()]);
    c.advance(60_000);
    const dr: KObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'helloworld', namespace: 'default' },
      spec: {
        host: 'helloworld',
        trafficPolicy: {
          loadBalancer: { simple: 'ROUND_ROBIN' },
          outlierDetection: {
            consecutive5xxErrors: 5,
            interval: '1s',
            baseEjectionTime: '30s',
            maxEjectionPercent: 50,
          },
        },
      },
    };
    const noRetries = helloworldRoutes([
      { route: [{ destination: { host: 'helloworld' } }], retries: { attempts: 0 } },
    ]);
    apply(c, [dr, noRetries]);
    const bad = c.api.store.list('pods', 'default').find((p) => p.metadata.name?.startsWith('helloworld'))!;
    const faults = c.ctx.services.get('faults') as {
      breakEndpoint(ns: string, pod: string, path: string, status?: number): string;
    };
    faults.breakEndpoint('default', bad.metadata.name, '/hello', 500);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const r = net(c).request(pod(c, 'sleep'), 'http://helloworld:5000/hello');
      statuses.push(r.ok ? r.status : 0);
    }
    expect(statuses.filter((s) => s === 500)).toHaveLength(5);
    expect(statuses.slice(20).every((s) => s === 200)).toBe(true);
    expect(meshOf(c).upstreams.ejected('default/helloworld|', c.clock.now())).toEqual([
      `default/${bad.metadata.name}`,
    ]);
    c.advance(31_000);
    expect(meshOf(c).upstreams.ejected('default/helloworld|', c.clock.now())).toEqual([]);
  });

  it('the traffic model counts fault aborts against the Service', () => {
    const c = meshCluster();
    apply(c, [svc('helloworld', 5000), versioned('helloworld', 'v1', HELLO('v1'), 5000), client()]);
    c.advance(60_000);
    apply(c, [
      helloworldRoutes([
        {
          fault: { abort: { httpStatus: 503, percentage: { value: 100 } } },
          route: [{ destination: { host: 'helloworld' } }],
        },
      ]),
    ]);
    for (let i = 0; i < 10; i++) net(c).request(pod(c, 'sleep'), 'http://helloworld:5000/hello');
    // The traffic model reports complete seconds.
    c.advance(1000);
    const stats = (c.ctx.services.get('traffic') as Traffic).stats('default/helloworld', 10_000);
    expect([stats.requests, stats.errors]).toEqual([10, 10]);
  });
});

describe('mesh load generators', () => {
  it('drive a weighted split that shifts within seconds when the weights change', () => {
    const c = meshCluster();
    apply(c, [...helloworld(), client(), versionSubsets()]);
    c.api.create(weightedSplit(90));
    c.advance(60_000);
    const mesh = meshOf(c);
    expect(
      mesh.load.start({
        id: 'canary',
        from: { namespace: 'default', app: 'sleep' },
        url: 'http://helloworld:5000/hello',
        rps: 100,
      }).sent,
    ).toBe(0);
    c.advance(20_000);
    const share = () => {
      const edges = mesh.telemetry
        .edgeStats(c.clock.now(), 5_000)
        .filter((e) => e.source === 'default/sleep');
      const v1 = edges.find((e) => e.destination === 'default/helloworld-v1')?.requests ?? 0;
      const total = edges.reduce((s, e) => s + e.requests, 0);
      return Math.round((v1 / total) * 100);
    };
    expect(share()).toBeGreaterThanOrEqual(86);
    expect(share()).toBeLessThanOrEqual(94);
    const cur = c.api.get('virtualservices.networking.istio.io', 'default', 'helloworld');
    c.api.update({
      ...weightedSplit(50),
      metadata: { ...weightedSplit(50).metadata, resourceVersion: cur.metadata.resourceVersion },
    });
    c.advance(6_000);
    expect(share()).toBeGreaterThanOrEqual(42);
    expect(share()).toBeLessThanOrEqual(58);
    expect(mesh.load.list()[0].sent).toBeGreaterThan(2400);
    mesh.load.stop('canary');
    expect(mesh.load.list()).toEqual([]);
  });
});
