/** The Mesh view's telemetry: Service edges, idle versions, weight shifts, pacing and series. */
import { describe, expect, it } from 'vitest';
import { createShell } from '../cli';
import type { Cluster } from '../engine/cluster';
import { createCluster, defaultNodes } from '../engine/cluster';
import {
  apply,
  client,
  HELLO,
  helloworld,
  meshCluster,
  meshOf,
  svc,
  versioned,
  versionSubsets,
  weightedSplit,
} from '../engine/istio/testing';
import { testCluster } from '../engine/testing/fixtures';
import type { MeshState, WorkerMessage } from '../protocol/messages';
import { EngineHost } from './host';
import { MESH_MIN_INTERVAL_MS, MeshTracker } from './mesh';
import { podStatusFor } from './pod-status';

type MeshMessage = Extract<WorkerMessage, { type: 'mesh' }>;

const VS = 'virtualservices.networking.istio.io';

/** helloworld v1 + v2 behind one Service, a sleep client, subsets and a 100/0 route; the tracker attached first. */
function canary(): { c: Cluster; tracker: MeshTracker } {
  const c = meshCluster();
  const tracker = new MeshTracker();
  tracker.attach(c);
  apply(c, [...helloworld(), client(), versionSubsets(), weightedSplit(100)]);
  c.advance(60_000);
  return { c, tracker };
}

function startLoad(c: Cluster): void {
  meshOf(c).load.start({
    id: 'canary',
    from: { namespace: 'default', app: 'sleep' },
    url: 'http://helloworld:5000/hello',
    rps: 50,
  });
}

function post(tracker: MeshTracker): MeshMessage[] {
  const posted: WorkerMessage[] = [];
  tracker.tick(MESH_MIN_INTERVAL_MS, (m) => posted.push(m));
  return posted as MeshMessage[];
}

const edge = (s: MeshState, source: string, target: string) =>
  s.edges.find((e) => e.source === source && e.target === target);

