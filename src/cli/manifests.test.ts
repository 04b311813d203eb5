import { describe, expect, it } from 'vitest';
import { registerBuiltinKinds } from '../engine/api/builtin-kinds';
import { KindRegistry } from '../engine/api/kinds';
import { decodeSource, joinPath, readSources, splitDocuments, yamlSyntaxError } from './manifests';

const kinds = new KindRegistry();
registerBuiltinKinds(kinds);

describe('manifests', () => {
  it('splits multi-document streams and skips empty documents', () => {
    expect(splitDocuments('---\na: 1\n---\n# only a comment\n---\nb: 2\n')).toEqual(['a: 1', 'b: 2\n']);
  });

  it('words YAML syntax errors as go-yaml with the line inside the document', () => {
    expect(yamlSyntaxError('apiVersion: v1\nkind: Pod\nmetadata: name: x\n')).toBe(
      'yaml: line 3: mapping values are not allowed in this context',
    );
    expect(yamlSyntaxError('a: 1\nb:\n\tc: 2\n')).toBe(
      'yaml: line 3: found character that cannot start any token',
    );
    expect(yamlSyntaxError('a: 1\n')).toBeUndefined();
    const r = decodeSource(
      'STDIN',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata: name: x\n',
      kinds,
    );
    expect(r.items.map((i) => i.obj.metadata.name)).toEqual(['a']);
    expect((r.errors[0] as Error).message).toBe(
      'error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context',
    );
  });

  it('reports missing apiVersion/kind and unknown kinds as kubectl does', () => {
    const r = decodeSource(
      'x.yaml',
      'metadata:\n  name: a\n---\napiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: web\n',
      kinds,
    );
    expect(r.items).toEqual([]);
    expect((r.errors[0] as Error).message).toBe(
      'error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect((r.errors[1] as Error).message).toBe(
      'resource mapping not found for name: "web" namespace: "" from "x.yaml": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first',
    );
  });

  it('expands a List and reads YAML 1.1 booleans as go-yaml v2 does', () => {
    const r = decodeSource(
      'l.yaml',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {x: yes}\n',
      kinds,
    );
    expect(r.items[0].obj.data).toEqual({ x: true });
  });

  it('reads files, directories (not recursive unless -R) and stdin', () => {
    const files = new Map([
      ['/lab/app/web.yaml', 'w'],
      ['/lab/app/db.yml', 'd'],
      ['/lab/app/notes.txt', 'n'],
      ['/lab/app/sub/x.json', 'x'],
    ]);
    const lab = { read: (p: string) => files.get(p), list: () => [...files.keys()] };
    expect(readSources(['app'], { files: lab, cwd: '/lab' })).toEqual([
      { source: 'app/db.yml', text: 'd' },
      { source: 'app/web.yaml', text: 'w' },
    ]);
    expect(readSources(['app/'], { files: lab, cwd: '/lab', recursive: true }).map((s) => s.source)).toEqual([
      'app/db.yml',
      'app/sub/x.json',
      'app/web.yaml',
    ]);
    expect(readSources(['-'], { stdin: 's' })).toEqual([{ source: 'STDIN', text: 's' }]);
    expect(() => readSources(['nope.yaml'], { files: lab, cwd: '/lab' })).toThrow(
      'the path "nope.yaml" does not exist',
    );
    expect(joinPath('/lab/x', '../y/./z.yaml')).toBe('/lab/y/z.yaml');
  });

  it('serves the bundled tutorial URLs and 404s the rest', () => {
    expect(readSources(['https://k8s.io/examples/pods/simple-pod.yaml'], {})[0].text).toContain(
      'image: nginx:1.14.2',
    );
    expect(() => readSources(['https://example.com/x.yaml'], {})).toThrow(
      'unable to read URL "https://example.com/x.yaml", server reported 404 Not Found, status code=404',
    );
  });
});
