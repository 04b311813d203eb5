import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../engine/api/types';
import { podReferences, toView } from './object-views';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  resourceVersion: '1',
  creationTimestamp: '2025-01-15T09:00:00Z',
  ...extra,
});

describe('toView', () => {
  it('summarises a pod with the status text from the printer, READY, restarts and references', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta('web-1', {
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-x', uid: 'rs1', controller: true },
        ],
      }),
      spec: {
        nodeName: 'node-1',
        containers: [
          { name: 'a', image: 'nginx', envFrom: [{ configMapRef: { name: 'settings' } }] },
          {
            name: 'b',
            image: 'nginx',
            env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'p' } } }],
          },
        ],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
      status: {
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2 },
          { name: 'b', ready: false, restartCount: 1 },
        ],
      },
    } as unknown as StoredObject;
    expect(toView('pods', pod, () => 'CrashLoopBackOff')).toEqual({
      uid: 'uid-web-1',
      kind: 'Pod',
      name: 'web-1',
      namespace: 'default',
      status: 'CrashLoopBackOff',
      labels: { app: 'web' },
      ownerUid: 'rs1',
      ready: '1/2',
      restarts: 3,
      podReady: false,
      nodeName: 'node-1',
      uses: [
        { kind: 'ConfigMap', name: 'settings' },
        { kind: 'PersistentVolumeClaim', name: 'data' },
        { kind: 'Secret', name: 'creds' },
      ],
    });
  });

  it('gives workloads ready/desired, Services their selector and Ingresses their backends', () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('web'),
      spec: { replicas: 3 },
      status: { readyReplicas: 2 },
    } as unknown as StoredObject;
    expect(toView('deployments.apps', deploy, () => '')).toMatchObject({ status: '2/3', ready: '2/3' });
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('web'),
      spec: { selector: { app: 'web' } },
    } as unknown as StoredObject;
    expect(toView('services', svc, () => '')).toMatchObject({
      status: 'ClusterIP',
      selector: { app: 'web' },
    });
    const ing = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta('web'),
      spec: {
        defaultBackend: { service: { name: 'b' } },
        rules: [{ http: { paths: [{ backend: { service: { name: 'a' } } }] } }],
      },
    } as unknown as StoredObject;
    expect(toView('ingresses.networking.k8s.io', ing, () => '')?.backends).toEqual(['a', 'b']);
    expect(toView('events', deploy, () => '')).toBeUndefined();
  });

  it('finds projected ConfigMaps and Secrets', () => {
    expect(
      podReferences({
        volumes: [{ projected: { sources: [{ configMap: { name: 'c' } }, { secret: { name: 's' } }] } }],
      }),
    ).toEqual([
      { kind: 'ConfigMap', name: 'c' },
      { kind: 'Secret', name: 's' },
    ]);
  });
});
