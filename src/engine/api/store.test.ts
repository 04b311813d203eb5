import { describe, expect, it } from 'vitest';
import { ObjectStore } from './store';
import type { StoredObject, WatchEvent } from './types';

function put(store: ObjectStore, name: string): void {
  const obj = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'default',
      uid: name,
      creationTimestamp: 't',
      resourceVersion: store.nextResourceVersion(),
    },
  } as StoredObject;
  store.put('configmaps', obj);
}

describe('ObjectStore watch log', () => {
  it('replays changes after a resourceVersion until it is compacted away (4096 changes)', () => {
    const store = new ObjectStore();
    for (let i = 1; i <= 4096; i++) put(store, `cm-${i}`);
    expect((store.changesSince(4093) as WatchEvent[]).map((e) => e.object.metadata.name)).toEqual([
      'cm-4094',
      'cm-4095',
      'cm-4096',
    ]);
    expect((store.changesSince(0) as WatchEvent[]).length).toBe(4096);
    for (let i = 4097; i <= 5000; i++) put(store, `cm-${i}`);
    expect(store.changesSince(100)).toBe('expired');
    const tail = store.changesSince(4997) as WatchEvent[];
    expect(tail.map((e) => `${e.type} ${e.object.metadata.resourceVersion}`)).toEqual([
      'ADDED 4998',
      'ADDED 4999',
      'ADDED 5000',
    ]);
    expect((store.changesSince(904) as WatchEvent[]).length).toBe(4096);
    expect(store.changesSince(5000)).toEqual([]);
  });

  it('dispatches in subscription order across global and per-resource listeners, even while (un)subscribing', () => {
    const store = new ObjectStore();
    const seen: string[] = [];
    const stopA = store.subscribe(() => seen.push('all-1'));
    let subscribedLate = false;
    store.subscribe(() => {
      seen.push('cm-1');
      stopA();
      if (!subscribedLate) store.subscribe(() => seen.push('late'), 'configmaps');
      subscribedLate = true;
    }, 'configmaps');
    store.subscribe(() => seen.push('all-2'));
    store.subscribe(() => seen.push('secrets'), 'secrets');
    put(store, 'a');
    expect(seen).toEqual(['all-1', 'cm-1', 'all-2']);
    seen.length = 0;
    put(store, 'b');
    expect(seen).toEqual(['cm-1', 'all-2', 'late']);
  });
});

describe('ObjectStore indexes', () => {
  const pod = (name: string, node: string, rv: string, phase = 'Pending') =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', uid: name, creationTimestamp: 't', resourceVersion: rv },
      spec: { nodeName: node },
      status: { phase },
    }) as StoredObject;

  it('returns the current version after writes that keep the indexed value, in the order objects got it', () => {
    const store = new ObjectStore(true);
    store.addIndex('node', 'pods', (p) => [p.spec?.nodeName ?? '']);
    store.put('pods', pod('a', 'n1', '1'));
    store.put('pods', pod('b', 'n1', '2'));
    store.put('pods', pod('c', 'n2', '3'));
    store.put('pods', pod('a', 'n1', '4', 'Running'));
    expect(
      store.byIndex('node', 'n1').map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`),
    ).toEqual(['a@4', 'b@2']);
    expect(store.byIndex('node', 'n1')[0]).toBe(store.get('pods', 'default', 'a'));
    // A changed value moves the object: out of n1, to the end of n2.
    store.put('pods', pod('a', 'n2', '5', 'Running'));
    expect(store.byIndex('node', 'n1').map((p) => p.metadata.name)).toEqual(['b']);
    expect(
      store.byIndex('node', 'n2').map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`),
    ).toEqual(['c@3', 'a@5']);
  });

  it('drops removed objects and indexes objects stored before the index was added', () => {
    const store = new ObjectStore();
    store.put('pods', pod('a', 'n1', '1'));
    store.put('pods', pod('b', 'n2', '2'));
    store.addIndex('node', 'pods', (p) => [p.spec?.nodeName ?? '']);
    expect(store.byIndex('node', 'n2').map((p) => p.metadata.name)).toEqual(['b']);
    store.remove('pods', store.get('pods', 'default', 'b')!);
    expect(store.byIndex('node', 'n2')).toEqual([]);
    expect(store.list('pods').map((p) => p.metadata.name)).toEqual(['a']);
    // The same name again is a new object: it is indexed afresh.
    store.put('pods', pod('b', 'n2', '3'));
    expect(store.byIndex('node', 'n2').map((p) => p.metadata.resourceVersion)).toEqual(['3']);
    expect(store.count('pods')).toBe(2);
  });

  it('skips a spec-and-metadata index on writes that keep those parts, and re-indexes when they change', () => {
    const store = new ObjectStore(true);
    let calls = 0;
    store.addIndex(
      'node',
      'pods',
      (p) => {
        calls++;
        return [p.spec?.nodeName ?? ''];
      },
      { specAndMetadataOnly: true },
    );
    const first = pod('a', 'n1', '1');
    store.put('pods', first);
    expect(calls).toBe(1);
    // A status write: same spec and metadata parts by reference, only status and resourceVersion differ.
    store.put('pods', {
      ...first,
      metadata: { ...first.metadata, resourceVersion: '2' },
      status: { phase: 'Running' },
    } as StoredObject);
    expect(calls).toBe(1);
    expect(store.byIndex('node', 'n1')[0].metadata.resourceVersion).toBe('2');
    // A new spec is read again (old and new values), and the object moves.
    store.put('pods', pod('a', 'n2', '3', 'Running'));
    expect(calls).toBe(3);
    expect(store.byIndex('node', 'n2').map((p) => p.metadata.name)).toEqual(['a']);
    expect(store.byIndex('node', 'n1')).toEqual([]);
  });
});
