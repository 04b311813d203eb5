import { describe, expect, it } from 'vitest';
import { customColumnsSpecFromFile, parseOutputFormat, printObjects, sortObjects } from './index';
import { ago, H, M, NOW, obj, runningPod } from './testdata/objects';
import { rt } from './testdata/registry';

const cm = obj(
  'v1',
  'ConfigMap',
  'app',
  { data: { port: '80', debug: 'true' } },
  { namespace: 'default', creationTimestamp: '2025-01-15T09:55:00Z', uid: 'u-1', resourceVersion: '501' },
);

describe('parseOutputFormat', () => {
  it('parses the formats kubectl knows', () => {
    expect(parseOutputFormat('yaml')).toEqual({ kind: 'yaml' });
    expect(parseOutputFormat('wide')).toEqual({ kind: 'wide' });
    expect(parseOutputFormat('jsonpath={.metadata.name}')).toEqual({
      kind: 'jsonpath',
      template: '{.metadata.name}',
    });
    expect(parseOutputFormat('jsonpath-as-json={.a}')).toEqual({
      kind: 'jsonpath',
      template: '{.a}',
      asJson: true,
    });
    expect(parseOutputFormat('custom-columns=NAME:.metadata.name')).toEqual({
      kind: 'custom-columns',
      spec: 'NAME:.metadata.name',
    });
    expect(parseOutputFormat('go-template={{.metadata.name}}')).toEqual({
      kind: 'go-template',
      template: '{{.metadata.name}}',
    });
  });

  it('rejects unknown formats with kubectl message', () => {
    expect(() => parseOutputFormat('foo')).toThrow(
      'unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    );
  });
});

describe('printObjects', () => {
  it('prints one named object as YAML and a listing as a List', () => {
    expect(printObjects(rt('cm'), [cm], { kind: 'yaml' }, { single: true, nowMs: NOW })).toBe(
      'apiVersion: v1\ndata:\n  debug: "true"\n  port: "80"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "2025-01-15T09:55:00Z"\n  name: app\n  namespace: default\n  resourceVersion: "501"\n  uid: u-1\n',
    );
    expect(printObjects(rt('cm'), [], { kind: 'yaml' }, { single: false, nowMs: NOW })).toBe(
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
    expect(printObjects(rt('cm'), [cm], { kind: 'yaml' }, { single: false, nowMs: NOW })).toMatch(
      /^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}data:\n {4}debug: "true"\n[\s\S]*kind: List\nmetadata:\n {2}resourceVersion: ""\n$/,
    );
  });

  it('prints JSON with four-space indentation and a List wrapper for listings', () => {
    expect(printObjects(rt('cm'), [], { kind: 'json' }, { single: false, nowMs: NOW })).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });

  it('prints -o name with the group', () => {
    const d = obj('apps/v1', 'Deployment', 'web', {}, { namespace: 'default' });
    expect(printObjects(rt('deploy'), [d], { kind: 'name' }, { single: false, nowMs: NOW })).toBe(
      'deployment.apps/web\n',
    );
    expect(
      printObjects(rt('po'), [runningPod('web-x')], { kind: 'name' }, { single: false, nowMs: NOW }),
    ).toBe('pod/web-x\n');
  });

  it('prints jsonpath without a trailing newline, over the List when listing', () => {
    const pods = [runningPod('a'), runningPod('b')];
    expect(
      printObjects(
        rt('po'),
        pods,
        { kind: 'jsonpath', template: '{.items[*].metadata.name}' },
        { single: false, nowMs: NOW },
      ),
    ).toBe('a b');
    expect(
      printObjects(
        rt('po'),
        [pods[0]],
        { kind: 'jsonpath', template: '{.spec.nodeName}' },
        { single: true, nowMs: NOW },
      ),
    ).toBe('node-1');
    expect(
      printObjects(
        rt('po'),
        [pods[0]],
        { kind: 'jsonpath', template: '{.metadata.name}', asJson: true },
        { single: true, nowMs: NOW },
      ),
    ).toBe('"a"\n');
  });

  it('reports jsonpath parse and execution errors with kubectl wording', () => {
    expect(() =>
      printObjects(rt('po'), [], { kind: 'jsonpath', template: '{.foo' }, { single: false, nowMs: NOW }),
    ).toThrow('error parsing jsonpath {.foo, unclosed action\n');
    let message = '';
    try {
      printObjects(
        rt('po'),
        [],
        { kind: 'jsonpath', template: '{.items[0].metadata.name}' },
        { single: false, nowMs: NOW },
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].metadata.name}\n' +
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
    );
  });

  it('prints custom columns with <none> for missing values and commas for several', () => {
    const pod = runningPod('web-1');
    const two = {
      ...pod,
      spec: { ...pod.spec, containers: [...pod.spec.containers, { name: 'sidecar', image: 'envoy:1.31' }] },
    };
    expect(
      printObjects(
        rt('po'),
        [pod, two],
        {
          kind: 'custom-columns',
          spec: 'NAME:.metadata.name,IMAGES:.spec.containers[*].image,SA:spec.serviceAccountName',
        },
        { single: false, nowMs: NOW },
      ),
    ).toBe(
      'NAME    IMAGES                  SA\nweb-1   nginx:1.27              <none>\nweb-1   nginx:1.27,envoy:1.31   <none>\n',
    );
    expect(() =>
      printObjects(rt('po'), [pod], { kind: 'custom-columns', spec: 'NAME' }, { single: false, nowMs: NOW }),
    ).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
  });

  it('runs go-templates', () => {
    const pods = [runningPod('a'), runningPod('b')];
    expect(
      printObjects(
        rt('po'),
        pods,
        { kind: 'go-template', template: '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}' },
        { single: false, nowMs: NOW },
      ),
    ).toBe('a\nb\n');
    expect(
      printObjects(
        rt('po'),
        [pods[0]],
        {
          kind: 'go-template',
          template:
            '{{if eq .status.phase "Running"}}up{{else}}down{{end}} {{len .spec.containers}} {{.nope}}',
        },
        { single: true, nowMs: NOW },
      ),
    ).toBe('up 1 <no value>');
  });
});

