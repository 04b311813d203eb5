import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../api/types';
import { garbageCollector } from './garbage-collector';
import { testBed } from './testbed';

function cm(name: string, owners: StoredObject[] = [], block = true): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'default',
      ownerReferences: owners.map((o) => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.metadata.name,
        uid: o.metadata.uid,
        ...(block ? { blockOwnerDeletion: true } : {}),
      })),
    },
    data: {},
  };
}

function setup() {
  const bed = testBed([garbageCollector]);
  const owner = bed.api.create(cm('owner'));
  const a = bed.api.create(cm('a', [owner]));
  const b = bed.api.create(cm('b', [owner]));
  bed.advance(100);
  bed.takeActions();
  return { bed, owner, a, b };
}

describe('garbage collector', () => {
  it('deletes dependents in the background after the owner is gone', () => {
    const { bed } = setup();
    bed.api.delete('configmaps', 'default', 'owner');
    expect(bed.takeActions()).toEqual(['delete configmaps default/owner']);
    bed.advance(20);
    expect(bed.takeActions()).toEqual(['delete configmaps default/a', 'delete configmaps default/b']);
    expect(bed.api.list('configmaps', { namespace: 'default' })).toEqual([]);
  });

  it('keeps a foreground-deleted owner until blocking dependents are gone', () => {
    const { bed } = setup();
    // A pod bound to a node terminates gracefully, so the owner has to wait for it.
    const owner = bed.api.get('configmaps', 'default', 'owner');
    bed.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'p',
        namespace: 'default',
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: 'owner',
            uid: owner.metadata.uid,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    bed.advance(20);
    bed.takeActions();
    const deleting = bed.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(deleting.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions()).toEqual([
      'delete configmaps default/a',
      'delete configmaps default/b',
      'delete pods default/p',
    ]);
    // The pod is still terminating: the owner stays with its finalizer.
    bed.advance(1000);
    expect(bed.api.get('configmaps', 'default', 'owner').metadata.finalizers).toEqual(['foregroundDeletion']);
    bed.api.delete('pods', 'default', 'p', { gracePeriodSeconds: 0 });
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions()).toEqual(['update configmaps default/owner']);
    expect(bed.api.tryGet('configmaps', 'default', 'owner')).toBeUndefined();
  });

  it('does not wait for dependents without blockOwnerDeletion', () => {
    const bed = testBed([garbageCollector]);
    const owner = bed.api.create(cm('owner'));
    bed.api.create(cm('loose', [owner], false));
    bed.advance(20);
    bed.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions()).toEqual(['update configmaps default/owner', 'delete configmaps default/loose']);
    expect(bed.api.list('configmaps', { namespace: 'default' })).toEqual([]);
  });

  it('orphans dependents: strips the reference, then removes the finalizer', () => {
    const { bed } = setup();
    bed.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Orphan' });
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions()).toEqual([
      'update configmaps default/a',
      'update configmaps default/b',
      'update configmaps default/owner',
    ]);
    expect(bed.api.tryGet('configmaps', 'default', 'owner')).toBeUndefined();
    expect(bed.api.get('configmaps', 'default', 'a').metadata.ownerReferences).toBeUndefined();
    bed.advance(1000);
    expect(bed.api.list('configmaps', { namespace: 'default' }).map((o) => o.metadata.name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('keeps a dependent with another living owner and drops the dangling reference', () => {
    const bed = testBed([garbageCollector]);
    const o1 = bed.api.create(cm('o1'));
    const o2 = bed.api.create(cm('o2'));
    bed.api.create(cm('shared', [o1, o2]));
    bed.advance(20);
    bed.api.delete('configmaps', 'default', 'o1');
    bed.takeActions();
    bed.advance(20);
    expect(bed.takeActions()).toEqual(['update configmaps default/shared']);
    expect(
      bed.api.get('configmaps', 'default', 'shared').metadata.ownerReferences?.map((r) => r.name),
    ).toEqual(['o2']);
  });

  it('deletes an object created with an owner that does not exist', () => {
    const bed = testBed([garbageCollector]);
    bed.api.create({
      ...cm('stray'),
      metadata: {
        name: 'stray',
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'nope' }],
      },
    });
    bed.advance(20);
    expect(bed.takeActions()).toEqual(['create configmaps default/stray', 'delete configmaps default/stray']);
  });

  it('cascades through several levels in the foreground', () => {
    const bed = testBed([garbageCollector]);
    const top = bed.api.create(cm('top'));
    const mid = bed.api.create(cm('mid', [top]));
    bed.api.create(cm('leaf', [mid]));
    bed.advance(20);
    bed.api.delete('configmaps', 'default', 'top', { propagationPolicy: 'Foreground' });
    bed.advance(200);
    expect(bed.api.list('configmaps', { namespace: 'default' })).toEqual([]);
  });
});

describe('garbage collector, foreground through a Deployment-like chain', () => {
  it('keeps the top owner until the grandchildren are gone', () => {
    const bed = testBed([garbageCollector]);
    const top = bed.api.create(cm('top'));
    const mid = bed.api.create(cm('mid', [top]));
    bed.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'leaf',
        namespace: 'default',
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: 'mid',
            uid: mid.metadata.uid,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    bed.advance(20);
    bed.api.delete('configmaps', 'default', 'top', { propagationPolicy: 'Foreground' });
    bed.advance(1000);
    // The pod terminates gracefully: mid and top wait, both with the foregroundDeletion finalizer.
    expect(bed.api.get('configmaps', 'default', 'mid').metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(bed.api.get('configmaps', 'default', 'top').metadata.finalizers).toEqual(['foregroundDeletion']);
    bed.api.delete('pods', 'default', 'leaf', { gracePeriodSeconds: 0 });
    bed.advance(100);
    expect(bed.api.list('configmaps', { namespace: 'default' })).toEqual([]);
  });
});
