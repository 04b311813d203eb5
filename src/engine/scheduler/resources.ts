/**
 * Resource quantities and a pod's effective requests, as the scheduler and kubelet compute them:
 * requests = max(sum of app containers (+ restartable init containers), largest init container) + overhead.
 */

import type { KObject } from '../api/types';
import { BINARY, DECIMAL } from '../schema/quantity';

/** A quantity as a number of base units (cores, bytes, pods); NaN when malformed. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === null) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?\d*\.?\d+(?:[eE][+-]?\d+)?)([a-zA-Z]{0,2})$/.exec(q.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  const suffix = m[2];
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return Number.NaN;
}

/** CPU in millicores (rounded up as the API server does). */
export const milliCPU = (q: string | number | undefined) => Math.ceil(parseQuantity(q) * 1000 - 1e-9);
export const bytes = (q: string | number | undefined) => Math.ceil(parseQuantity(q) - 1e-9);

export interface Resources {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  'ephemeral-storage': number;
  /** extended resources (nvidia.com/gpu ...), in units */
  [name: string]: number;
}

export const zero = (): Resources => ({ cpu: 0, memory: 0, 'ephemeral-storage': 0 });

function fromList(list: Record<string, string> | undefined): Resources {
  const r = zero();
  for (const [k, v] of Object.entries(list ?? {})) r[k] = k === 'cpu' ? milliCPU(v) : bytes(v);
  return r;
}

function addInto(a: Resources, b: Resources): void {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
}

function maxInto(a: Resources, b: Resources): void {
  for (const [k, v] of Object.entries(b)) a[k] = Math.max(a[k] ?? 0, v);
}

interface ContainerLike {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  restartPolicy?: string;
}

/** Requests default to limits when only limits are set (the API server's defaulting). */
function containerRequests(c: ContainerLike): Resources {
  return fromList({ ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) });
}

/**
 * Computed once per pod spec: stored specs are never mutated and every later version of a pod (status
 * writes, binding) shares its spec object, so the scheduler and kubelets reuse one result. Callers must
 * treat the result as read-only.
 */
const requestsBySpec = new WeakMap<object, Resources>();

/**
 * Pods with one container, no init containers and no overhead (nearly every pod a controller makes): their
 * requests depend on nothing but that container's `resources` object, which every pod of a template
 * shares, so a 1,000-pod scale-up parses one set of quantities instead of one per pod (each pod has its
 * own spec, and binding gives it another).
 */
const requestsByResources = new WeakMap<object, Resources>();
let noResourcesRequests: Resources | undefined;

function singleContainerRequests(spec: KObject['spec']): Resources | undefined {
  const containers = spec.containers as ContainerLike[] | undefined;
  if (containers?.length !== 1 || spec.initContainers?.length || spec.overhead !== undefined)
    return undefined;
  const resources = containers[0].resources;
  if (resources === undefined || resources === null) {
    noResourcesRequests ??= computeRequests({ containers });
    return noResourcesRequests;
  }
  if (typeof resources !== 'object') return undefined;
  let r = requestsByResources.get(resources);
  if (!r) {
    r = computeRequests({ containers });
    requestsByResources.set(resources, r);
  }
  return r;
}

/** The pod's effective requests (what NodeResourcesFit compares with allocatable). */
export function podRequests(pod: KObject): Resources {
  const spec = pod.spec;
  if (!spec) return computeRequests({});
  const shared = singleContainerRequests(spec);
  if (shared) return shared;
  let r = requestsBySpec.get(spec);
  if (!r) {
    r = computeRequests(spec);
    requestsBySpec.set(spec, r);
  }
  return r;
}

function computeRequests(spec: KObject['spec']): Resources {
  const sum = zero();
  for (const c of (spec.containers ?? []) as ContainerLike[]) addInto(sum, containerRequests(c));
  // Sidecars (restartable init containers) run alongside the app containers, so they add up.
  const initMax = zero();
  const sidecars = zero();
  for (const c of (spec.initContainers ?? []) as ContainerLike[]) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addInto(sidecars, r);
      addInto(sum, r);
    } else {
      const withSidecars = { ...r };
      addInto(withSidecars, sidecars);
      maxInto(initMax, withSidecars);
    }
  }
  maxInto(sum, initMax);
  addInto(sum, fromList(spec.overhead));
  return sum;
}

/** The pod's summed limits (containers), for kubectl describe node's Limits column. */
export function podLimits(pod: KObject): Resources {
  const sum = zero();
  for (const c of (pod.spec?.containers ?? []) as ContainerLike[])
    addInto(sum, fromList(c.resources?.limits));
  return sum;
}

/** Parsed once per allocatable object (heartbeats keep sharing it while it does not change). Read-only. */
const allocatableByList = new WeakMap<object, Resources & { pods: number }>();

/** Node allocatable as numbers (read-only: shared by every caller). */
export function nodeAllocatable(node: KObject): Resources & { pods: number } {
  const list = node.status?.allocatable;
  if (!list) return { ...zero(), pods: 110 };
  let a = allocatableByList.get(list);
  if (!a) {
    a = { ...fromList(list), pods: parseQuantity(list.pods ?? '110') };
    allocatableByList.set(list, a);
  }
  return a;
}
