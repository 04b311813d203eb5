/**
 * Left-to-right dagre layout of the mesh graph (callers left, the workloads that answer right), kept
 * stable: it runs again only when a node, app box or edge appears that it has not placed yet, and it
 * places everything it has seen since the last reset, so an edge going quiet (weights moved away from
 * v1) or a node going idle never moves the rest. App boxes are one dagre node sized for their versions,
 * stacked inside.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { MeshGraph } from './model';

export const WORKLOAD_W = 196;
export const WORKLOAD_H = 52;
export const SERVICE_W = 176;
export const SERVICE_H = 44;
export const GROUP_PAD = 10;
export const GROUP_HEADER = 26;
export const GROUP_GAP = 14;

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function groupSize(members: number): { width: number; height: number } {
  return {
    width: WORKLOAD_W + 2 * GROUP_PAD,
    height: GROUP_HEADER + GROUP_PAD + members * WORKLOAD_H + (members - 1) * GROUP_GAP + GROUP_PAD,
  };
}

/** A member's position inside its app box (relative to the box). */
export function memberOffset(index: number): { x: number; y: number } {
  return { x: GROUP_PAD, y: GROUP_HEADER + GROUP_PAD + index * (WORKLOAD_H + GROUP_GAP) };
}

interface LayoutNode {
  width: number;
  height: number;
}

export class MeshLayout {
  /** Every layout node seen (top-level nodes and app boxes) with its size. */
  private known = new Map<string, LayoutNode>();
  private knownEdges = new Map<string, [string, string]>();
  private placed = new Map<string, Placed>();
  /** How many times dagre ran (tests). */
  runs = 0;

  reset(): void {
    this.known.clear();
    this.knownEdges.clear();
    this.placed.clear();
  }

  /** Top-left positions of the top-level nodes and app boxes of `g` (members are placed by their box). */
  place(g: MeshGraph): Map<string, Placed> {
    let changed = false;
    const learn = (id: string, size: LayoutNode) => {
      const have = this.known.get(id);
      if (!have || have.width !== size.width || have.height !== size.height) {
        this.known.set(id, size);
        changed = true;
      }
    };
    for (const grp of g.groups) {
      learn(grp.id, groupSize(grp.members.length));
      // A workload that stood alone until its second version came now lives in the box.
      for (const m of grp.members) if (this.known.delete(m)) changed = true;
    }
    for (const n of g.nodes) {
      if (g.groupOf.has(n.id)) continue;
      learn(
        n.id,
        n.kind === 'service'
          ? { width: SERVICE_W, height: SERVICE_H }
          : { width: WORKLOAD_W, height: WORKLOAD_H },
      );
    }
    const top = (id: string) => g.groupOf.get(id) ?? id;
    for (const e of g.edges) {
      const [s, t] = [top(e.source), top(e.target)];
      if (s === t) continue;
      const key = `${s}>${t}`;
      if (!this.knownEdges.has(key)) {
        this.knownEdges.set(key, [s, t]);
        changed = true;
      }
    }
    if (changed) this.run();
    return this.placed;
  }

  private run(): void {
    this.runs++;
    const dg = new Graph({ multigraph: false });
    dg.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 150, marginx: 16, marginy: 16 });
    dg.setDefaultEdgeLabel(() => ({}));
    // Sorted input: the same graph always lays out the same way.
    const ids = [...this.known.keys()].sort();
    for (const id of ids) dg.setNode(id, { ...this.known.get(id)! });
    for (const key of [...this.knownEdges.keys()].sort()) {
      const [s, t] = this.knownEdges.get(key)!;
      if (this.known.has(s) && this.known.has(t)) dg.setEdge(s, t);
    }
    layout(dg);
    const placed = new Map<string, Placed>();
    for (const id of ids) {
      const n = dg.node(id) as { x: number; y: number; width: number; height: number };
      placed.set(id, {
        x: Math.round(n.x - n.width / 2),
        y: Math.round(n.y - n.height / 2),
        width: n.width,
        height: n.height,
      });
    }
    this.placed = placed;
  }
}
