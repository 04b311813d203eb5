/**
 * What a ResourceQuota counts (pkg/quota/v1/evaluator/core): pods and their cpu/memory requests and
 * limits, claims and their storage, and object counts (`services`, `count/deployments.apps`, ...).
 */
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';
import { canonicalQuantity, quantityValue } from '../schema/quantity';

/** Legacy object-count names and the resource each counts. */
const LEGACY_COUNTS: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

function podIsTerminal(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** A pod's effective cpu/memory: the larger of the init containers' maximum and the containers' sum. */
function podAmount(pod: KObject, kind: 'requests' | 'limits', res: string): number {
  let sum = 0;
  for (const c of pod.spec?.containers ?? []) sum += quantityValue(c.resources?.[kind]?.[res] ?? 0) || 0;
  let initMax = 0;
  for (const c of pod.spec?.initContainers ?? [])
    initMax = Math.max(initMax, quantityValue(c.resources?.[kind]?.[res] ?? 0) || 0);
  return Math.max(sum, initMax);
}

/** The amount one object adds to a quota resource (undefined when it does not count for it). */
export function usageOf(resource: string, obj: KObject, rid: string): number | undefined {
  if (resource.startsWith('count/')) return resource.slice(6) === rid ? 1 : undefined;
  if (LEGACY_COUNTS[resource]) {
    if (LEGACY_COUNTS[resource] !== rid) return undefined;
    return rid === 'pods' && podIsTerminal(obj) ? 0 : 1;
  }
  if (rid === 'pods') {
    if (podIsTerminal(obj)) return 0;
    const m =
      /^(requests|limits)\.(cpu|memory|ephemeral-storage)$/.exec(resource) ??
      /^()(cpu|memory)$/.exec(resource);
    if (!m) return undefined;
    return podAmount(obj, m[1] === 'limits' ? 'limits' : 'requests', m[2]);
  }
  if (rid === 'persistentvolumeclaims' && resource === 'requests.storage') {
    return quantityValue(obj.spec?.resources?.requests?.storage ?? 0) || 0;
  }
  if (rid === 'services') {
    if (resource === 'services.nodeports') {
      return obj.spec?.type === 'NodePort' || obj.spec?.type === 'LoadBalancer'
        ? (obj.spec?.ports ?? []).length
        : 0;
    }
    if (resource === 'services.loadbalancers') return obj.spec?.type === 'LoadBalancer' ? 1 : 0;
  }
  return undefined;
}

/** Resource ids a quota resource name can count. */
export function resourcesCounted(resource: string): string[] {
  if (resource.startsWith('count/')) return [resource.slice(6)];
  if (LEGACY_COUNTS[resource]) return [LEGACY_COUNTS[resource]];
  if (resource === 'requests.storage') return ['persistentvolumeclaims'];
  if (resource.startsWith('services.')) return ['services'];
  return ['pods'];
}

/** Current usage of every resource in `hard`, computed from the namespace's objects. */
export function computeUsed(
  ctx: EngineContext,
  namespace: string,
  hard: Record<string, unknown>,
): Record<string, number> {
  const used: Record<string, number> = {};
  for (const resource of Object.keys(hard)) {
    let total = 0;
    for (const rid of resourcesCounted(resource)) {
      if (!ctx.api.kinds.get(rid)) continue;
      for (const obj of ctx.api.store.list(rid, namespace)) total += usageOf(resource, obj, rid) ?? 0;
    }
    used[resource] = total;
  }
  return used;
}

/** A usage number as the quota prints it: a count, or a canonical quantity. */
export function formatUsage(resource: string, value: number): string {
  if (/memory|storage/.test(resource)) {
    return canonicalQuantity(
      Number.isInteger(value) && value % 1024 === 0 && value > 0 ? `${value / 1024}Ki` : value,
    );
  }
  return canonicalQuantity(value);
}
