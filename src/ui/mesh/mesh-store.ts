/**
 * The page's copy of the mesh telemetry the worker sends while the Mesh view is open (`mesh-watch`).
 * Kept apart from the object mirror: it changes every simulated second and only the Mesh view reads it.
 */
import { create } from 'zustand';
import type { MeshNodeView, MeshSeries, MeshState, WorkerMessage } from '../../protocol/messages';

export interface MeshStore {
  state?: MeshState;
  /** The state's nodes by id (each graph node reads its own). */
  byId: Map<string, MeshNodeView>;
  /** The focused node's series (the charts). */
  series?: MeshSeries;
  /** The node whose charts are shown (`workload:ns/name` / `service:ns/name`). */
  focus?: string;
  /** Graph, or the same data as tables. */
  mode: 'graph' | 'table';
}

export const useMesh = create<MeshStore>(() => ({ byId: new Map(), mode: 'graph' }));

export function applyMeshMessage(msg: Extract<WorkerMessage, { type: 'mesh' }>): void {
  const { focus } = useMesh.getState();
  useMesh.setState({
    state: msg.state,
    byId: new Map(msg.state.nodes.map((n) => [n.id, n])),
    // A series that arrives after the focus moved on belongs to the old node.
    ...(msg.series && msg.series.focus === focus ? { series: msg.series } : {}),
  });
}

/** Show a node's charts (again: hide them). */
export function toggleFocus(id: string): void {
  const { focus } = useMesh.getState();
  useMesh.setState(focus === id ? { focus: undefined, series: undefined } : { focus: id, series: undefined });
}
