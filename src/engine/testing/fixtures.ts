/** Helpers for engine tests: a frozen-object cluster and small object builders. */

import type { KObject } from '../api/types';
import { type CreateClusterOptions, createCluster } from '../cluster';

export function testCluster(opts: CreateClusterOptions = {}) {
  return createCluster({ seed: 42, freezeObjects: true, ...opts });
}

export function deployment(
  name: string,
  replicas = 1,
  image = 'nginx:1.27',
  labels: Record<string, string> = { app: name },
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: name.replace(/[^a-z0-9-]/g, ''), image }] },
      },
    },
  };
}

export function pod(name: string, image = 'nginx:1.27', extra: Partial<KObject['spec']> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { run: name } },
    spec: { containers: [{ name, image }], ...extra },
  };
}

export function configMap(name: string, data: Record<string, string>, namespace = 'default'): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}
