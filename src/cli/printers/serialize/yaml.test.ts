import { describe, expect, it } from 'vitest';
import { toYaml, yamlKeyCompare } from './yaml';
import { resolvesToNonString, writeScalar } from './yaml-scalar';

describe('toYaml (sigs.k8s.io/yaml output)', () => {
  it('sorts keys, writes sequences at the key indentation and empty collections inline', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name: 'web',
        namespace: 'default',
        labels: { run: 'web' },
        creationTimestamp: '2025-01-15T09:55:00Z',
      },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: {},
          },
        ],
        tolerations: [],
        enableServiceLinks: true,
        terminationGracePeriodSeconds: 30,
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null }],
      },
    };
    expect(toYaml(pod)).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: "2025-01-15T09:55:00Z"',
        '  labels:',
        '    run: web',
        '  name: web',
        '  namespace: default',
        'spec:',
        '  containers:',
        '  - image: nginx:1.27',
        '    name: web',
        '    ports:',
        '    - containerPort: 80',
        '      protocol: TCP',
        '    resources: {}',
        '  enableServiceLinks: true',
        '  terminationGracePeriodSeconds: 30',
        '  tolerations: []',
        'status:',
        '  conditions:',
        '  - lastProbeTime: null',
        '    status: "True"',
        '    type: PodScheduled',
        '  phase: Pending',
        '',
      ].join('\n'),
    );
  });

  it('quotes strings that would read back as other types', () => {
    const cases: [string, string][] = [
      ['80', '"80"'],
      ['true', '"true"'],
      ['yes', '"yes"'],
      ['on', '"on"'],
      ['null', '"null"'],
      ['', '""'],
      ['1.5', '"1.5"'],
      ['1e3', '"1e3"'],
      ['0x1F', '"0x1F"'],
      ['0755', '"0755"'],
      ['2025-01-15', '"2025-01-15"'],
      ['1:20', '"1:20"'],
      ['8080:80', '8080:80'],
      ['~', '"~"'],
      ['.5', '".5"'],
    ];
    for (const [value, text] of cases) expect(writeScalar(value, 0, 2)).toBe(text);
  });

  it('keeps plain what needs no quotes and single-quotes YAML indicators', () => {
    expect(writeScalar('nginx:1.27', 0, 2)).toBe('nginx:1.27');
    expect(writeScalar('1.2.3', 0, 2)).toBe('1.2.3');
    expect(writeScalar('100m', 0, 2)).toBe('100m');
    expect(writeScalar('v1.32.3', 0, 2)).toBe('v1.32.3');
    expect(writeScalar('*', 0, 2)).toBe("'*'");
    expect(writeScalar('- x', 0, 2)).toBe("'- x'");
    expect(writeScalar('a: b', 0, 2)).toBe("'a: b'");
    expect(writeScalar("it's # not", 0, 2)).toBe("'it''s # not'");
    expect(writeScalar(' padded', 0, 2)).toBe("' padded'");
    expect(writeScalar('tab\there', 0, 2)).toBe('"tab\\there"');
    expect(writeScalar('{"a":1}', 0, 2)).toBe('\'{"a":1}\'');
    expect(resolvesToNonString('Yes please')).toBe(false);
  });

  it('writes multi-line strings as literal blocks with chomping indicators', () => {
    expect(
      toYaml({
        data: { 'nginx.conf': 'server {\n  listen 80;\n}\n', script: 'echo a\necho b', keep: 'x\n\n' },
      }),
    ).toBe(
      [
        'data:',
        '  keep: |+',
        '    x',
        '',
        '  nginx.conf: |',
        '    server {',
        '      listen 80;',
        '    }',
        '  script: |-',
        '    echo a',
        '    echo b',
        '',
      ].join('\n'),
    );
  });

  it('folds long plain and quoted strings at spaces past column 80', () => {
    const message =
      'Deployment does not have minimum availability because the pods are still being created right now';
    expect(toYaml({ status: { conditions: [{ message }] } })).toBe(
      'status:\n  conditions:\n  - message: Deployment does not have minimum availability because the pods are still\n      being created right now\n',
    );
    const annotation = 'LimitRanger plugin set: cpu request for container hostnames';
    expect(toYaml({ metadata: { annotations: { 'kubernetes.io/limit-ranger': annotation } } })).toBe(
      "metadata:\n  annotations:\n    kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu request for container\n      hostnames'\n",
    );
  });

  it('sorts keys like go-yaml: numbers inside keys by value, non-letters before letters', () => {
    expect(['a10', 'a9', 'ab', 'a-b', 'a'].sort(yamlKeyCompare)).toEqual(['a', 'a-b', 'a9', 'a10', 'ab']);
    expect(['spec', 'apiVersion', 'kind', 'metadata', 'status'].sort(yamlKeyCompare)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'spec',
      'status',
    ]);
  });

  it('prints nested sequences and top-level empties', () => {
    expect(toYaml({ args: [['a', 'b'], []] })).toBe('args:\n- - a\n  - b\n- []\n');
    expect(toYaml({})).toBe('{}\n');
  });
});