describe('MeshTracker', () => {
  it('draws caller -> Service -> version edges, with the idle version present but unconnected', () => {
    const { c, tracker } = canary();
    startLoad(c);
    c.advance(20_000);
    tracker.watch(true, undefined);
    const [msg] = post(tracker);
    const s = msg.state;
    expect(s.installed).toBe(true);
    expect(
      s.nodes.filter((n) => n.namespace === 'default').map((n) => [n.id, n.app, n.version, n.idle]),
    ).toEqual([
      ['service:default/helloworld', undefined, undefined, false],
      ['workload:default/helloworld-v1', 'helloworld', 'v1', false],
      ['workload:default/helloworld-v2', 'helloworld', 'v2', true],
      ['workload:default/sleep', 'sleep', undefined, true],
    ]);
    expect(s.edges.map((e) => `${e.source} > ${e.target}`)).toEqual([
      'service:default/helloworld > workload:default/helloworld-v1',
      'workload:default/sleep > service:default/helloworld',
    ]);
    const into = edge(s, 'workload:default/sleep', 'service:default/helloworld')!;
    const out = edge(s, 'service:default/helloworld', 'workload:default/helloworld-v1')!;
    // Poisson around 50 rps over 10 s; every request reaches v1, over mTLS, without errors.
    expect(into.rps).toBeGreaterThan(40);
    expect(into.rps).toBeLessThan(60);
    expect(out).toMatchObject({ rps: into.rps, errorPercent: 0, mtls: true });
    expect(out.p50).toBeGreaterThan(0);
    expect(out.p95).toBeGreaterThanOrEqual(out.p50);
    expect(out.p99).toBeGreaterThanOrEqual(out.p95);
    const v1 = s.nodes.find((n) => n.id === 'workload:default/helloworld-v1')!;
    expect(v1.rps).toBe(into.rps);
    expect(s.load).toEqual([
      {
        id: 'canary',
        from: 'default/sleep',
        url: 'http://helloworld:5000/hello',
        rps: 50,
        sent: meshOf(c).load.list()[0].sent,
      },
    ]);
  });

  it('shows the split shift within seconds of a weight change', () => {
    const { c, tracker } = canary();
    startLoad(c);
    c.advance(20_000);
    tracker.watch(true, undefined);
    const cur = c.api.get(VS, 'default', 'helloworld');
    c.api.update({
      ...weightedSplit(0),
      metadata: { ...weightedSplit(0).metadata, resourceVersion: cur.metadata.resourceVersion },
    });
    c.advance(12_000);
    const s = post(tracker)[0].state;
    expect(edge(s, 'service:default/helloworld', 'workload:default/helloworld-v1')).toBeUndefined();
    const v2 = edge(s, 'service:default/helloworld', 'workload:default/helloworld-v2')!;
    expect(v2.rps).toBe(edge(s, 'workload:default/sleep', 'service:default/helloworld')!.rps);
    expect(s.nodes.find((n) => n.id === 'workload:default/helloworld-v1')!.idle).toBe(true);
  });

  it('posts only while open, at most every MESH_MIN_INTERVAL_MS, and only when something changed', () => {
    const { c, tracker } = canary();
    startLoad(c);
    c.advance(5_000);
    const posted: WorkerMessage[] = [];
    const tick = (ms: number) => tracker.tick(ms, (m) => posted.push(m));
    tick(1000);
    expect(posted).toHaveLength(0);
    tracker.watch(true, undefined);
    tick(16);
    expect(posted).toHaveLength(1);
    tick(16);
    tick(MESH_MIN_INTERVAL_MS);
    // The clock did not move: the same numbers are not sent again.
    expect(posted).toHaveLength(1);
    c.advance(1000);
    tick(16);
    expect(posted).toHaveLength(1);
    tick(MESH_MIN_INTERVAL_MS);
    expect(posted).toHaveLength(2);
    tracker.watch(false, undefined);
    c.advance(1000);
    tick(MESH_MIN_INTERVAL_MS);
    expect(posted).toHaveLength(2);
  });

  it('sends the focused node its golden signals per second, idle seconds filled', () => {
    const { c, tracker } = canary();
    startLoad(c);
    c.advance(30_000);
    meshOf(c).load.stop('canary');
    c.advance(5_000);
    tracker.watch(true, 'workload:default/helloworld-v1');
    const { series, state } = post(tracker)[0];
    expect(series?.focus).toBe('workload:default/helloworld-v1');
    const t = series!.t;
    const last = Math.floor(c.clock.now() / 1000) - 1;
    expect(t[t.length - 1]).toBe(last);
    expect(t.every((v, i) => i === 0 || v === t[i - 1] + 1)).toBe(true);
    expect(t.length).toBeGreaterThanOrEqual(30);
    expect(t.length).toBeLessThanOrEqual(36);
    // The last seconds had no load: no requests and no latency to draw.
    expect(series!.rps.slice(-3)).toEqual([0, 0, 0]);
    expect(series!.p95.slice(-3)).toEqual([null, null, null]);
    const loaded = series!.rps.slice(0, 25);
    expect(loaded.reduce((a, b) => a + b, 0) / 25).toBeGreaterThan(40);
    expect(series!.p99.slice(0, 25).every((p) => p !== null && p > 0)).toBe(true);
    expect(series!.errorPercent.every((e) => e === 0)).toBe(true);
    expect(series).toMatchObject({ p50: expect.any(Array), saturation: expect.any(Array) });
    expect(series!.saturation.length).toBe(t.length);
    // A Service focus reads the caller -> Service aggregate.
    expect(state.nodes.some((n) => n.id === 'service:default/helloworld')).toBe(true);
    tracker.watch(true, 'service:default/helloworld');
    const svcSeries = post(tracker)[0].series!;
    expect(svcSeries.rps.slice(0, 25)).toEqual(loaded);
  });

  it('keeps the Service -> workload edge when both share a name, and shows Envoy answers on the caller edge', () => {
    const c = meshCluster();
    const tracker = new MeshTracker();
    tracker.attach(c);
    const web = versioned('helloworld', 'v1', HELLO('v1'), 5000);
    apply(c, [
      svc('helloworld', 5000),
      { ...web, metadata: { ...web.metadata, name: 'helloworld' } },
      // A Service with no pod behind it: Envoy answers 503 itself.
      svc('ghost', 5000),
      client(),
    ]);
    c.advance(60_000);
    startLoad(c);
    meshOf(c).load.start({
      id: 'ghost',
      from: { namespace: 'default', app: 'sleep' },
      url: 'http://ghost:5000/',
      rps: 10,
    });
    c.advance(15_000);
    tracker.watch(true, undefined);
    const s = post(tracker)[0].state;
    expect(s.edges.map((e) => `${e.source} > ${e.target}`)).toEqual([
      'service:default/helloworld > workload:default/helloworld',
      'workload:default/sleep > service:default/ghost',
      'workload:default/sleep > service:default/helloworld',
    ]);
    expect(edge(s, 'workload:default/sleep', 'service:default/ghost')).toMatchObject({ errorPercent: 100 });
    expect(edge(s, 'service:default/helloworld', 'workload:default/helloworld')!.rps).toBe(
      edge(s, 'workload:default/sleep', 'service:default/helloworld')!.rps,
    );
  });

  it('reports a cluster without Istio as not installed and empty', () => {
    const c = testCluster();
    const tracker = new MeshTracker();
    tracker.attach(c);
    tracker.watch(true, undefined);
    expect(post(tracker)[0].state).toMatchObject({ installed: false, nodes: [], edges: [], load: [] });
  });

  it('suggests the lab mesh load line that drives the graph, and that line starts the load', () => {
    const { c, tracker } = canary();
    tracker.watch(true, undefined);
    const s = post(tracker)[0].state;
    expect(s.edges).toEqual([]);
    expect(s.loadHint).toBe(
      'lab mesh load start --from pod/sleep --to http://helloworld:5000/ --rps 10 -n default',
    );
    const shell = createShell(c, { files: { read: () => undefined, list: () => [] } });
    expect(shell.run(s.loadHint!)).toMatchObject({ exitCode: 0 });
    c.advance(3_000);
    const after = post(tracker)[0].state;
    expect(after.loadHint).toBeUndefined();
    expect(after.load.map((l) => [l.id, l.from, l.rps])).toEqual([['sleep-helloworld', 'default/sleep', 10]]);
    expect(edge(after, 'service:default/helloworld', 'workload:default/helloworld-v1')!.rps).toBeGreaterThan(
      0,
    );
  });
});

