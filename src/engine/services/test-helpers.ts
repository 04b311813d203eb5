/** Builders for the Service machinery's tests: Services and pods whose status a test sets as a kubelet would. */
import type { ApiServer } from '../api/apiserver';
import type { KObject, StoredObject } from '../api/types';

export function serviceObject(
  name: string,
  spec: Record<string, unknown> = {},
  namespace = 'default',
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], ...spec },
  };
}

export interface PodOptions {
  labels?: Record<string, string>;
  ip?: string;
  node?: string;
  ready?: boolean;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  namespace?: string;
  spec?: Record<string, unknown>;
}

/** Create a pod and give it the status a kubelet would write once it runs. */
export function runningPod(api: ApiServer, name: string, opts: PodOptions = {}): StoredObject {
  const created = api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', labels: opts.labels ?? { app: 'web' } },
    spec: {
      nodeName: opts.node ?? 'node-1',
      containers: [{ name: 'app', image: 'nginx:1.27', ...(opts.ports ? { ports: opts.ports } : {}) }],
      ...opts.spec,
    },
  });
  return setPodStatus(api, created, opts.ip ?? '10.244.1.10', opts.ready ?? true);
}

export function setPodStatus(api: ApiServer, pod: StoredObject, ip: string, ready: boolean): StoredObject {
  const current = api.get('pods', pod.metadata.namespace, pod.metadata.name);
  return api.updateStatus({
    ...current,
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  });
}
