import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../api/types';
import { podFromTemplate } from './pod-template';

describe('podFromTemplate', () => {
  const template = Object.freeze({
    metadata: Object.freeze({ labels: Object.freeze({ app: 'web' }) }),
    spec: Object.freeze({
      containers: Object.freeze([Object.freeze({ name: 'nginx', image: 'nginx:1.27' })]),
      restartPolicy: 'Always',
    }),
  });
  const owner = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-6fc9945b78', namespace: 'default', uid: 'rs-uid' },
  } as unknown as StoredObject;
  const ref = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name: 'web-6fc9945b78',
    uid: 'rs-uid',
    controller: true,
  };

  it('builds the pod from the template and shares its (never mutated) values instead of copying them', () => {
    const a = podFromTemplate(template, owner, ref);
    const b = podFromTemplate(template, owner, ref);
    expect(a).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-6fc9945b78-',
        namespace: 'default',
        labels: { app: 'web' },
        ownerReferences: [ref],
      },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], restartPolicy: 'Always' },
    });
    expect(a.spec).not.toBe(template.spec);
    expect(a.spec.containers).toBe(template.spec.containers);
    expect(b.metadata.labels).toBe(a.metadata.labels);
    // Top-level fields are the caller's to set (the template stays as it was).
    a.spec.nodeName = 'node-1';
    a.metadata.finalizers = ['x'];
    expect(template.spec).not.toHaveProperty('nodeName');
    expect(b.spec).not.toHaveProperty('nodeName');
  });
});
