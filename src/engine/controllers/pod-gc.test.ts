import { describe, expect, it } from 'vitest';
import { podGC } from './pod-gc';
import { node, testBed } from './testbed';

describe('pod garbage collector', () => {
  it('fails and force-deletes pods of a deleted node after the 40 s quarantine', () => {
    const b = testBed([podGC], { nodes: ['node-1', 'node-2'] });
    b.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    b.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'b', namespace: 'default' },
      spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'nginx' }] },
    });
    b.api.delete('nodes', undefined, 'node-1');
    b.takeActions();
    b.advance(39_000);
    expect(b.takeActions()).toEqual([]);
    b.advance(1_000);
    expect(b.takeActions()).toEqual(['update pods/status default/a', 'delete pods default/a']);
    expect(b.api.list('pods', { namespace: 'default' }).map((p) => p.metadata.name)).toEqual(['b']);
  });

  it('leaves the pods alone when the node comes back within the quarantine', () => {
    const b = testBed([podGC], { nodes: ['node-1'] });
    b.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    b.api.delete('nodes', undefined, 'node-1');
    b.advance(10_000);
    b.api.create(node('node-1'));
    b.advance(60_000);
    expect(b.api.list('pods', { namespace: 'default' })).toHaveLength(1);
  });
});
