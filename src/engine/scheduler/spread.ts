/** PodTopologySpread's hard constraints (whenUnsatisfiable: DoNotSchedule). */
import { fromLabelSelector, matches } from '../api/selectors';
import type { CycleState } from './filters';
import { nodeMatchesPod } from './match';
import type { NodeInfo } from './snapshot';

/** PreFilter of PodTopologySpread: matching pod counts per topology value for each hard constraint. */
export function prepareSpread(state: CycleState, nodes: NodeInfo[]): void {
  const pod = state.pod;
  const ns = pod.metadata.namespace ?? 'default';
  const hard = (
    (pod.spec?.topologySpreadConstraints ?? []) as {
      topologyKey: string;
      maxSkew: number;
      whenUnsatisfiable?: string;
      labelSelector?: unknown;
    }[]
  ).filter((c) => (c.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule');
  if (hard.length === 0) return;
  state.spread = hard.map((c) => {
    const sel = fromLabelSelector(c.labelSelector as never);
    const counts = new Map<string, number>();
    for (const n of nodes) {
      const v = n.node.metadata.labels?.[c.topologyKey];
      if (v === undefined || !nodeMatchesPod(pod, n.node)) continue;
      let count = counts.get(v) ?? 0;
      for (const p of n.pods.values())
        if ((p.metadata.namespace ?? 'default') === ns && sel && matches(sel, p.metadata.labels)) count++;
      counts.set(v, count);
    }
    const min = counts.size ? Math.min(...counts.values()) : 0;
    return { key: c.topologyKey, maxSkew: c.maxSkew, counts, hard: true, min };
  });
}
