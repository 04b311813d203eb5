/**
 * Per-kind registry strategies (pkg/registry/<group>/<kind>/strategy.go) the API server runs on create:
 * a new pod's Pending status and QoS class, a namespace's finalizer and phase, a Job's generated selector,
 * and which kinds keep metadata.generation.
 */

import type { KindStrategy } from '../api/kinds';
import type { KObject } from '../api/types';
import { encodeBase64 } from '../util/base64';
import { quantityValue } from './quantity';

/** Resources (ids) whose spec changes bump metadata.generation. */
export const GENERATION_KINDS = new Set([
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'horizontalpodautoscalers.autoscaling',
  'ingresses.networking.k8s.io',
  'networkpolicies.networking.k8s.io',
  'poddisruptionbudgets.policy',
  'customresourcedefinitions.apiextensions.k8s.io',
]);

const QOS_RESOURCES = ['cpu', 'memory'];

/** qos.GetPodQOS: Guaranteed, Burstable or BestEffort from the containers' cpu/memory requests and limits. */
type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * The class of the last pod seen per container `resources` object: pods of one template share those
 * objects (stored objects are never mutated), so a ReplicaSet's thousand pods are classified once.
 */
const qosCache = new WeakMap<object, { resources: unknown[]; qos: QOSClass }>();

export function podQOSClass(spec: any): QOSClass {
  const resources: unknown[] = [];
  for (const c of spec?.initContainers ?? []) resources.push(c.resources);
  for (const c of spec?.containers ?? []) resources.push(c.resources);
  const key = resources[0];
  if (key && typeof key === 'object') {
    const hit = qosCache.get(key);
    if (hit && hit.resources.length === resources.length && hit.resources.every((r, i) => r === resources[i]))
      return hit.qos;
    const qos = computeQOSClass(spec);
    qosCache.set(key, { resources, qos });
    return qos;
  }
  return computeQOSClass(spec);
}

function computeQOSClass(spec: any): QOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  for (const c of containers) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      const v = quantityValue(q);
      if (QOS_RESOURCES.includes(name) && v > 0) requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      const v = quantityValue(q);
      if (QOS_RESOURCES.includes(name) && v > 0) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0) + v);
      }
    }
    if (found.size !== QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, v] of requests) if (limits.get(name) !== v) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

const podStrategy: KindStrategy = {
  prepareForCreate(obj: KObject) {
    obj.status = { phase: 'Pending', qosClass: podQOSClass(obj.spec) };
  },
};

const namespaceStrategy: KindStrategy = {
  prepareForCreate(obj: KObject) {
    obj.spec = { ...obj.spec, finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  },
};

/** generateSelector: a Job selects its pods by its own uid unless `manualSelector` is true. */
const jobStrategy: KindStrategy = {
  generation: true,
  prepareForCreate(obj: KObject) {
    obj.status = {};
    const spec = obj.spec ?? {};
    if (spec.manualSelector === true) return;
    const uid = obj.metadata.uid as string;
    const name = obj.metadata.name as string;
    const generated = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    const template = spec.template ?? {};
    const labels = { ...(template.metadata?.labels ?? {}), ...generated };
    obj.spec = {
      ...spec,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { ...template, metadata: { ...template.metadata, labels } },
    };
    // SetDefaults_Job copies the template labels to an unlabelled Job; on a real server the next read does.
    if (
      Object.keys(obj.metadata.labels ?? {}).length === 0 ||
      sameKeys(obj.metadata.labels, template.metadata?.labels)
    ) {
      obj.metadata = { ...obj.metadata, labels };
    }
  },
};

function sameKeys(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => a?.[k] === b?.[k]);
}

/** Workloads start with an empty status (their controllers fill it). */
const emptyStatus: KindStrategy = {
  generation: true,
  prepareForCreate(obj: KObject) {
    obj.status = {};
  },
};

/** `stringData` is write-only: the API server merges it into `data` (base64) on create and update. */
const secretStrategy: KindStrategy = {
  defaults(obj: KObject) {
    const stringData = obj.stringData as Record<string, string> | undefined;
    if (!stringData) return;
    const data = { ...((obj.data as Record<string, string> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(stringData)) data[k] = encodeBase64(String(v));
    obj.data = data;
    delete obj.stringData;
  },
};

export const STRATEGIES: Record<string, KindStrategy> = {
  secrets: secretStrategy,
  pods: podStrategy,
  namespaces: namespaceStrategy,
  'jobs.batch': jobStrategy,
  'deployments.apps': emptyStatus,
  'replicasets.apps': emptyStatus,
  'statefulsets.apps': emptyStatus,
  'daemonsets.apps': emptyStatus,
};

/** The strategy hooks of a built-in resource (merged into its registration). */
export function strategyFor(resource: string): KindStrategy {
  return { ...(GENERATION_KINDS.has(resource) ? { generation: true } : {}), ...STRATEGIES[resource] };
}
