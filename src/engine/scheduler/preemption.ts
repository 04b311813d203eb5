/**
 * DefaultPreemption (PostFilter): on nodes where removing lower-priority pods would let the pod fit,
 * pick the node needing the fewest, lowest-priority victims, evict them and nominate the node.
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { type CycleState, type FilterFailure, resourcesFit } from './filters';
import type { NodeInfo } from './snapshot';

export interface PreemptionResult {
  /** The `preemption: ...` part of FailedScheduling, or undefined when preemption succeeded. */
  message?: string;
  node?: string;
  victims: StoredObject[];
}

const priorityOf = (p: StoredObject) => (p.spec?.priority as number | undefined) ?? 0;

export function preempt(
  s: CycleState,
  nodes: NodeInfo[],
  failures: Map<string, FilterFailure>,
): PreemptionResult {
  const total = nodes.length;
  if (s.pod.spec?.preemptionPolicy === 'Never')
    return { message: 'preemption: not eligible due to preemptionPolicy=Never.', victims: [] };
  const myPriority = priorityOf(s.pod);
  const counts = new Map<string, number>();
  const add = (r: string) => counts.set(r, (counts.get(r) ?? 0) + 1);
  let best: { node: NodeInfo; victims: StoredObject[] } | undefined;
  for (const n of nodes) {
    const f = failures.get(n.node.metadata.name);
    if (!f || f.unresolvable) {
      add('Preemption is not helpful for scheduling');
      continue;
    }
    // Remove lower-priority pods, lowest first, until the pod fits (resources and pod count only).
    const candidates = [...n.pods.values()]
      .filter((p) => priorityOf(p) < myPriority)
      .sort((a, b) => priorityOf(a) - priorityOf(b));
    const victims: StoredObject[] = [];
    const requested = { ...n.requested };
    let podCount = n.pods.size;
    const fits = () =>
      resourcesFit(s.requests, { ...n, requested, pods: { size: podCount } as Map<string, StoredObject> })
        .length === 0;
    for (const v of candidates) {
      if (fits()) break;
      victims.push(v);
      podCount--;
      const r = s.snapshot.requestsOf(v);
      for (const [k, val] of Object.entries(r)) requested[k] = (requested[k] ?? 0) - val;
    }
    if (!fits() || f.reasons.some((r) => !r.startsWith('Insufficient') && r !== 'Too many pods')) {
      add('No preemption victims found for incoming pod');
      continue;
    }
    if (!best || victims.length < best.victims.length) best = { node: n, victims };
  }
  if (best?.victims.length) return { node: best.node.node.metadata.name, victims: best.victims };
  const parts = [...counts.entries()].map(([r, c]) => `${c} ${r}`).sort();
  return { message: `preemption: 0/${total} nodes are available: ${parts.join(', ')}.`, victims: [] };
}

const SCHEDULER_NAME = 'default-scheduler';

/** Evict the victims (DisruptionTarget + delete) and nominate the node for the preemptor. */
export function evictVictims(
  ctx: EngineContext,
  pod: StoredObject,
  node: string,
  victims: StoredObject[],
): void {
  for (const v of victims) {
    ctx.events.record(v, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${node}`, {
      component: SCHEDULER_NAME,
    });
    try {
      const conditions = ((v.status?.conditions ?? []) as { type: string }[]).filter(
        (x) => x.type !== 'DisruptionTarget',
      );
      const marked = ctx.api.updateStatus({
        ...v,
        status: {
          ...v.status,
          conditions: [
            ...conditions,
            {
              type: 'DisruptionTarget',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: ctx.clock.nowISO(),
              reason: 'PreemptionByScheduler',
              message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
            },
          ],
        },
      });
      ctx.api.delete('pods', marked.metadata.namespace, marked.metadata.name);
    } catch {
      // already gone
    }
  }
  try {
    const cur = ctx.api.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    if (cur) ctx.api.updateStatus({ ...cur, status: { ...cur.status, nominatedNodeName: node } });
  } catch {
    // best effort, as the real nominator
  }
}
