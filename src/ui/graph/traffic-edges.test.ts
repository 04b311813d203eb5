import { describe, expect, it } from 'vitest';
import type { ObjectView, TrafficEdge } from '../../protocol/views';
import { StableLayout } from './layout';
import { buildGraph } from './model';
import { rateLabel, trafficLevel } from './TrafficEdge';

function v(kind: ObjectView['kind'], name: string, extra: Partial<ObjectView> = {}): ObjectView {
  return {
    uid: `${kind}-${name}`,
    kind,
    name,
    namespace: kind === 'Node' ? '' : 'default',
    status: '',
    labels: {},
    ...extra,
  };
}

const edge = (from: ObjectView, to: ObjectView, rps: number, errors = 0): TrafficEdge => ({
  fromUid: from.uid,
  toUid: to.uid,
  count: rps * 5,
  rps,
  errors,
  lastMs: 1000,
});

describe('traffic edges in the graph', () => {
  const node = v('Node', 'node-1', { role: 'worker' });
  const svc = v('Service', 'web', { selector: { app: 'web' } });
  const ready = v('Pod', 'web-1', { nodeName: 'node-1', labels: { app: 'web' }, podReady: true });
  const unready = v('Pod', 'web-2', { nodeName: 'node-1', labels: { app: 'web' }, podReady: false });
  const client = v('Pod', 'client', { nodeName: 'node-1', podReady: true });
  const objects = new Map([node, svc, ready, unready, client].map((o) => [o.uid, o]));

  it('draws traffic edges as the custom type with the rate and errors as data', () => {
    const g = buildGraph(objects, '', new StableLayout(), [edge(svc, ready, 6.4, 2), edge(client, svc, 6.4)]);
    const traffic = g.edges.filter((e) => e.type === 'traffic');
    expect(traffic.map((e) => [e.id, e.data])).toEqual([
      [`traffic:${svc.uid}>${ready.uid}`, { rps: 6.4, errors: 2, count: 32 }],
      [`traffic:${client.uid}>${svc.uid}`, { rps: 6.4, errors: 0, count: 32 }],
    ]);
  });

  it('drops a Service’s traffic edge to a pod that is not ready, as it drops its Service edge', () => {
    const g = buildGraph(objects, '', new StableLayout(), [edge(svc, ready, 5), edge(svc, unready, 5)]);
    expect(g.edges.filter((e) => e.target === unready.uid).map((e) => e.id)).toEqual([]);
    expect(g.edges.filter((e) => e.target === ready.uid).map((e) => e.id)).toEqual([
      `service:${svc.uid}>${ready.uid}`,
      `traffic:${svc.uid}>${ready.uid}`,
    ]);
    // Direct pod-to-pod requests (exec curl to a pod IP) reach an unready pod all the same.
    const direct = buildGraph(objects, '', new StableLayout(), [edge(client, unready, 1)]);
    expect(direct.edges.map((e) => e.id)).toContain(`traffic:${client.uid}>${unready.uid}`);
  });

  it('grades dash density by rate and labels the rate per second', () => {
    expect([0.2, 1.9, 2, 7.9, 8, 24.9, 25, 900].map(trafficLevel)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect([0.4, 6.8, 10, 19.6].map(rateLabel)).toEqual(['0.4/s', '6.8/s', '10/s', '20/s']);
  });
});
