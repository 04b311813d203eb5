/** The default load balancer, LEAST_REQUEST: two random picks, the one with fewer requests in flight wins. */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster';
import { apply, client, meshCluster, net, pod, svc, versioned } from './testing';

const HTTPBIN = 'docker.io/mccutchen/go-httpbin:v2.15.0';

function setup(): Cluster {
  const c = meshCluster();
  apply(c, [svc('httpbin', 8000, 8080), versioned('httpbin', 'v1', HTTPBIN, 8080, 2), client()]);
  c.advance(60_000);
  return c;
}

function served(c: Cluster, path: string, n: number, everyMs: number): Map<string, number> {
  const counts = new Map<string, number>();
  const sleep = pod(c, 'sleep');
  for (let i = 0; i < n; i++) {
    const r = net(c).request(sleep, `http://httpbin:8000${path}`);
    if (r.ok) counts.set(r.podName, (counts.get(r.podName) ?? 0) + 1);
    c.advance(everyMs);
  }
  return counts;
}

describe('LEAST_REQUEST', () => {
  it('shares quick requests evenly between equal pods', () => {
    const c = setup();
    const counts = [...served(c, '/get', 1000, 50).values()];
    expect(counts).toHaveLength(2);
    for (const n of counts) expect(Math.abs(n - 500)).toBeLessThanOrEqual(50);
  });

  it('sends fewer requests to a pod whose requests are still in flight', () => {
    const c = setup();
    const sleep = pod(c, 'sleep');
    // Park 5 long requests (10 s each) on whichever pod answers them first.
    const slow = new Map<string, number>();
    for (let i = 0; i < 5; i++) {
      const r = net(c).request(sleep, 'http://httpbin:8000/delay/10');
      if (r.ok) slow.set(r.podName, (slow.get(r.podName) ?? 0) + 1);
    }
    const busiest = [...slow.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const counts = served(c, '/get', 200, 20);
    expect(counts.get(busiest) ?? 0).toBeLessThan(200 - (counts.get(busiest) ?? 0));
  });
});
