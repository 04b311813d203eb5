/**
 * Compiles the vendored upstream API schemas (schemas/) into the compact, deterministic JSON the engine
 * loads (src/engine/schema/generated/): definitions.json (types, required fields, enums, defaults, merge
 * keys and the GVK → root definition map) and descriptions.json (for `kubectl explain`).
 *
 * Sources: the Kubernetes 1.32 OpenAPI v3 documents, the OpenShift Swagger 2.0 document (user-facing
 * groups only) and the Istio CRDs (every version's openAPIV3Schema). Run with `npm run gen`.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { type RawSchema as Raw, SchemaCompiler } from '../src/engine/schema/compile';
import type { DescriptionBundle, RootInfo, SchemaBundle, SchemaNode } from '../src/engine/schema/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = join(ROOT, 'schemas');
const OUT = join(ROOT, 'src/engine/schema/generated');

/** OpenShift API packages a learner meets; each is served as `<package>.openshift.io`. */
const OPENSHIFT_PACKAGES = [
  'apps',
  'authorization',
  'build',
  'image',
  'network',
  'oauth',
  'project',
  'quota',
  'route',
  'security',
  'template',
  'user',
];

const compiler = new SchemaCompiler();
const definitions = compiler.definitions;
const roots = new Map<string, RootInfo>();

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

function walkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walkFiles(full));
    else if (entry.endsWith('.json')) out.push(full);
  }
  return out;
}

function loadKubernetes(): void {
  for (const file of walkFiles(join(SCHEMAS, 'kubernetes-1.32'))) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const schemas: Record<string, Raw> = doc.components?.schemas ?? {};
    for (const name of Object.keys(schemas).sort()) {
      const raw = schemas[name];
      compiler.addDefinition(name, raw);
      for (const gvk of raw['x-kubernetes-group-version-kind'] ?? []) {
        // DeleteOptions, WatchEvent and friends carry every group's GVK; only the type's own kind is a root.
        if (name.slice(name.lastIndexOf('.') + 1) !== gvk.kind) continue;
        addRoot({ group: gvk.group, version: gvk.version, kind: gvk.kind, definition: name, source: 'k8s' });
      }
    }
  }
}

function addRoot(info: RootInfo): void {
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  const key = `${apiVersion}|${info.kind}`;
  if (!roots.has(key)) roots.set(key, info);
}

function loadOpenShift(): void {
  const doc = JSON.parse(readFileSync(join(SCHEMAS, 'openshift/openapi.json'), 'utf8'));
  const defs: Record<string, Raw> = doc.definitions;
  const wanted: string[] = [];
  for (const name of Object.keys(defs).sort()) {
    const m = /^com\.github\.openshift\.api\.([a-z]+)\.(v[0-9a-z]+)\.([A-Za-z0-9]+)$/.exec(name);
    if (!m || !OPENSHIFT_PACKAGES.includes(m[1])) continue;
    const props = defs[name].properties ?? {};
    if (!props.apiVersion || !props.kind || !props.metadata || m[3].endsWith('List')) continue;
    wanted.push(name);
    addRoot({
      group: `${m[1]}.openshift.io`,
      version: m[2],
      kind: m[3],
      definition: name,
      source: 'openshift',
    });
  }
  // Pull in what the roots reference; Kubernetes definitions already loaded win over OpenShift's copies.
  const queue = [...wanted];
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!definitions.has(name) && defs[name]) compiler.addDefinition(name, defs[name]);
    collectRefs(defs[name], queue);
  }
}

function collectRefs(raw: Raw, into: string[]): void {
  if (!raw || typeof raw !== 'object') return;
  if (Array.isArray(raw)) {
    for (const x of raw) collectRefs(x, into);
    return;
  }
  for (const [k, v] of Object.entries(raw)) {
    if (k === '$ref' && typeof v === 'string') into.push(refName(v));
    else collectRefs(v, into);
  }
}

function loadIstio(): void {
  const text = readFileSync(join(SCHEMAS, 'istio/customresourcedefinitions.gen.yaml'), 'utf8');
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const { group, names, versions } = crd.spec;
    for (const v of versions) {
      const schema = v.schema?.openAPIV3Schema;
      if (!schema) continue;
      const name = compiler.addCustomResource(group, v.name, names.kind, schema);
      addRoot({ group, version: v.name, kind: names.kind, definition: name, source: 'crd' });
    }
  }
}

/** Keep only definitions reachable from a root, in a stable order. */
function prune(): Record<string, SchemaNode> {
  const keep = new Set<string>();
  const queue = [...roots.values()].map((r) => r.definition);
  while (queue.length) {
    const name = queue.pop()!;
    if (keep.has(name) || !definitions.has(name)) continue;
    keep.add(name);
    collectNodeRefs(definitions.get(name)!, queue);
  }
  const out: Record<string, SchemaNode> = {};
  for (const name of [...keep].sort()) out[name] = definitions.get(name)!;
  return out;
}

function collectNodeRefs(node: SchemaNode, into: string[]): void {
  if (node.ref) into.push(node.ref);
  if (node.items) collectNodeRefs(node.items, into);
  if (node.additionalProperties) collectNodeRefs(node.additionalProperties, into);
  for (const p of Object.values(node.properties ?? {})) collectNodeRefs(p, into);
}

function main(): void {
  const started = performance.now();
  loadKubernetes();
  loadOpenShift();
  loadIstio();
  const defs = prune();
  const bundle: SchemaBundle = {
    definitions: defs,
    roots: Object.fromEntries([...roots.keys()].sort().map((k) => [k, roots.get(k)!])),
  };
  const desc: DescriptionBundle = {};
  for (const name of Object.keys(defs)) {
    const d = compiler.descriptions.get(name);
    if (d)
      desc[name] = Object.fromEntries(
        Object.keys(d)
          .sort()
          .map((k) => [k, d[k]]),
      );
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'definitions.json'), JSON.stringify(bundle));
  writeFileSync(join(OUT, 'descriptions.json'), JSON.stringify(desc));
  const ms = Math.round(performance.now() - started);
  console.log(`gen-schemas: ${Object.keys(defs).length} definitions, ${roots.size} kinds (${ms} ms)`);
}

main();
