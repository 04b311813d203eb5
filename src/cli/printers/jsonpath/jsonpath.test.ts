import { describe, expect, it } from 'vitest';
import { JsonPath } from './eval';

const pod = (name: string, images: string[], ready = 'True') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'web', 'app.kubernetes.io/name': 'web' } },
  spec: {
    containers: images.map((image, i) => ({ name: `c${i}`, image, ports: [{ containerPort: 80 + i }] })),
  },
  status: {
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: ready },
    ],
    podIP: '10.244.1.5',
  },
});
const list = {
  apiVersion: 'v1',
  items: [pod('a', ['nginx']), pod('b', ['busybox', 'envoy'], 'False')],
  kind: 'List',
  metadata: { resourceVersion: '' },
};
const run = (t: string, data: unknown = list) => new JsonPath(t).allowMissing(true).execute(data);

describe('JSONPath templates (client-go util/jsonpath)', () => {
  it('reads fields and wildcards, joining several values with spaces', () => {
    expect(run('{.metadata.name}', list.items[0])).toBe('a');
    expect(run('{.items[*].metadata.name}')).toBe('a b');
    expect(run('{.items[*].spec.containers[*].image}')).toBe('nginx busybox envoy');
    expect(run('{.kind}/{.items[0].metadata.name}')).toBe('List/a');
  });

  it('supports indexes, negative indexes and slices', () => {
    expect(run('{.items[0].metadata.name}')).toBe('a');
    expect(run('{.items[-1].metadata.name}')).toBe('b');
    expect(run('{.items[0:2].metadata.name}')).toBe('a b');
    expect(run('{.items[1].spec.containers[1:].image}')).toBe('envoy');
    expect(run('{.items[0,1].metadata.name}')).toBe('a b');
  });

  it('repeats range bodies and prints quoted text literally', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}')).toBe(
      'a\t10.244.1.5\nb\t10.244.1.5\n',
    );
    expect(run('{range .items[*]}[{.metadata.name}]{end} done')).toBe('[a][b] done');
    expect(run('{range .items[*]}{range .spec.containers[*]}{.name}={.image};{end}|{end}')).toBe(
      'c0=nginx;|c0=busybox;c1=envoy;|',
    );
  });

  it('filters with ?() comparisons and existence checks', () => {
    expect(run('{.items[*].status.conditions[?(@.type=="Ready")].status}')).toBe('True False');
    expect(run("{.items[?(@.metadata.name=='b')].spec.containers[*].name}")).toBe('c0 c1');
    expect(run('{.items[1].spec.containers[?(@.ports[0].containerPort>80)].name}')).toBe('c1');
    expect(run('{.items[?(@.status.podIP)].metadata.name}')).toBe('a b');
  });

  it('descends recursively with ..', () => {
    expect(run('{..image}')).toBe('nginx busybox envoy');
  });

  it('prints maps and lists as compact JSON', () => {
    expect(run('{.items[0].metadata.labels}')).toBe('{"app":"web","app.kubernetes.io/name":"web"}');
    expect(run('{.items[0].spec.containers[0].ports}')).toBe('[{"containerPort":80}]');
    expect(run('{.items[0].metadata.labels.app\\.kubernetes\\.io/name}')).toBe('web');
  });

  it('prints nothing for missing keys when allowed and fails otherwise', () => {
    expect(run('{.items[*].metadata.namespace}')).toBe('');
    expect(() => new JsonPath('{.nope}').execute(list)).toThrow('nope is not found');
  });

  it('reports parse errors with client-go wording', () => {
    expect(() => new JsonPath('{.metadata.name')).toThrow('unclosed action');
    expect(() => new JsonPath('{.items[0}')).toThrow('unterminated array');
    expect(() => new JsonPath('{.items[?(@.a=="b"}')).toThrow('unterminated filter');
    expect(() => new JsonPath('{#}')).toThrow("unrecognized character in action: U+0023 '#'");
    expect(() => new JsonPath('{.a[x]}')).toThrow('invalid array index x');
    expect(() => run('{end}')).toThrow('not in range, nothing to end');
  });

  it('fails on out-of-range indexes even when missing keys are allowed', () => {
    expect(() => run('{.items[5].metadata.name}')).toThrow('array index out of bounds: index 5, length 2');
  });
});
