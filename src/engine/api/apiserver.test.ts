import { describe, expect, it } from 'vitest';
import { configMap, pod, testCluster } from '../testing/fixtures';
import type { StatusError } from './errors';

describe('ApiServer', () => {
  it('assigns uid, resourceVersion and creationTimestamp on create', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', { k: 'v' }));
    expect(cm.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(cm.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(cm.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('rejects a duplicate name with AlreadyExists and changes nothing', () => {
    const c = testCluster();
    c.api.create(configMap('a', { k: 'v' }));
    const before = c.stateHash();
    expect(() => c.api.create(configMap('a', { k: 'w' }))).toThrowError('configmaps "a" already exists');
    expect(c.stateHash()).toBe(before);
  });

  it('NotFound wording names the qualified resource', () => {
    const c = testCluster();
    try {
      c.api.get('deployments.apps', 'default', 'web');
      expect.unreachable();
    } catch (e) {
      expect((e as StatusError).toKubectl()).toBe(
        'Error from server (NotFound): deployments.apps "web" not found',
      );
    }
  });

  it('refuses content in a namespace that does not exist', () => {
    const c = testCluster();
    expect(() => c.api.create(configMap('a', {}, 'nope'))).toThrowError('namespaces "nope" not found');
  });

  it('detects resourceVersion conflicts and skips no-op writes', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', { k: 'v' }));
    const same = c.api.update({ ...cm, data: { k: 'v' } });
    expect(same.metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
    c.api.update({ ...cm, data: { k: 'w' } });
    expect(() => c.api.update({ ...cm, data: { k: 'x' } })).toThrowError(/the object has been modified/);
  });

  it('resumes a watch from a resourceVersion', () => {
    const c = testCluster();
    const a = c.api.create(configMap('a', {}));
    c.api.create(configMap('b', {}));
    const seen: string[] = [];
    const stop = c.api.watch('configmaps', a.metadata.resourceVersion, (e) =>
      seen.push(`${e.type} ${e.object.metadata.name}`),
    );
    c.api.delete('configmaps', 'default', 'a');
    stop();
    expect(seen).toEqual(['ADDED b', 'DELETED a']);
  });

  it('merge-patches and bumps resourceVersion', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', { k: 'v', gone: 'x' }));
    const p = c.api.patch('configmaps', 'default', 'a', 'merge', { data: { k: 'w', gone: null } });
    expect(p.data).toEqual({ k: 'w' });
    expect(Number(p.metadata.resourceVersion)).toBeGreaterThan(Number(cm.metadata.resourceVersion));
  });

  it('is deterministic for a seed', () => {
    expect(testCluster().stateHash()).toBe(testCluster().stateHash());
    expect(testCluster({ seed: 7 }).stateHash()).not.toBe(testCluster().stateHash());
  });

  it('keeps stored objects in V8 fast mode (no property deletes) through status writes', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', { k: 'v' }));
    const before = c.api.store.resourceVersion;
    const same = c.api.updateStatus({ ...cm, status: cm.status });
    expect(same).toBe(cm);
    expect(c.api.store.resourceVersion).toBe(before);
    const p = c.api.create(pod('p', 'nginx:1.27', { schedulerName: 'manual' }));
    const written = c.api.updateStatus({
      ...p,
      spec: { ...p.spec, nodeName: 'sneaky' },
      status: { ...p.status, reason: 'X' },
    });
    expect(written.spec).toBe(p.spec);
    expect(written.status.reason).toBe('X');
    expect(Object.keys(written).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  });
});

describe('ApiServer.bind (pods/binding)', () => {
  const unscheduled = () => pod('p', 'nginx:1.27', { schedulerName: 'manual' });

  it('sets nodeName and PodScheduled in one write', () => {
    const c = testCluster();
    const p = c.api.create(unscheduled());
    const events: string[] = [];
    const stop = c.api.watch('pods', undefined, (e) => events.push(`${e.type} ${e.object.spec.nodeName}`));
    const bound = c.api.bind('default', 'p', 'node-1', { internal: true });
    stop();
    expect(events).toEqual(['MODIFIED node-1']);
    expect(bound.spec.nodeName).toBe('node-1');
    expect(bound.status.phase).toBe('Pending');
    expect(bound.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: c.clock.nowISO() },
    ]);
    expect(Number(bound.metadata.resourceVersion)).toBe(Number(p.metadata.resourceVersion) + 1);
    expect(c.api.get('pods', 'default', 'p')).toBe(bound);
  });

  it('replaces a PodScheduled=False condition in place', () => {
    const c = testCluster();
    const p = c.api.create(unscheduled());
    c.api.updateStatus({
      ...p,
      status: {
        ...p.status,
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: 'no',
            lastProbeTime: null,
            lastTransitionTime: 'x',
          },
          { type: 'Other', status: 'True' },
        ],
      },
    });
    c.advance(3000);
    const bound = c.api.bind('default', 'p', 'node-2');
    expect(bound.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: c.clock.nowISO() },
      { type: 'Other', status: 'True' },
    ]);
  });

  it("refuses a bound, terminating or gated pod with the registry's Conflict wording", () => {
    const c = testCluster();
    c.api.create(unscheduled());
    c.api.bind('default', 'p', 'node-1');
    expect(() => c.api.bind('default', 'p', 'node-2')).toThrowError(
      'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node-1"',
    );
    c.api.create({
      ...pod('g'),
      spec: { ...pod('g').spec, schedulerName: 'manual', schedulingGates: [{ name: 'wait' }] },
    });
    expect(() => c.api.bind('default', 'g', 'node-1')).toThrowError(
      'Operation cannot be fulfilled on pods/binding "g": pod g has non-empty .spec.schedulingGates',
    );
    expect(() => c.api.bind('default', 'nope', 'node-1')).toThrowError('pods "nope" not found');
    expect(() => c.api.bind('default', 'g', '')).toThrowError(
      'Binding "g" is invalid: target.name: Required value',
    );
  });
});
