import { describe, expect, it } from 'vitest';
import { diffPatch, LAST_APPLIED, lastAppliedValue, threeWayMerge, withLastApplied } from './apply-merge';

describe('client-side apply merge', () => {
  it('writes the annotation as sorted JSON with a trailing newline, without itself', () => {
    const m = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'a', annotations: { [LAST_APPLIED]: 'old' } },
      data: { b: '1' },
    };
    expect(lastAppliedValue(m)).toBe(
      '{"apiVersion":"v1","data":{"b":"1"},"kind":"ConfigMap","metadata":{"name":"a"}}\n',
    );
    expect(
      (withLastApplied({ metadata: { name: 'a' } }).metadata as { annotations: Record<string, string> })
        .annotations[LAST_APPLIED],
    ).toBe('{"metadata":{"name":"a"}}\n');
  });

  it('removes what the manifest dropped, keeps what others set, applies what changed', () => {
    const original = { spec: { replicas: 3, paused: false }, data: { a: '1' } };
    const modified = { spec: { replicas: 3 }, data: { a: '2' } };
    const current = {
      spec: { replicas: 5, paused: false, strategy: { type: 'RollingUpdate' } },
      data: { a: '1' },
    };
    expect(threeWayMerge(original, modified, current)).toEqual({
      spec: { replicas: 3, strategy: { type: 'RollingUpdate' } },
      data: { a: '2' },
    });
  });

  it('merges containers by name and env by name', () => {
    const original = {
      containers: [
        {
          name: 'app',
          image: 'a:1',
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
      ],
    };
    const modified = { containers: [{ name: 'app', image: 'a:2', env: [{ name: 'X', value: '1' }] }] };
    const current = {
      containers: [
        {
          name: 'app',
          image: 'a:1',
          imagePullPolicy: 'IfNotPresent',
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
        { name: 'sidecar', image: 's:1' },
      ],
    };
    expect(threeWayMerge(original, modified, current)).toEqual({
      containers: [
        { name: 'app', image: 'a:2', imagePullPolicy: 'IfNotPresent', env: [{ name: 'X', value: '1' }] },
        { name: 'sidecar', image: 's:1' },
      ],
    });
  });

  it('keeps server defaults inside container and service ports', () => {
    const manifest = { ports: [{ containerPort: 80 }] };
    expect(threeWayMerge(manifest, manifest, { ports: [{ containerPort: 80, protocol: 'TCP' }] })).toEqual({
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
    const svc = { ports: [{ port: 80, targetPort: 8080 }] };
    expect(threeWayMerge(svc, svc, { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] })).toEqual({
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
  });

  it('replaces lists without a merge key', () => {
    expect(threeWayMerge({ args: ['a'] }, { args: ['b'] }, { args: ['a', 'c'] })).toEqual({ args: ['b'] });
  });

  it('computes a merge patch for messages', () => {
    expect(diffPatch({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 4 } })).toEqual({ b: { c: 4, d: null } });
  });
});
