/** Per-request routing through sidecars: weights, match order, rewrite, subsets, faults, retries, timeouts. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import {
  answeredBy,
  apply,
  helloworldMesh,
  helloworldRoutes,
  meshOf,
  net,
  pod,
  versionSubsets,
} from './testing';

const subsets = (): KObject => versionSubsets();

const vs = helloworldRoutes;

const to = (subset: string, weight?: number) => ({
  destination: { host: 'helloworld', subset },
  ...(weight === undefined ? {} : { weight }),
});

const helloMesh = (): Cluster => helloworldMesh();

const URL = 'http://helloworld:5000/hello';

describe('routing by VirtualService and DestinationRule', () => {
  it('without a VirtualService, the plain Service balances over both versions', () => {
    const c = helloMesh();
    const counts = answeredBy(c, pod(c, 'sleep'), URL, 400);
    expect(Object.keys(counts).sort()).toEqual(['v1', 'v2']);
    expect(counts.v1 + counts.v2).toBe(400);
  });

  it('splits 90/10 by weight within 2.5 points over 2,000 requests', () => {
    const c = helloMesh();
    apply(c, [subsets(), vs([{ route: [to('v1', 90), to('v2', 10)] }])]);
    const counts = answeredBy(c, pod(c, 'sleep'), URL, 2000);
    expect(counts.v1 + counts.v2).toBe(2000);
    expect(Math.abs((counts.v1 / 2000) * 100 - 90)).toBeLessThanOrEqual(2.5);
  });

  it('first matching route wins: header, query, method, uri regex, then the default', () => {
    const c = helloMesh();
    apply(c, [
      subsets(),
      vs([
        { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [to('v2')] },
        { match: [{ queryParams: { canary: { exact: 'true' } } }], route: [to('v2')] },
        { match: [{ method: { exact: 'POST' } }, { uri: { regex: '/hel+o/[0-9]+' } }], route: [to('v2')] },
        { match: [{ headers: { 'end-user': { prefix: 'ja' } } }], route: [to('v1')] },
        { route: [to('v1')] },
      ]),
    ]);
    const sleep = pod(c, 'sleep');
    const version = (url: string, opts: { headers?: Record<string, string>; method?: string } = {}) => {
      const r = net(c).request(sleep, url, opts);
      return r.ok
        ? c.api.store.get('pods', 'default', r.podName.split('/')[1])?.metadata.labels?.version
        : r.kind;
    };
    expect(version(URL, { headers: { 'end-user': 'jason' } })).toBe('v2');
    expect(version(URL, { headers: { 'end-user': 'jane' } })).toBe('v1');
    expect(version(`${URL}?canary=true`)).toBe('v2');
    expect(version(`${URL}?canary=false`)).toBe('v1');
    expect(version(URL, { method: 'POST' })).toBe('v2');
    expect(version('http://helloworld:5000/hello/42')).toBe('v2');
    expect(answeredBy(c, sleep, URL, 50)).toEqual({ v1: 50 });
  });

  it('no route matches: 404 from Envoy; a subset no DestinationRule defines: 503 NR', () => {
    const c = helloMesh();
    apply(c, [vs([{ match: [{ uri: { prefix: '/api' } }], route: [to('v3')] }])]);
    const sleep = pod(c, 'sleep');
    const miss = net(c).request(sleep, URL);
    expect(miss.ok && miss.status).toBe(404);
    const r = net(c).request(sleep, 'http://helloworld:5000/api');
    expect(r.ok && [r.status, r.body, r.headers.server]).toEqual([503, '', 'envoy']);
    const last = meshOf(c).telemetry;
    expect(last.edgeStats(c.clock.now()).find((e) => e.source === 'default/sleep')?.errorPercent).toBe(50);
  });

  it('rewrites the matched prefix, and redirects', () => {
    const c = helloMesh();
    apply(c, [
      subsets(),
      vs([
        { match: [{ uri: { prefix: '/greet' } }], rewrite: { uri: '/hello' }, route: [to('v1')] },
        { match: [{ uri: { exact: '/old' } }], redirect: { uri: '/hello' } },
      ]),
    ]);
    const sleep = pod(c, 'sleep');
    const r = net(c).request(sleep, 'http://helloworld:5000/greet');
    expect(r.ok && r.body).toMatch(/^Hello version: v1, instance: helloworld-v1-/);
    expect(
      r.ok && [r.headers.server, r.headers['content-type'], r.headers['x-envoy-upstream-service-time']],
    ).toEqual(['envoy', 'text/html; charset=utf-8', String(r.latencyMs - 1)]);
    const moved = net(c).request(sleep, 'http://helloworld:5000/old');
    expect(moved.ok && [moved.status, moved.headers.location]).toEqual([301, 'http://helloworld:5000/hello']);
  });

  it('injects aborts and delays at the configured percentages', () => {
    const c = helloMesh();
    apply(c, [
      subsets(),
      vs([
        {
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          fault: { delay: { fixedDelay: '7s', percentage: { value: 100 } } },
          route: [to('v1')],
        },
        { fault: { abort: { httpStatus: 500, percentage: { value: 50 } } }, route: [to('v1')] },
      ]),
    ]);
    const sleep = pod(c, 'sleep');
    const slow = net(c).request(sleep, URL, { headers: { 'end-user': 'jason' } });
    expect(slow.ok && slow.status).toBe(200);
    expect(slow.latencyMs).toBeGreaterThanOrEqual(7000);
    expect(slow.latencyMs).toBeLessThan(7100);
    const timedOut = net(c).request(sleep, URL, { headers: { 'end-user': 'jason' }, timeoutMs: 3000 });
    expect(!timedOut.ok && [timedOut.kind, timedOut.latencyMs]).toEqual(['timeout', 3000]);
    let aborted = 0;
    for (let i = 0; i < 1000; i++) {
      const r = net(c).request(sleep, URL);
      if (r.ok && r.status === 500) {
        aborted++;
        expect(r.body).toBe('fault filter abort');
      }
    }
    expect(aborted).toBeGreaterThan(460);
    expect(aborted).toBeLessThan(540);
  });

  it('retries a failing pod: the first try and each configured retry reach it', () => {
    const c = helloMesh();
    const faults = c.ctx.services.get('faults') as {
      breakEndpoint(ns: string, pod: string, path: string, status?: number): string;
    };
    const v1 = c.api.store.list('pods', 'default').find((p) => p.metadata.labels?.version === 'v1')!;
    faults.breakEndpoint('default', v1.metadata.name, '/hello', 503);
    apply(c, [subsets(), vs([{ route: [to('v1')], retries: { attempts: 3, retryOn: '5xx' } }])]);
    const r = net(c).request(pod(c, 'sleep'), URL);
    expect(r.ok && r.status).toBe(503);
    // The first try and three retries reached the pod.
    const attempts = net(c)
      .log.recent(10)
      .filter((e) => e.to === `default/${v1.metadata.name}`);
    expect(attempts.length).toBe(4);
  });
});
