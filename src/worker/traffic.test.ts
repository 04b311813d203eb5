import { describe, expect, it } from 'vitest';
import type { Cluster } from '../engine/cluster';
import type { FaultsService } from '../engine/faults';
import type { Network } from '../engine/network/network';
import { clusterWithService, httpProbe, labDeployment, trafficOf } from '../engine/traffic/testing';
import type { TrafficEdge } from '../protocol/views';
import { TRAFFIC_WINDOW_MS, TrafficTracker } from './traffic';

/** Three ready `web` pods behind Service `web` (readiness: /healthz every second, one failure drains). */
function setup() {
  const c = clusterWithService();
  const readiness = { readinessProbe: httpProbe('/healthz', { periodSeconds: 1, failureThreshold: 1 }) };
  c.api.create(labDeployment('web', 3, 'kubedojo/hang:1.0', {}, readiness));
  c.advance(10_000);
  const tracker = new TrafficTracker();
  tracker.collect(c);
  const pods = c.api
    .list('pods', { namespace: 'default' })
    .map((p) => p.metadata.name)
    .sort();
  const uid = (resource: string, name: string) => c.api.get(resource, 'default', name).metadata.uid as string;
  const faults = c.ctx.services.get('faults') as FaultsService;
  return { c, tracker, pods, uid, faults };
}

/** Advance second by second, collecting like the host does; returns the last edges sent. */
function run(c: Cluster, tracker: TrafficTracker, seconds: number, edges: TrafficEdge[] = []): TrafficEdge[] {
  let last = edges;
  for (let i = 0; i < seconds; i++) {
    c.advance(1000);
    last = tracker.collect(c)?.edges ?? last;
  }
  return last;
}

describe('TrafficTracker', () => {
  it('turns generator traffic into Service -> pod edges with the window’s requests, rate and errors', () => {
    const { c, tracker, pods, uid } = setup();
    trafficOf(c).start({ namespace: 'default', service: 'web', rps: 20 });
    const edges = run(c, tracker, 8);
    const svc = uid('services', 'web');
    expect(edges.map((e) => [e.fromUid, e.toUid])).toEqual(
      pods.map((p) => [svc, uid('pods', p)]).sort((a, b) => (a.join() < b.join() ? -1 : 1)),
    );
    // Every request the network logged in the last five (whole) seconds is on exactly one edge.
    const now = c.clock.now();
    const net = c.ctx.services.get('network') as Network;
    const logged = net.log
      .recent()
      .filter((e) => e.service === 'default/web' && e.atMs > now - TRAFFIC_WINDOW_MS && e.atMs <= now).length;
    expect(edges.reduce((n, e) => n + e.count, 0)).toBe(logged);
    expect(logged).toBe(107);
    for (const e of edges) {
      expect(e.rps).toBe(Math.round((e.count / 5) * 10) / 10);
      expect(e.errors).toBe(0);
      expect(e.lastMs).toBeGreaterThan(now - 1000);
    }
    const stats = tracker.collect(c, true)?.services;
    // The badge shows what `lab traffic status` shows: the last 10 s (8 s of them with traffic here).
    const model = trafficOf(c).stats('default/web', 10_000);
    expect(model.rps).toBeCloseTo(15.9, 5);
    expect(stats).toEqual([{ uid: svc, rps: 15.9, errorRate: 0, p95Ms: model.p95 }]);
  });

  it('sends edges only when they changed: nothing within the same second or while no traffic flows', () => {
    const { c, tracker } = setup();
    c.advance(3000);
    expect(tracker.collect(c)).toBeUndefined();
    trafficOf(c).start({ namespace: 'default', service: 'web', rps: 20 });
    c.advance(1000);
    const first = tracker.collect(c);
    expect(first?.edges).toHaveLength(3);
    expect(first?.services).toHaveLength(1);
    c.advance(300);
    expect(tracker.collect(c)).toBeUndefined();
    // A snapshot gets both lists whatever changed.
    expect(Object.keys(tracker.collect(c, true) ?? {})).toEqual(['edges', 'services']);
  });

  it('drains the edge of a pod whose readiness fails while the others keep their traffic, and restores it', () => {
    const { c, tracker, pods, uid, faults } = setup();
    trafficOf(c).start({ namespace: 'default', service: 'web', rps: 30 });
    let edges = run(c, tracker, 6);
    const drained = uid('pods', pods[1]);
    expect(edges.map((e) => e.toUid)).toContain(drained);
    faults.breakEndpoint('default', pods[1], 'readiness');
    edges = run(c, tracker, 4, edges);
    expect(
      c.api
        .get('pods', 'default', pods[1])
        .status.conditions.find((x: { type: string }) => x.type === 'Ready').status,
    ).toBe('False');
    expect(edges.map((e) => e.toUid).sort()).toEqual([uid('pods', pods[0]), uid('pods', pods[2])].sort());
    for (const e of edges) expect(e.rps).toBeGreaterThan(4);
    faults.fixEndpoint('default', pods[1]);
    edges = run(c, tracker, 4, edges);
    expect(edges.map((e) => e.toUid)).toContain(drained);
  });

  it('counts 5xx answers as errors on the edge and in the Service’s error rate', () => {
    const { c, tracker, pods, uid, faults } = setup();
    trafficOf(c).start({ namespace: 'default', service: 'web', rps: 30 });
    run(c, tracker, 3);
    // `/` answers 500 on one pod, whose readiness (/healthz) still passes: it keeps its traffic.
    faults.breakEndpoint('default', pods[0], '/');
    const edges = run(c, tracker, 6);
    const broken = edges.find((e) => e.toUid === uid('pods', pods[0]))!;
    expect(broken.errors).toBe(broken.count);
    expect(broken.errors).toBeGreaterThan(0);
    for (const e of edges.filter((x) => x !== broken)) expect(e.errors).toBe(0);
    const [svc] = tracker.collect(c, true)?.services ?? [];
    expect(svc.errorRate).toBeGreaterThan(0.2);
    expect(svc.errorRate).toBeLessThan(0.5);
  });

  it('drops the edges and the Service stats once traffic has stopped for the window', () => {
    const { c, tracker } = setup();
    trafficOf(c).start({ namespace: 'default', service: 'web', rps: 20 });
    run(c, tracker, 4);
    trafficOf(c).stop('default', 'web');
    expect(run(c, tracker, 3, [])).toEqual([]);
    for (let i = 0; i < 12; i++) {
      c.advance(1000);
      tracker.collect(c);
    }
    expect(tracker.collect(c, true)).toEqual({ edges: [], services: [] });
  });
});
