/**
 * Instructor faults, carried out by the engine's 'faults' service (a node that stops, a pod killed, a
 * probe endpoint that starts failing, an image that can no longer be pulled).
 */
import type { Cluster } from '../engine/cluster';
import type { Fault, ReplyValue } from '../protocol/messages';

export interface FaultsService {
  stopNode(name: string): void;
  killPod(namespace: string, name: string): void;
  breakEndpoint(namespace: string, name: string, probe: 'readiness' | 'liveness'): void;
  makeImageUnpullable(image: string): void;
}

export function applyFault(cluster: Cluster, fault: Fault): ReplyValue {
  const faults = cluster.ctx.services.get('faults') as FaultsService | undefined;
  if (!faults) return { kind: 'error', message: 'fault injection is not available in this cluster' };
  switch (fault.type) {
    case 'stop-node':
      faults.stopNode(fault.node);
      break;
    case 'kill-pod':
      faults.killPod(fault.namespace, fault.name);
      break;
    case 'break-endpoint':
      faults.breakEndpoint(fault.namespace, fault.name, fault.probe);
      break;
    case 'unpullable-image':
      faults.makeImageUnpullable(fault.image);
      break;
  }
  return { kind: 'ok' };
}
