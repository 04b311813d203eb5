/**
 * Container configuration the kubelet assembles before creating a container: environment variables
 * (env, envFrom, downward API, service links) and volume contents. Missing references give the
 * kubelet's errors (CreateContainerConfigError / FailedMount).
 */
import type { ApiServer } from '../api/apiserver';
import type { KObject, StoredObject } from '../api/types';
import { bytes, milliCPU, parseQuantity } from '../scheduler/resources';
import { decodeBase64 } from '../util/base64';

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

export { decodeBase64 } from '../util/base64';

/** A Secret's values as text (data is base64; stringData if the API server has not merged it). */
export function secretData(secret: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((secret.data ?? {}) as Record<string, string>))
    out[k] = decodeBase64(v);
  for (const [k, v] of Object.entries((secret.stringData ?? {}) as Record<string, string>)) out[k] = v;
  return out;
}

export function configMapData(cm: KObject): Record<string, string> {
  const out: Record<string, string> = { ...((cm.data ?? {}) as Record<string, string>) };
  for (const [k, v] of Object.entries((cm.binaryData ?? {}) as Record<string, string>))
    out[k] = decodeBase64(v);
  return out;
}

export interface PodFacts {
  podIP: string;
  hostIP: string;
  nodeAllocatable: { cpu: number; memory: number };
}

/** A downward API field (`metadata.name`, `metadata.labels['app']`, `status.podIP`...). */
export function fieldValue(pod: StoredObject, path: string, facts: PodFacts): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return pod.metadata[m[1] as 'labels' | 'annotations']?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'metadata.labels':
      return Object.entries(pod.metadata.labels ?? {})
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n');
    case 'metadata.annotations':
      return Object.entries(pod.metadata.annotations ?? {})
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n');
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
      return facts.podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return facts.hostIP;
  }
  return '';
}

function resourceField(
  container: KObject['spec'],
  ref: { resource: string; divisor?: string },
  facts: PodFacts,
): string {
  const [kind, res] = ref.resource.split('.');
  const list = container.resources?.[kind] ?? {};
  const fallback =
    kind === 'limits' ? (res === 'cpu' ? facts.nodeAllocatable.cpu / 1000 : facts.nodeAllocatable.memory) : 0;
  const raw =
    list[res] !== undefined ? (res === 'cpu' ? milliCPU(list[res]) / 1000 : bytes(list[res])) : fallback;
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  return String(Math.ceil(raw / divisor));
}

/** `$(VAR)` references to earlier variables are expanded; `$$(VAR)` escapes. */
function expandRefs(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) =>
    m === '$$' ? '$' : name in env ? env[name] : m,
  );
}

/** Service links: the env vars docker-links style for every Service in the namespace (and `kubernetes`). */
export function serviceEnv(api: ApiServer, pod: StoredObject): Record<string, string> {
  return { ...sharedServiceEnv(api, pod) };
}

/**
 * The Service variables of the pod's namespace as one frozen object, the same for every pod until a
 * Service changes (containerEnv builds from a frozen one without looking at its keys again).
 */
function sharedServiceEnv(api: ApiServer, pod: StoredObject): Readonly<Record<string, string>> {
  const ns = pod.metadata.namespace ?? 'default';
  const services = pod.spec?.enableServiceLinks === false ? [] : api.store.list('services', ns);
  const master = api.store.get('services', 'default', 'kubernetes');
  const all = master && ns !== 'default' ? [master, ...services] : services;
  // Every pod of a namespace gets the same variables until a Service changes: built once and shared
  // (the values are kept by each container's environment).
  let perApi = serviceEnvCache.get(api);
  if (!perApi) {
    perApi = new Map();
    serviceEnvCache.set(api, perApi);
  }
  const cached = perApi.get(ns);
  if (cached && sameItems(cached.services, all)) return cached.env;
  const env = Object.freeze(buildServiceEnv(all));
  perApi.set(ns, { services: all, env });
  return env;
}

