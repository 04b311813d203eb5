/** The mesh graph model (filter, app boxes, wording, dots) and its stable dagre layout. */
import { describe, expect, it } from 'vitest';
import type { MeshEdgeView, MeshNodeView, MeshState } from '../../protocol/messages';
import { GROUP_HEADER, GROUP_PAD, groupSize, MeshLayout, WORKLOAD_H } from './layout';
import { dotCount, edgeLabel, edgeWidth, errorTone, meshGraph, redDots } from './model';

function node(id: string, extra: Partial<MeshNodeView> = {}): MeshNodeView {
  const [kind, key] = id.split(':') as ['workload' | 'service', string];
  const [namespace, name] = key.includes('/') ? key.split('/') : ['', key];
  return { id, kind, namespace, name, rps: 0, errorPercent: 0, p95: 0, idle: true, ...extra };
}

function edge(source: string, target: string, rps = 10, errorPercent = 0): MeshEdgeView {
  return { source, target, rps, errorPercent, p50: 4, p95: 9.5, p99: 12, mtls: true };
}

const bookinfo: MeshState = {
  installed: true,
  nowMs: 60_000,
  windowMs: 10_000,
  nodes: [
    node('service:default/reviews', { idle: false, rps: 10 }),
    node('workload:default/reviews-v1', { app: 'reviews', version: 'v1', idle: false, rps: 10 }),
    node('workload:default/reviews-v2', { app: 'reviews', version: 'v2' }),
    node('workload:default/reviews-v10', { app: 'reviews', version: 'v10' }),
    node('workload:default/productpage-v1', { app: 'productpage', version: 'v1' }),
    node('workload:istio-system/istio-ingressgateway', { app: 'istio-ingressgateway' }),
    node('service:default/productpage', { idle: false, rps: 5 }),
    node('workload:other/sleep', { app: 'sleep' }),
    node('workload:unknown'),
  ],
  edges: [
    edge('workload:default/productpage-v1', 'service:default/reviews'),
    edge('service:default/reviews', 'workload:default/reviews-v1'),
    edge('workload:istio-system/istio-ingressgateway', 'service:default/productpage', 5),
    edge('workload:unknown', 'workload:istio-system/istio-ingressgateway', 5),
  ],
  load: [],
};

describe('meshGraph', () => {
  it('keeps the namespace, the nodes its edges touch, and boxes the versions of one app in order', () => {
    const g = meshGraph(bookinfo, 'default');
    expect(g.nodes.map((n) => n.id)).toEqual([
      'service:default/reviews',
      'workload:default/reviews-v1',
      'workload:default/reviews-v2',
      'workload:default/reviews-v10',
      'workload:default/productpage-v1',
      'workload:istio-system/istio-ingressgateway',
      'service:default/productpage',
    ]);
    // The outside caller's edge touches no node of `default`.
    expect(g.edges).toHaveLength(3);
    expect(g.groups).toEqual([
      {
        id: 'app:default/reviews',
        namespace: 'default',
        app: 'reviews',
        members: [
          'workload:default/reviews-v1',
          'workload:default/reviews-v2',
          'workload:default/reviews-v10',
        ],
      },
    ]);
    expect(g.groupOf.get('workload:default/reviews-v2')).toBe('app:default/reviews');
    expect(g.groupOf.has('workload:default/productpage-v1')).toBe(false);
  });

  it('shows everything for all namespaces, and nothing before the first message', () => {
    expect(meshGraph(bookinfo, '').nodes).toHaveLength(9);
    expect(meshGraph(bookinfo, '').edges).toHaveLength(4);
    expect(meshGraph(undefined, '')).toMatchObject({ nodes: [], edges: [], groups: [] });
  });
});

describe('wording and drawing', () => {
  it('labels an edge with rate, errors and p95', () => {
    expect(edgeLabel(edge('a', 'b', 12.34, 0))).toBe('12.3 rps · 0% · 9.5 ms');
    expect(edgeLabel({ ...edge('a', 'b', 150.2, 2.54), p95: 1234.4 })).toBe('150 rps · 2.5% · 1234 ms');
    expect(edgeLabel(edge('a', 'b', 0.05, 50))).toBe('0.1 rps · 50% · 9.5 ms');
  });

  it('grows dots and width with the rate, and colours the error share red', () => {
    expect([0, 0.2, 1, 5, 20, 50, 100, 1000].map(dotCount)).toEqual([0, 1, 2, 4, 6, 7, 8, 8]);
    expect(redDots(6, 0)).toBe(0);
    expect(redDots(6, 1)).toBe(1);
    expect(redDots(6, 50)).toBe(3);
    expect(redDots(6, 100)).toBe(6);
    expect(edgeWidth(0)).toBe(1.5);
    expect(edgeWidth(100)).toBeGreaterThan(edgeWidth(10));
    expect([0, 0.5, 10, 60].map(errorTone)).toEqual(['ok', 'warn', 'error', 'error']);
  });
});

describe('MeshLayout', () => {
  it('lays out left to right, boxes sized for their versions, and stays put when edges go quiet', () => {
    const layout = new MeshLayout();
    const g = meshGraph(bookinfo, 'default');
    const placed = new Map(layout.place(g));
    expect(layout.runs).toBe(1);
    const box = placed.get('app:default/reviews')!;
    expect(box.height).toBe(groupSize(3).height);
    expect(groupSize(1).height).toBe(GROUP_HEADER + 2 * GROUP_PAD + WORKLOAD_H);
    // Callers left of the Service, the Service left of the versions it sends to.
    const x = (id: string) => placed.get(id)!.x;
    expect(x('workload:default/productpage-v1')).toBeLessThan(x('service:default/reviews'));
    expect(x('service:default/reviews')).toBeLessThan(box.x);
    expect(placed.has('workload:default/reviews-v1')).toBe(false);
    // Weights moved: the edge to v1 is gone for now. Nothing moves, dagre does not run again.
    const quiet = meshGraph({ ...bookinfo, edges: bookinfo.edges.slice(0, 1) }, 'default');
    expect(layout.place(quiet)).toEqual(placed);
    expect(layout.runs).toBe(1);
    // v2 joins the edge into the same app box: the layout has that pair already.
    const v2 = edge('service:default/reviews', 'workload:default/reviews-v2');
    layout.place(meshGraph({ ...bookinfo, edges: [...bookinfo.edges, v2] }, 'default'));
    expect(layout.runs).toBe(1);
    // A new pair runs dagre again; the same graph always gets the same places.
    const pp = edge('service:default/productpage', 'workload:default/productpage-v1');
    layout.place(meshGraph({ ...bookinfo, edges: [...bookinfo.edges, pp] }, 'default'));
    expect(layout.runs).toBe(2);
    const fresh = new MeshLayout();
    fresh.place(g);
    expect(fresh.place(g)).toEqual(placed);
  });
});
