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
  // A loop rather than `.some` with a closure: asked for every changed pod on every endpoints sync.
  const conditions: { type: string; status: string }[] | undefined = pod.status?.conditions;
  if (!conditions) return false;
  for (let i = 0; i < conditions.length; i++)
    if (conditions[i].type === 'Ready' && conditions[i].status === 'True') return true;
  return false;
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
  const fixed = fixedTargetPort(port);
  if (fixed !== undefined) return fixed;
  const target = (port.targetPort ?? port.port) as string;
  const protocol = port.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
    }
  }
  return undefined;
}

/** The target port of a Service port when it is a number (the same for every pod); undefined for a named port. */
/** A Service's ports as one kind of endpoint port, with a key naming them all. */
export interface SharedPorts<P> {
  ports: P[];
  key: string;
}

/**
 * A Service's endpoint ports and their key when every target port is a number (none named), hence the
 * same for all its pods: made once per stored Service (cached in `cache`) rather than once per pod. Null
 * when a port is named: each pod resolves it against its own containers.
 */
export function sharedPortsOf<P>(
  cache: WeakMap<StoredObject, SharedPorts<P> | null>,
  svc: StoredObject,
  toPort: (sp: ServicePortSpec, port: number) => P,
  keyOf: (ports: P[]) => string,
): SharedPorts<P> | null {
  let shared = cache.get(svc);
  if (shared === undefined) {
    const specs: ServicePortSpec[] = svc.spec?.ports ?? [];
    const ports: P[] = [];
    for (const sp of specs) {
      const port = fixedTargetPort(sp);
      if (port === undefined) break;
      ports.push(toPort(sp, port));
    }
    shared = ports.length === specs.length ? { ports, key: keyOf(ports) } : null;
    cache.set(svc, shared);
  }
  return shared;
}

export function fixedTargetPort(port: ServicePortSpec): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
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
 * they start (container statuses); when these stay the same the last endpoint is reused. Kept as the
 * pod's own values rather than one joined string: a cache entry per pod per controller holds it, and a
 * joined template string is a rope of a dozen pieces (~0.5 KB a pod at 100,000 pods).
 */
export interface EndpointSignature {
  ip: string | undefined;
  ready: boolean;
  phase: string | undefined;
  deletionTimestamp: string | undefined;
  nodeName: string | undefined;
  hostname: string | undefined;
  subdomain: string | undefined;
}

export function endpointSignature(pod: KObject): EndpointSignature {
  return {
    ip: pod.status?.podIP,
    ready: isPodReady(pod),
    phase: pod.status?.phase,
    deletionTimestamp: pod.metadata.deletionTimestamp,
    nodeName: pod.spec?.nodeName,
    hostname: pod.spec?.hostname,
    subdomain: pod.spec?.subdomain,
  };
}

/** Whether `pod` still has the signature `sig` was taken from. */
export function sameEndpointSignature(sig: EndpointSignature, pod: KObject): boolean {
  return (
    sig.ip === pod.status?.podIP &&
    sig.phase === pod.status?.phase &&
    sig.deletionTimestamp === pod.metadata.deletionTimestamp &&
    sig.nodeName === pod.spec?.nodeName &&
    sig.hostname === pod.spec?.hostname &&
    sig.subdomain === pod.spec?.subdomain &&
    sig.ready === isPodReady(pod)
  );
}
