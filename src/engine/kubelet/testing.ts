/** Test helpers for kubelet scenarios: a readable timeline of a pod's status changes and events. */
import type { StoredObject } from '../api/types';
import type { Cluster } from '../cluster';

interface Cs {
  name: string;
  ready: boolean;
  restartCount: number;
  state: {
    waiting?: { reason: string };
    running?: unknown;
    terminated?: { reason: string; exitCode: number };
  };
}

/** `Running app=running ready r0`: phase then each container's state, readiness and restarts. */
export function podSummary(pod: StoredObject): string {
  const cs = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])] as Cs[];
  const parts = cs.map((c) => {
    const s = c.state.waiting
      ? `waiting:${c.state.waiting.reason}`
      : c.state.running
        ? 'running'
        : c.state.terminated
          ? `terminated:${c.state.terminated.reason}(${c.state.terminated.exitCode})`
          : '?';
    return `${c.name}=${s}${c.ready ? ' ready' : ''} r${c.restartCount}`;
  });
  return [pod.status?.phase ?? 'Pending', ...parts].join(' ');
}

/** Record each distinct summary of the named pod with the virtual second (relative to `t0`) it appeared. */
export function recordTimeline(
  cluster: Cluster,
  namespace: string,
  name: string,
  t0 = cluster.clock.now(),
): string[] {
  const out: string[] = [];
  let last = '';
  cluster.api.watch('pods', undefined, (e) => {
    if (e.object.metadata.name !== name || e.object.metadata.namespace !== namespace) return;
    const s = e.type === 'DELETED' ? 'DELETED' : podSummary(e.object);
    if (s === last) return;
    last = s;
    out.push(`${((cluster.clock.now() - t0) / 1000).toFixed(1)}s ${s}`);
  });
  return out;
}

/** The pod's events, oldest first: `Reason: message` with `(xN)` when repeated. */
export function podEvents(cluster: Cluster, namespace: string, name: string): string[] {
  return cluster.api
    .list('events', { namespace })
    .filter(
      (e) =>
        (e.involvedObject as { name: string; kind: string }).name === name &&
        (e.involvedObject as { kind: string }).kind === 'Pod',
    )
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.reason}: ${e.message}${(e.count as number) > 1 ? ` (x${e.count})` : ''}`);
}