describe('EngineHost and the Mesh view', () => {
  it('posts mesh messages after mesh-watch, from a cluster where istioctl installed Istio', () => {
    const posted: WorkerMessage[] = [];
    const host = new EngineHost({
      createCluster: ({ seed, workers }) => createCluster({ seed, nodes: defaultNodes(workers) }),
      createShell: (cluster, opts) => createShell(cluster, opts),
      podStatus: podStatusFor,
      post: (m) => posted.push(m),
    });
    host.boot();
    const meshMessages = () => posted.filter((m): m is MeshMessage => m.type === 'mesh');
    host.tick(16);
    expect(meshMessages()).toHaveLength(0);
    host.handle({ type: 'mesh-watch', open: true });
    host.tick(16);
    expect(meshMessages().map((m) => m.state.installed)).toEqual([false]);
    host.handle({ type: 'run', id: 1, line: 'istioctl install -y' });
    host.tick(MESH_MIN_INTERVAL_MS);
    expect(meshMessages().map((m) => m.state.installed)).toEqual([false, true]);
    host.handle({ type: 'mesh-watch', open: false });
    host.handle({ type: 'run', id: 2, line: 'kubectl label namespace default istio-injection=enabled' });
    host.tick(MESH_MIN_INTERVAL_MS);
    expect(meshMessages()).toHaveLength(2);
  });
});
