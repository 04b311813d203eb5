import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../api/types';
import { configMap } from '../testing/fixtures';
import { garbageCollector } from './garbage-collector';
import { namespaceController } from './namespace-controller';
import { rootCAPublisher } from './root-ca-publisher';
import { serviceAccountController } from './serviceaccount-controller';
import { testBed } from './testbed';

function caOf(cm: StoredObject): string {
  return (cm.data as Record<string, string>)['ca.crt'];
}

function ns(name: string) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] } };
}

describe('namespace controller', () => {
  it('deletes the content of a terminating namespace, then the namespace', () => {
    const bed = testBed([namespaceController]);
    bed.api.create(ns('team'));
    bed.api.create(configMap('a', {}, 'team'));
    bed.api.create(configMap('b', {}, 'team'));
    bed.advance(20);
    bed.api.delete('namespaces', undefined, 'team');
    expect(bed.api.get('namespaces', undefined, 'team').status.phase).toBe('Terminating');
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions()).toEqual([
      'delete configmaps team/a',
      'delete configmaps team/b',
      // Emptying spec.finalizers (/finalize) is what removes the namespace, as in the real registry.
      'update namespaces team',
    ]);
    expect(bed.api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });

  it('reports remaining content and finalizers while it waits', () => {
    const bed = testBed([namespaceController]);
    bed.api.create(ns('team'));
    bed.api.create({
      ...configMap('held', {}, 'team'),
      metadata: { name: 'held', namespace: 'team', finalizers: ['example.com/hold'] },
    });
    bed.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'team' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    bed.advance(20);
    bed.api.delete('namespaces', undefined, 'team');
    bed.advance(1000);
    const terminating = bed.api.get('namespaces', undefined, 'team');
    expect(
      terminating.status.conditions.map(
        (c: { type: string; status: string; reason: string; message: string }) => [
          c.type,
          c.status,
          c.reason,
          c.message,
        ],
      ),
    ).toEqual([
      [
        'NamespaceDeletionDiscoveryFailure',
        'False',
        'ResourcesDiscovered',
        'All resources successfully discovered',
      ],
      [
        'NamespaceDeletionGroupVersionParsingFailure',
        'False',
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
      ],
      [
        'NamespaceDeletionContentFailure',
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ],
      [
        'NamespaceContentRemaining',
        'True',
        'SomeResourcesRemain',
        'Some resources are remaining: configmaps. has 1 resource instances, pods. has 1 resource instances',
      ],
      [
        'NamespaceFinalizersRemaining',
        'True',
        'SomeFinalizersRemain',
        'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
      ],
    ]);
    // The kubelet finishes the pod; someone removes the finalizer: the namespace goes.
    bed.api.delete('pods', 'team', 'p', { gracePeriodSeconds: 0 });
    const held = bed.api.get('configmaps', 'team', 'held');
    bed.api.update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    bed.advance(20);
    expect(bed.api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });

  it('refuses new content while terminating and removes workloads through the garbage collector too', () => {
    const bed = testBed([namespaceController, garbageCollector]);
    bed.api.create(ns('team'));
    bed.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'team' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    bed.api.delete('namespaces', undefined, 'team');
    expect(() => bed.api.create(configMap('late', {}, 'team'))).toThrowError(
      'configmaps is forbidden: unable to create new content in namespace team because it is being terminated',
    );
  });
});

describe('service account controller and root CA publisher', () => {
  it('puts a default ServiceAccount and kube-root-ca.crt in every namespace', () => {
    const bed = testBed([serviceAccountController, rootCAPublisher]);
    bed.api.create(ns('team'));
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions().sort()).toEqual([
      'create configmaps default/kube-root-ca.crt',
      'create configmaps kube-system/kube-root-ca.crt',
      'create configmaps team/kube-root-ca.crt',
      'create serviceaccounts default/default',
      'create serviceaccounts kube-system/default',
      'create serviceaccounts team/default',
    ]);
    const cm = bed.api.get('configmaps', 'team', 'kube-root-ca.crt');
    expect(caOf(cm)).toMatch(/^-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgII[A-Za-z0-9+/]{44}\n/);
    expect(caOf(cm).endsWith('=\n-----END CERTIFICATE-----\n')).toBe(true);
    expect(cm.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle/);
  });

  it('recreates the default ServiceAccount and restores an edited CA bundle', () => {
    const bed = testBed([serviceAccountController, rootCAPublisher]);
    bed.advance(20);
    const original = caOf(bed.api.get('configmaps', 'default', 'kube-root-ca.crt'));
    bed.api.delete('serviceaccounts', 'default', 'default');
    const cm = bed.api.get('configmaps', 'default', 'kube-root-ca.crt');
    bed.api.update({ ...cm, data: { 'ca.crt': 'tampered' } });
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions()).toEqual([
      'create serviceaccounts default/default',
      'update configmaps default/kube-root-ca.crt',
    ]);
    expect(caOf(bed.api.get('configmaps', 'default', 'kube-root-ca.crt'))).toBe(original);
  });
});
