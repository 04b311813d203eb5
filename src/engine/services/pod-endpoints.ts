/** What both endpoints controllers need to know about a pod: whether it belongs, whether it is ready, its ports. */
import type { KObject, StoredObject } from '../api/types';
import { parseIPv4 } from './ipv4';

export interface ServicePortSpec {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
  nodePort?: number;
}

export function isPodReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}

/**
 * Whether a pod gets an endpoint at all: it needs an IP, must not have finished (a restartPolicy Always
 * pod never counts as finished), and terminating pods only count when the caller includes them.
 */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  const restart = pod.spec?.restartPolicy ?? 'Always';
  const phase = pod.status?.phase;
  if (restart === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (restart === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

/** The container port a service port reaches on this pod; undefined when a named port is not declared. */
export function resolveTargetPort(pod: KObject, port: ServicePortSpec): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
    }
  }
  return undefined;
}

export function targetRef(pod: StoredObject): Record<string, string> {
  return {
    kind: 'Pod',
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    uid: pod.metadata.uid,
  };
}

/** A pod's DNS hostname under a headless Service: spec.hostname when spec.subdomain names the Service. */
export function podHostname(pod: KObject, serviceName: string): string | undefined {
  return pod.spec?.hostname && pod.spec?.subdomain === serviceName ? pod.spec.hostname : undefined;
}

/** Addresses sort by their numeric value, as the endpoints controller's repacking does. */
export function compareIPs(a: string, b: string): number {
  return (parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0);
}

export function isHeadless(svc: KObject): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** Labels the controllers copy from the Service onto its Endpoints / EndpointSlices. */
export function serviceLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (isHeadless(svc)) labels['service.kubernetes.io/headless'] = '';
  return labels;
}

/**
 * Everything about a pod an endpoint depends on (a pod's ports cannot change). Pods change often while
 * they start (container statuses); when this signature stays the same the last endpoint is reused.
 */
export function endpointSignature(pod: KObject): string {
  return `${pod.status?.podIP ?? ''}|${isPodReady(pod)}|${pod.status?.phase ?? ''}|${pod.metadata.deletionTimestamp ?? ''}|${pod.spec?.nodeName ?? ''}|${pod.spec?.hostname ?? ''}|${pod.spec?.subdomain ?? ''}`;
}
