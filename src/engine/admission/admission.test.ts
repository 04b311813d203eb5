/** The admission chain: service account token volume, default tolerations, priority, LimitRange, quota. */
import { describe, expect, it } from 'vitest';
import type { StatusError } from '../api/errors';
import type { KObject } from '../api/types';
import { pod, testCluster } from '../testing/fixtures';

function fail(f: () => unknown): StatusError {
  try {
    f();
  } catch (err) {
    return err as StatusError;
  }
  throw new Error('the request was accepted');
}

describe('ServiceAccount', () => {
  it('mounts the projected kube-api-access volume in every container, deterministically', () => {
    const make = () => {
      const c = testCluster({ nodes: 1 });
      return c.api.create({
        ...pod('two'),
        spec: {
          initContainers: [{ name: 'init', image: 'busybox:1.36' }],
          containers: [
            { name: 'a', image: 'nginx:1.27' },
            { name: 'b', image: 'nginx:1.27' },
          ],
        },
      });
    };
    const p = make();
    const vol = p.spec.volumes[0].name;
    expect(p.spec.serviceAccountName).toBe('default');
    for (const c of [...p.spec.initContainers, ...p.spec.containers]) {
      expect(c.volumeMounts).toEqual([
        { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol, readOnly: true },
      ]);
    }
    expect(make().spec.volumes[0].name).toBe(vol);
  });

  it('skips the token when automountServiceAccountToken is false', () => {
    const c = testCluster({ nodes: 1 });
    const p = c.api.create({
      ...pod('quiet'),
      spec: { automountServiceAccountToken: false, containers: [{ name: 'a', image: 'nginx:1.27' }] },
    });
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it('rejects a pod naming a service account that does not exist', () => {
    const c = testCluster({ nodes: 1 });
    const err = fail(() =>
      c.api.create({
        ...pod('sa'),
        spec: { serviceAccountName: 'robot', containers: [{ name: 'a', image: 'nginx:1.27' }] },
      }),
    );
    expect(err.toKubectl()).toBe(
      'Error from server (Forbidden): pods "sa" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });
});

describe('Priority', () => {
  it('resolves a class to its value and policy', () => {
    const c = testCluster({ nodes: 1 });
    c.api.create({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
      preemptionPolicy: 'Never',
    } as KObject);
    const p = c.api.create({
      ...pod('hi'),
      spec: { priorityClassName: 'high', containers: [{ name: 'a', image: 'nginx:1.27' }] },
    });
    expect(p.spec.priority).toBe(1000);
    expect(p.spec.preemptionPolicy).toBe('Never');
  });

  it('uses the global default class when none is named', () => {
    const c = testCluster({ nodes: 1 });
    c.api.create({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'normal' },
      value: 50,
      globalDefault: true,
    } as KObject);
    const p = c.api.create(pod('plain'));
    expect(p.spec).toMatchObject({
      priorityClassName: 'normal',
      priority: 50,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  });

  it('forbids an unknown class', () => {
    const c = testCluster({ nodes: 1 });
    const err = fail(() =>
      c.api.create({
        ...pod('x'),
        spec: { priorityClassName: 'urgent', containers: [{ name: 'a', image: 'nginx:1.27' }] },
      }),
    );
    expect(err.toKubectl()).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: no PriorityClass with name urgent was found',
    );
  });
});

describe('LimitRanger', () => {
  it('fills in default requests and limits and says so in an annotation', () => {
    const c = testCluster({ nodes: 1 });
    c.api.create({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: 'default' },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '500m', memory: '256Mi' },
            defaultRequest: { cpu: '100m' },
            max: { cpu: '1' },
          },
        ],
      },
    });
    const p = c.api.create(pod('lr'));
    expect(p.spec.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container lr; cpu, memory limit for container lr',
    );
    expect(p.status.qosClass).toBe('Burstable');
    const err = fail(() =>
      c.api.create({
        ...pod('big'),
        spec: { containers: [{ name: 'big', image: 'nginx:1.27', resources: { limits: { cpu: '2' } } }] },
      }),
    );
    expect(err.message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });
});

describe('ResourceQuota', () => {
  it('rejects the pod that would exceed the quota, with the real message', () => {
    const c = testCluster({ nodes: 1 });
    c.api.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'pods-2', namespace: 'default' },
      spec: { hard: { pods: '2' } },
    });
    c.api.create(pod('q1'));
    c.api.create(pod('q2'));
    const err = fail(() => c.api.create(pod('q3')));
    expect(err.toKubectl()).toBe(
      'Error from server (Forbidden): pods "q3" is forbidden: exceeded quota: pods-2, requested: pods=1, used: pods=2, limited: pods=2',
    );
    c.advance(1000);
    expect(c.api.get('resourcequotas', 'default', 'pods-2').status).toEqual({
      hard: { pods: '2' },
      used: { pods: '2' },
    });
    c.api.delete('pods', 'default', 'q1', { gracePeriodSeconds: 0 });
    c.advance(1000);
    expect(c.api.get('resourcequotas', 'default', 'pods-2').status.used).toEqual({ pods: '1' });
    expect(c.api.create(pod('q3')).metadata.name).toBe('q3');
  });

  it('requires compute requests when the quota limits them', () => {
    const c = testCluster({ nodes: 1 });
    c.api.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: 'default' },
      spec: { hard: { 'requests.cpu': '1', 'limits.memory': '1Gi' } },
    });
    const err = fail(() => c.api.create(pod('bare')));
    expect(err.message).toBe(
      'pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: bare; requests.cpu for: bare',
    );
    const sized = (name: string, cpu: string) => ({
      ...pod(name),
      spec: {
        containers: [
          { name, image: 'nginx:1.27', resources: { requests: { cpu }, limits: { memory: '256Mi' } } },
        ],
      },
    });
    c.api.create(sized('a', '600m'));
    const over = fail(() => c.api.create(sized('b', '500m')));
    expect(over.message).toBe(
      'pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
  });

  it('counts other objects by count/<resource>', () => {
    const c = testCluster({ nodes: 1 });
    c.api.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'cms', namespace: 'default' },
      spec: { hard: { 'count/configmaps': '2' } },
    });
    // The namespace already holds kube-root-ca.crt, so one more reaches the limit.
    expect(c.api.list('configmaps', { namespace: 'default' }).map((cm) => cm.metadata.name)).toEqual([
      'kube-root-ca.crt',
    ]);
    c.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'default' } });
    const err = fail(() =>
      c.api.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'extra', namespace: 'default' },
      }),
    );
    expect(err.message).toBe(
      'configmaps "extra" is forbidden: exceeded quota: cms, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2',
    );
  });
});

describe('DefaultTolerationSeconds', () => {
  it('keeps a toleration the pod already has', () => {
    const c = testCluster({ nodes: 1 });
    const p = c.api.create({
      ...pod('tol'),
      spec: {
        containers: [{ name: 'a', image: 'nginx:1.27' }],
        tolerations: [
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 10,
          },
        ],
      },
    });
    expect(p.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 10,
      },
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
    ]);
  });
});