describe('customColumnsSpecFromFile', () => {
  it('pairs the header line with the spec line', () => {
    expect(customColumnsSpecFromFile('NAME  IMAGE\n.metadata.name   .spec.containers[*].image\n')).toBe(
      'NAME:.metadata.name,IMAGE:.spec.containers[*].image',
    );
    expect(() => customColumnsSpecFromFile('NAME IMAGE\n.metadata.name\n')).toThrow(
      "number of headers (2) and field specifications (1) don't match",
    );
  });
});

describe('sortObjects (--sort-by)', () => {
  it('sorts by a field in natural order, objects without it first', () => {
    const a = runningPod('web-10', { created: 1 * H });
    const b = runningPod('web-9', { created: 2 * H });
    const c = runningPod('web-1', { created: 30 * M });
    expect(sortObjects([a, b, c], '.metadata.name').map((o) => o.metadata.name)).toEqual([
      'web-1',
      'web-9',
      'web-10',
    ]);
    expect(sortObjects([a, b, c], '{.metadata.creationTimestamp}').map((o) => o.metadata.name)).toEqual([
      'web-9',
      'web-10',
      'web-1',
    ]);
    const noIp = { ...c, status: { ...c.status, podIP: undefined } };
    expect(sortObjects([a, noIp], '.status.podIP').map((o) => o.metadata.name)).toEqual(['web-1', 'web-10']);
    expect(() => sortObjects([a, b], '.spec.nope')).toThrow(
      'couldn\'t find any field with path "{.spec.nope}" in the list of objects',
    );
    expect(sortObjects([], '.spec.nope')).toEqual([]);
    expect(ago(0)).toBe('2025-01-15T10:00:00Z');
  });
});
