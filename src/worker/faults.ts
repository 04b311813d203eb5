/**
 * Instructor faults, carried out by the engine's 'faults' service (a node that stops, a pod killed, a
 * probe endpoint that starts failing or is fixed, a slow start-up, an image that can no longer be
 * pulled). The service's short description of what it did is the reply.
 */
import type { Cluster } from '../engine/cluster';
import type { FaultsService } from '../engine/faults';
import { ownerWorkload } from '../engine/kubelet/fault-state';
import type { Fault, ReplyValue } from '../protocol/messages';

const CONVENTIONAL_PATH = { liveness: '/healthz', readiness: '/ready' } as const;

/** Whether the pod, or the Deployment's (StatefulSet's, DaemonSet's) pod template, has that probe. */
function hasProbe(
  cluster: Cluster,
  namespace: string,
  name: string,
  probe: 'liveness' | 'readiness',
): boolean {
  const store = cluster.api.store;
  const spec =
    store.get('pods', namespace, name)?.spec ??
    ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps']
      .map((r) => store.get(r, namespace, name)?.spec?.template?.spec)
      .find((s) => s !== undefined);
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])] as Record<
    string,
    unknown
  >[];
  return containers.some((c) => c[`${probe}Probe`] !== undefined);
}

export function applyFault(cluster: Cluster, fault: Fault): ReplyValue {
  const faults = cluster.ctx.services.get('faults') as FaultsService | undefined;
  if (!faults) return { kind: 'error', message: 'fault injection is not available in this cluster' };
  switch (fault.type) {
    case 'stop-node':
      return { kind: 'ok', message: faults.stopNode(fault.node) };
    case 'kill-pod':
      return { kind: 'ok', message: faults.killPod(fault.namespace, fault.name) };
    case 'break-endpoint': {
      // As `lab fault break-healthz|break-ready`: the target's probe whatever its path, else the
      // conventional endpoint (GET /healthz, GET /ready) answers 500.
      const what = hasProbe(cluster, fault.namespace, fault.name, fault.probe)
        ? fault.probe
        : CONVENTIONAL_PATH[fault.probe];
      return { kind: 'ok', message: faults.breakEndpoint(fault.namespace, fault.name, what) };
    }
    case 'fix-endpoint':
      // As `lab fault fix deploy/NAME`: also the faults put on the Deployment's pods one by one.
      for (const pod of cluster.api.store.list('pods', fault.namespace))
        if (ownerWorkload(cluster.ctx, pod) === fault.name)
          faults.fixEndpoint(fault.namespace, pod.metadata.name);
      return { kind: 'ok', message: faults.fixEndpoint(fault.namespace, fault.name) };
    case 'slow-startup':
      if (!(Number.isInteger(fault.seconds) && fault.seconds > 0 && fault.seconds <= 3600))
        return { kind: 'error', message: `start-up delay must be 1 to 3600 seconds, got ${fault.seconds}` };
      return { kind: 'ok', message: faults.slowStartup(fault.namespace, fault.name, fault.seconds) };
    case 'unpullable-image':
      return { kind: 'ok', message: faults.makeImageUnpullable(fault.image) };
  }
}