function sameItems<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const serviceEnvCache = new WeakMap<
  ApiServer,
  Map<string, { services: StoredObject[]; env: Readonly<Record<string, string>> }>
>();

function buildServiceEnv(all: StoredObject[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const svc of all) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const name = svc.metadata.name.toUpperCase().replace(/-/g, '_');
    const ports = (svc.spec?.ports ?? []) as { name?: string; port: number; protocol?: string }[];
    if (ports.length === 0) continue;
    out[`${name}_SERVICE_HOST`] = ip;
    out[`${name}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports)
      if (p.name) out[`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    const proto0 = (ports[0].protocol ?? 'TCP').toLowerCase();
    out[`${name}_PORT`] = `${proto0}://${ip}:${ports[0].port}`;
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const prefix = `${name}_PORT_${p.port}_${proto}`;
      out[prefix] = `${proto.toLowerCase()}://${ip}:${p.port}`;
      out[`${prefix}_PROTO`] = proto.toLowerCase();
      out[`${prefix}_PORT`] = String(p.port);
      out[`${prefix}_ADDR`] = ip;
    }
  }
  return out;
}

/**
 * The container's environment as the runtime sets it, or the CreateContainerConfigError message. Read
 * only: a container that sets no variables of its own gets the namespace's shared (frozen) object.
 * `facts` (the pod's and node's addresses and sizes) is asked for only by the downward API variables.
 */
export function resolveEnv(
  api: ApiServer,
  pod: StoredObject,
  container: KObject['spec'],
  facts: () => PodFacts,
): Result<Readonly<Record<string, string>>> {
  if (!container.envFrom?.length && !container.env?.length)
    return { ok: true, value: sharedServiceEnv(api, pod) };
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = serviceEnv(api, pod);
  for (const src of (container.envFrom ?? []) as {
    prefix?: string;
    configMapRef?: { name: string; optional?: boolean };
    secretRef?: { name: string; optional?: boolean };
  }[]) {
    if (src.configMapRef) {
      const cm = api.store.get('configmaps', ns, src.configMapRef.name);
      if (!cm) {
        if (src.configMapRef.optional) continue;
        return { ok: false, message: `configmap "${src.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(configMapData(cm))) env[(src.prefix ?? '') + k] = v;
    } else if (src.secretRef) {
      const s = api.store.get('secrets', ns, src.secretRef.name);
      if (!s) {
        if (src.secretRef.optional) continue;
        return { ok: false, message: `secret "${src.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(secretData(s))) env[(src.prefix ?? '') + k] = v;
    }
  }
  for (const e of (container.env ?? []) as {
    name: string;
    value?: string;
    valueFrom?: Record<string, any>;
  }[]) {
    if (!e.valueFrom) {
      env[e.name] = expandRefs(e.value ?? '', env);
      continue;
    }
    const vf = e.valueFrom;
    if (vf.configMapKeyRef) {
      const ref = vf.configMapKeyRef;
      const cm = api.store.get('configmaps', ns, ref.name);
      if (!cm) {
        if (ref.optional) continue;
        return { ok: false, message: `configmap "${ref.name}" not found` };
      }
      const data = configMapData(cm);
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` };
      }
      env[e.name] = data[ref.key];
    } else if (vf.secretKeyRef) {
      const ref = vf.secretKeyRef;
      const s = api.store.get('secrets', ns, ref.name);
      if (!s) {
        if (ref.optional) continue;
        return { ok: false, message: `secret "${ref.name}" not found` };
      }
      const data = secretData(s);
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}` };
      }
      env[e.name] = data[ref.key];
    } else if (vf.fieldRef) {
      env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath, facts());
    } else if (vf.resourceFieldRef) {
      env[e.name] = resourceField(container, vf.resourceFieldRef, facts());
    }
  }
  return { ok: true, value: env };
}
