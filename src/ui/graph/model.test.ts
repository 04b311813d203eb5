import { describe, expect, it } from 'vitest';
import type { ObjectView } from '../../protocol/views';
import { type BundleEdgeData, bundleLabel } from './BundleEdge';
import { MACHINE_HEADER, MACHINE_PAD, POD_COLS, POD_GAP, POD_H, POD_W, StableLayout } from './layout';
import { AGGREGATE_EDGES_ABOVE, buildGraph, type InlinePod, machineId, selects, trafficEdges } from './model';

let n = 0;
function v(kind: ObjectView['kind'], name: string, extra: Partial<ObjectView> = {}): ObjectView {
  return {
    uid: `${kind}-${name}-${n++}`,
    kind,
    name,
    namespace: kind === 'Node' ? '' : 'default',
    status: '',
    labels: {},
    ...extra,
  };
}

function world(list: ObjectView[]): Map<string, ObjectView> {
  return new Map(list.map((o) => [o.uid, o]));
}

describe('buildGraph', () => {
  const node1 = v('Node', 'node-1', { role: 'worker' });
  const cp = v('Node', 'control-plane', { role: 'control-plane' });
  const deploy = v('Deployment', 'web');
  const rs = v('ReplicaSet', 'web-abc', { ownerUid: deploy.uid });
  const pods = [0, 1, 2].map((i) =>
    v('Pod', `web-abc-${i}`, {
      ownerUid: rs.uid,
      nodeName: 'node-1',
      labels: { app: 'web' },
      podReady: i !== 2,
      status: 'Running',
    }),
  );
  const svc = v('Service', 'web', { selector: { app: 'web' } });
  const cm = v('ConfigMap', 'settings');
  pods[0].uses = [{ kind: 'ConfigMap', name: 'settings' }];
  const other = v('Pod', 'elsewhere', { namespace: 'kube-system', nodeName: 'node-1' });
  const base = [node1, cp, deploy, rs, ...pods, svc, cm, other];

  it('puts machines first (control plane leftmost), pods inside their machine, and filters by namespace', () => {
    const g = buildGraph(world(base), 'default', new StableLayout());
    expect(g.nodes.filter((x) => x.type === 'machine').map((x) => x.id)).toEqual([
      machineId('control-plane'),
      machineId('node-1'),
    ]);
    const podNodes = g.nodes.filter((x) => x.type === 'pod');
    expect(podNodes.map((x) => x.id)).toEqual(pods.map((p) => p.uid));
    const box = g.nodes.find((x) => x.id === machineId('node-1'))!;
    for (const x of podNodes) {
      expect(x.data.machine).toBe('node-1');
      expect(x.position.x).toBeGreaterThan(box.position.x);
      expect(x.position.x + (x.width ?? 0)).toBeLessThan(box.position.x + (box.width ?? 0));
      expect(x.position.y).toBeGreaterThan(box.position.y);
      expect(x.position.y + (x.height ?? 0)).toBeLessThan(box.position.y + (box.height ?? 0));
    }
    expect(g.nodes.some((x) => x.id === other.uid)).toBe(false);
    expect(buildGraph(world(base), '', new StableLayout()).nodes.some((x) => x.id === other.uid)).toBe(true);
  });

  it('links owners, ready pods to their Service (not unready ones) and ConfigMaps to the pods using them', () => {
    const g = buildGraph(world(base), 'default', new StableLayout());
    const ids = g.edges.map((e) => e.id).sort();
    expect(ids).toEqual(
      [
        `owner:${deploy.uid}>${rs.uid}`,
        ...pods.map((p) => `owner:${rs.uid}>${p.uid}`),
        `service:${svc.uid}>${pods[0].uid}`,
        `service:${svc.uid}>${pods[1].uid}`,
        `uses:${cm.uid}>${pods[0].uid}`,
      ].sort(),
    );
  });

  it('adding a pod moves nothing that was already drawn, and a removed pod frees its slot', () => {
    const layout = new StableLayout();
    const before = buildGraph(world(base), 'default', layout);
    const extra = v('Pod', 'web-abc-3', {
      ownerUid: rs.uid,
      nodeName: 'node-1',
      labels: { app: 'web' },
      status: 'Pending',
    });
    const after = buildGraph(world([...base, extra]), 'default', layout);
    for (const node of before.nodes) {
      if (node.type === 'machine') continue;
      expect(after.nodes.find((x) => x.id === node.id)?.position).toEqual(node.position);
    }
    const box = after.nodes.find((x) => x.id === machineId('node-1'))!.position;
    expect(after.nodes.find((x) => x.id === extra.uid)?.position).toEqual({
      x: box.x + MACHINE_PAD + (3 % POD_COLS) * (POD_W + POD_GAP),
      y: box.y + MACHINE_HEADER + Math.floor(3 / POD_COLS) * (POD_H + POD_GAP),
    });
    // Remove pod 1: pod 2 stays put; the next new pod takes pod 1's slot.
    const without = base.filter((o) => o.uid !== pods[1].uid);
    const g3 = buildGraph(world([...without, extra]), 'default', layout);
    expect(g3.nodes.find((x) => x.id === pods[2].uid)?.position).toEqual(
      before.nodes.find((x) => x.id === pods[2].uid)?.position,
    );
    const newcomer = v('Pod', 'web-abc-4', { nodeName: 'node-1' });
    const g4 = buildGraph(world([...without, extra, newcomer]), 'default', layout);
    expect(g4.nodes.find((x) => x.id === newcomer.uid)?.position).toEqual(
      before.nodes.find((x) => x.id === pods[1].uid)?.position,
    );
  });

  it('keeps pinned objects where they were dropped', () => {
    const layout = new StableLayout();
    layout.pin(svc.uid, { x: 999, y: -50 });
    const g = buildGraph(world(base), 'default', layout);
    expect(g.nodes.find((x) => x.id === svc.uid)?.position).toEqual({ x: 999, y: -50 });
  });

  it('puts pods without a node in the unscheduled box', () => {
    const pending = v('Pod', 'waiting', { status: 'Pending' });
    const g = buildGraph(world([node1, pending]), 'default', new StableLayout());
    expect(g.nodes.find((x) => x.id === pending.uid)?.data.machine).toBe('__unscheduled__');
  });

  it('bundles owner and Service edges per machine when many pods are drawn', () => {
    const many = Array.from({ length: AGGREGATE_EDGES_ABOVE + 1 }, (_, i) =>
      v('Pod', `web-abc-x${i}`, {
        ownerUid: rs.uid,
        nodeName: i % 2 ? 'node-1' : 'control-plane',
        labels: { app: 'web' },
        podReady: true,
      }),
    );
    const g = buildGraph(world([node1, cp, deploy, rs, svc, ...many]), 'default', new StableLayout());
    const byId = Object.fromEntries(
      g.edges.map((e) => [
        e.id,
        e.type === 'bundle' ? bundleLabel((e.data as BundleEdgeData).count) : undefined,
      ]),
    );
    expect(byId).toEqual({
      [`owner:${deploy.uid}>${rs.uid}`]: undefined,
      [`owner:${rs.uid}>${machineId('node-1')}`]: '×100',
      [`owner:${rs.uid}>${machineId('control-plane')}`]: '×101',
      [`service:${svc.uid}>${machineId('node-1')}`]: '×100',
      [`service:${svc.uid}>${machineId('control-plane')}`]: '×101',
    });
    // The pods are drawn inside their machines, each at its slot, not as React Flow nodes of their own.
    expect(g.nodes.filter((x) => x.type === 'pod')).toEqual([]);
    const inside = (key: string) =>
      (g.nodes.find((x) => x.id === machineId(key))?.data.pods ?? []) as InlinePod[];
    expect(inside('node-1')).toHaveLength(100);
    expect(inside('control-plane')).toHaveLength(101);
    expect(inside('node-1')[0]).toEqual({ uid: many[1].uid, x: MACHINE_PAD, y: MACHINE_HEADER });
    expect(inside('node-1')[1]).toMatchObject({ x: MACHINE_PAD + POD_W + POD_GAP, y: MACHINE_HEADER });
    // Traffic to a pod goes to its machine, summed per machine.
    const t = trafficEdges(
      world([node1, cp, deploy, rs, svc, ...many]),
      g.visible,
      [
        { fromUid: svc.uid, toUid: many[1].uid, count: 10, rps: 2, errors: 0, lastMs: 0 },
        { fromUid: svc.uid, toUid: many[3].uid, count: 5, rps: 1, errors: 1, lastMs: 0 },
      ],
      g.podMachine,
    );
    expect(t.map((e) => [e.id, e.data])).toEqual([
      [`traffic:${svc.uid}>${machineId('node-1')}`, { rps: 3, errors: 1, count: 15 }],
    ]);
  });
});

describe('selects', () => {
  it('matches every selector label and never matches with an empty selector', () => {
    expect(selects({ app: 'web' }, { app: 'web', tier: 'fe' })).toBe(true);
    expect(selects({ app: 'web', tier: 'be' }, { app: 'web', tier: 'fe' })).toBe(false);
    expect(selects({}, { app: 'web' })).toBe(false);
    expect(selects(undefined, { app: 'web' })).toBe(false);
  });
});
