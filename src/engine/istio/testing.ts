/** Test helpers: a cluster with Istio installed, an injected namespace and versioned sample workloads. */
import type { KObject, StoredObject } from '../api/types';
import type { Cluster } from '../cluster';
import type { Network } from '../network/network';
import { testCluster } from '../testing/fixtures';
import { installIstio } from './install';
import type { Mesh } from './mesh';

export const HELLO = (v: string) => `docker.io/istio/examples-helloworld-${v}:1.0`;
export const CURL = 'docker.io/curlimages/curl:8.16.0';

export function meshCluster(opts: { inject?: boolean } = {}): Cluster {
  const c = testCluster();
  installIstio(c.ctx, 'demo');
  if (opts.inject ?? true) labelInjection(c, 'default');
  return c;
}

export function labelInjection(c: Cluster, ns: string): void {
  c.api.patch('namespaces', undefined, ns, 'merge', {
    metadata: { labels: { 'istio-injection': 'enabled' } },
  });
}

export function versioned(app: string, version: string, image: string, port: number, replicas = 1): KObject {
  const labels = { app, version };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `${app}-${version}`, namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: app, image, ports: [{ containerPort: port }] }] },
      },
    },
  };
}

export function svc(name: string, port: number, targetPort = port): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort }] },
  };
}

/** A long-running curl client (the `sleep` sample). */
export function client(name = 'sleep', namespace = 'default', serviceAccountName = 'default'): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      serviceAccountName,
      containers: [{ name, image: CURL, command: ['/bin/sleep', 'infinity'] }],
    },
  };
}

/** The helloworld sample: its Service on port 5000 and Deployments v1 and v2. */
export function helloworld(): KObject[] {
  return [
    svc('helloworld', 5000),
    versioned('helloworld', 'v1', HELLO('v1'), 5000),
    versioned('helloworld', 'v2', HELLO('v2'), 5000),
  ];
}

/** A mesh with helloworld v1 + v2, a sleep client and `extra`, settled for a minute. */
export function helloworldMesh(extra: KObject[] = []): Cluster {
  const c = meshCluster();
  apply(c, [...helloworld(), client(), ...extra]);
  c.advance(60_000);
  return c;
}

/** A DestinationRule `name` for `host` with subsets v1 and v2 by the `version` label. */
export function versionSubsets(host = 'helloworld', name = 'helloworld'): KObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name, namespace: 'default' },
    spec: {
      host,
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    },
  };
}

/** The VirtualService `helloworld` for host helloworld with these http routes. */
export function helloworldRoutes(http: unknown[]): KObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'helloworld', namespace: 'default' },
    spec: { hosts: ['helloworld'], http },
  };
}

/** A VirtualService sending `v1` percent of helloworld's requests to subset v1, the rest to v2. */
export function weightedSplit(v1: number): KObject {
  return helloworldRoutes([
    {
      route: [
        { destination: { host: 'helloworld', subset: 'v1' }, weight: v1 },
        { destination: { host: 'helloworld', subset: 'v2' }, weight: 100 - v1 },
      ],
    },
  ]);
}

export function net(c: Cluster): Network {
  return c.ctx.services.get('network') as Network;
}

export function meshOf(c: Cluster): Mesh {
  return c.ctx.services.get('istio') as Mesh;
}

export function pod(c: Cluster, name: string, namespace = 'default'): StoredObject {
  const p = c.api.store.get('pods', namespace, name);
  if (!p) throw new Error(`pod ${namespace}/${name} not found`);
  return p;
}

export function apply(c: Cluster, objs: KObject[]): void {
  for (const o of objs) c.api.create(o);
}

/** The `version` label of the pod that answered each of n GETs. */
export function answeredBy(
  c: Cluster,
  from: StoredObject,
  url: string,
  n: number,
  headers: Record<string, string> = {},
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = net(c).request(from, url, { headers });
    const key = r.ok
      ? r.podName
        ? (c.api.store.get('pods', r.podName.split('/')[0], r.podName.split('/')[1])?.metadata.labels
            ?.version ?? r.podName)
        : String(r.status)
      : r.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
