/**
 * Instructor faults, carried out by the engine's 'faults' service (a node that stops, a pod killed, a
 * probe endpoint that starts failing, an image that can no longer be pulled). The service's short
 * description of what it did is the reply.
 */
import type { Cluster } from '../engine/cluster';
import type { FaultsService } from '../engine/faults';
import type { Fault, ReplyValue } from '../protocol/messages';

export function applyFault(cluster: Cluster, fault: Fault): ReplyValue {
  const faults = cluster.ctx.services.get('faults') as FaultsService | undefined;
  if (!faults) return { kind: 'error', message: 'fault injection is not available in this cluster' };
  switch (fault.type) {
    case 'stop-node':
      return { kind: 'ok', message: faults.stopNode(fault.node) };
    case 'kill-pod':
      return { kind: 'ok', message: faults.killPod(fault.namespace, fault.name) };
    case 'break-endpoint':
      return { kind: 'ok', message: faults.breakEndpoint(fault.namespace, fault.name, fault.probe) };
    case 'unpullable-image':
      return { kind: 'ok', message: faults.makeImageUnpullable(fault.image) };
  }
}
