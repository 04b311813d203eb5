import { describe, expect, it } from 'vitest';
import { configMap, testCluster } from '../testing/fixtures';
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
});
