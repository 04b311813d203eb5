/** Strategic merge, JSON merge and JSON patches as `kubectl patch` applies them. */
import { describe, expect, it } from 'vitest';
import { deployment, pod } from '../testing/fixtures';
import { registerBuiltinKinds } from './builtin-kinds';
import type { StatusError } from './errors';
import { KindRegistry } from './kinds';
import { applyPatch } from './patch';
import type { KObject } from './types';

const kinds = new KindRegistry();
registerBuiltinKinds(kinds);
const DEPLOY = kinds.get('deployments.apps')!;
const POD = kinds.get('pods')!;

function web(): KObject {
  const d = deployment('web', 2, 'nginx:1.27') as any;
  d.spec.template.spec.containers = [
    {
      name: 'web',
      image: 'nginx:1.27',
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      ports: [{ containerPort: 80 }],
    },
    { name: 'sidecar', image: 'busybox:1.36', args: ['sleep', '3600'] },
  ];
  d.spec.template.spec.volumes = [{ name: 'data', emptyDir: {} }];
  d.metadata.finalizers = ['a'];
  return d;
}

const smp = (obj: KObject, patch: unknown, rt = DEPLOY) => applyPatch(obj, 'strategic', patch, rt) as any;

describe('strategic merge patch', () => {
  it('merges containers by name and env by name, leaving the rest', () => {
    const out = smp(web(), {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx:1.28',
                env: [
                  { name: 'B', value: '3' },
                  { name: 'C', value: '4' },
                ],
              },
            ],
          },
        },
      },
    });
    const [c, s] = out.spec.template.spec.containers;
    expect(c.image).toBe('nginx:1.28');
    expect(c.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
      { name: 'C', value: '4' },
    ]);
    expect(c.ports).toEqual([{ containerPort: 80 }]);
    expect(s).toEqual({ name: 'sidecar', image: 'busybox:1.36', args: ['sleep', '3600'] });
  });

  it('appends a container whose name is new', () => {
    const out = smp(web(), {
      spec: { template: { spec: { containers: [{ name: 'log', image: 'fluentd' }] } } },
    });
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web', 'sidecar', 'log']);
  });

  it('replaces lists that have no merge strategy (args, command)', () => {
    const out = smp(web(), {
      spec: { template: { spec: { containers: [{ name: 'sidecar', args: ['sleep', '10'] }] } } },
    });
    expect(out.spec.template.spec.containers[1].args).toEqual(['sleep', '10']);
  });

  it('merges ports by containerPort', () => {
    const out = smp(web(), {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'web', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] },
            ],
          },
        },
      },
    });
    expect(out.spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 80, name: 'http' },
      { containerPort: 443 },
    ]);
  });

  it('deletes a list item with $patch: delete', () => {
    const out = smp(web(), {
      spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } },
    });
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web']);
  });

  it('replaces a whole list with a $patch: replace item', () => {
    const out = smp(web(), {
      spec: { template: { spec: { volumes: [{ $patch: 'replace' }, { name: 'cache', emptyDir: {} }] } } },
    });
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);
  });

  it('replaces a map with $patch: replace', () => {
    const out = smp(web(), { metadata: { labels: { $patch: 'replace', tier: 'front' } } });
    expect(out.metadata.labels).toEqual({ tier: 'front' });
  });

  it('deletes keys with null and keeps only $retainKeys', () => {
    const base = web() as any;
    base.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } };
    const out = smp(base, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' }, paused: null } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
    expect('paused' in out.spec).toBe(false);
  });

  it('unions primitive merge lists and removes with $deleteFromPrimitiveList', () => {
    const added = smp(web(), { metadata: { finalizers: ['b', 'a'] } });
    expect(added.metadata.finalizers).toEqual(['a', 'b']);
    const removed = smp(added, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } });
    expect(removed.metadata.finalizers).toEqual(['b']);
  });

  it('drops $setElementOrder directives', () => {
    const out = smp(web(), {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
            containers: [{ name: 'web', image: 'x' }],
          },
        },
      },
    });
    expect(Object.keys(out.spec.template.spec).some((k) => k.startsWith('$'))).toBe(false);
  });

  it('merges a pod by the pod schema (containers by name)', () => {
    const out = smp(
      pod('p', 'nginx:1.27'),
      { spec: { containers: [{ name: 'p', image: 'nginx:1.28' }] } },
      POD,
    );
    expect(out.spec.containers).toEqual([{ name: 'p', image: 'nginx:1.28' }]);
  });

  it('never changes the object it was given', () => {
    const base = web();
    const before = JSON.stringify(base);
    smp(base, { spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }] } } } });
    expect(JSON.stringify(base)).toBe(before);
  });
});

describe('JSON merge patch', () => {
  it('replaces lists whole and deletes with null', () => {
    const out = applyPatch(
      web(),
      'merge',
      {
        spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }] } } },
        metadata: { finalizers: null },
      },
      DEPLOY,
    ) as any;
    expect(out.spec.template.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
    expect(out.metadata.finalizers).toBeUndefined();
  });
});

describe('JSON patch', () => {
  it('applies RFC 6902 operations', () => {
    const out = applyPatch(
      web(),
      'json',
      [
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'add', path: '/metadata/labels/tier', value: 'front' },
        { op: 'remove', path: '/spec/template/spec/containers/1' },
      ],
      DEPLOY,
    ) as any;
    expect(out.spec.replicas).toBe(5);
    expect(out.metadata.labels.tier).toBe('front');
    expect(out.spec.template.spec.containers).toHaveLength(1);
  });

  function jsonError(patch: unknown): StatusError {
    try {
      applyPatch(web(), 'json', patch, DEPLOY);
    } catch (err) {
      return err as StatusError;
    }
    throw new Error('patch applied');
  }

  it('words operations that do not apply as the API server does', () => {
    expect(jsonError([{ op: 'remove', path: '/spec/nothing' }]).message).toBe(
      'jsonpatch remove operation does not apply: doc is missing key: /spec/nothing: missing value',
    );
    expect(jsonError([{ op: 'add', path: '/spec/a/b', value: 1 }]).message).toBe(
      'jsonpatch add operation does not apply: doc is missing path: /spec/a/b: missing value',
    );
    expect(jsonError([{ op: 'test', path: '/spec/replicas', value: 9 }]).message).toBe(
      'testing value /spec/replicas failed: test failed',
    );
    expect(jsonError({ op: 'add' }).message).toBe(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  });
});
