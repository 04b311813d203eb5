/** Test helpers for probe + traffic scenarios: a Service in front of lab-image pods, and readable timelines. */
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { testCluster } from '../testing/fixtures';
import type { Traffic } from './traffic';

export type Env = Record<string, string>;
export type Probes = Record<string, unknown>;

export const httpProbe = (path: string, extra: Record<string, number> = {}, port = 8080) => ({
  httpGet: { path, port },
  ...extra,
});

export function container(image: string, env: Env, probes: Probes): Record<string, unknown> {
  return {
    name: 'app',
    image,
    ports: [{ containerPort: 8080 }],
    env: Object.entries(env).map(([name, value]) => ({ name, value })),
    ...probes,
  };
}

export function webService(name = 'web', selector: Record<string, string> = { app: name }): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector, ports: [{ port: 80, targetPort: 8080 }] },
  };
}

export function labDeployment(
  name: string,
  replicas: number,
  image: string,
  env: Env,
  probes: Probes,
): KObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [container(image, env, probes)] } },
    },
  };
}

export function labPod(name: string, image: string, env: Env, probes: Probes, node = 'node-1'): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { nodeName: node, containers: [container(image, env, probes)] },
  };
}

export function trafficOf(c: Cluster): Traffic {
  return c.ctx.services.get('traffic') as Traffic;
}

/** `12.3s ready=1 notReady=0` each time the Service's Endpoints change, relative to t0. */
export function recordEndpoints(c: Cluster, name: string, t0 = c.clock.now()): string[] {
  const out: string[] = [];
  let last = '';
  c.api.watch('endpoints', undefined, (e) => {
    if (e.object.metadata.name !== name || e.object.metadata.namespace !== 'default') return;
    const subsets = (e.object.subsets ?? []) as { addresses?: unknown[]; notReadyAddresses?: unknown[] }[];
    const subset = subsets[0] ?? {};
    const s = `ready=${subset.addresses?.length ?? 0} notReady=${subset.notReadyAddresses?.length ?? 0}`;
    if (s === last) return;
    last = s;
    out.push(`${((c.clock.now() - t0) / 1000).toFixed(1)}s ${s}`);
  });
  return out;
}

/** A fresh cluster with Service `web` (selector app=web) already created. */
export function clusterWithService(): Cluster {
  const c = testCluster();
  c.api.create(webService());
  return c;
}

/** Seconds of a Service's series (relative to t0) that had errors, as `[first, last]`, or undefined. */
export function errorSpan(
  c: Cluster,
  service: string,
  t0: number,
  seconds = 300,
): [number, number] | undefined {
  const pts = trafficOf(c)
    .series('service', service, seconds)
    .filter((p) => p.errors > 0);
  if (pts.length === 0) return undefined;
  return [(pts[0].atMs - t0) / 1000, (pts[pts.length - 1].atMs - t0) / 1000];
}
