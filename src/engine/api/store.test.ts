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
    let stopLate: (() => void) | undefined;
    store.subscribe(() => {
      seen.push('cm-1');
      stopA();
      stopLate ??= store.subscribe(() => seen.push('late'), 'configmaps');
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
