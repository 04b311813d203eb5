/**
 * Real upstream manifests (kubernetes/examples guestbook and cassandra, Istio's bookinfo and samples)
 * must decode strictly, default and validate without a single error, as they do on a real cluster.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { registerBuiltinKinds } from '../api/builtin-kinds';
import { KindRegistry, type ResourceType } from '../api/kinds';
import type { KObject } from '../api/types';
import { applyDefaults, decodeStrict, rootFor, validate } from './index';

const CORPUS = resolve(__dirname, '../../../../shared/reference/corpus');
const kinds = new KindRegistry();
registerBuiltinKinds(kinds);

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const full = join(dir, f);
      if (statSync(full).isDirectory()) return files(full);
      return /\.ya?ml$/.test(f) ? [full] : [];
    });
}

/** The registered type, or one built from the schema's GVK for kinds not registered yet (Istio). */
function typeFor(obj: KObject): ResourceType {
  const rt = kinds.forObject(obj);
  if (rt) return rt;
  const root = rootFor(obj.apiVersion, obj.kind);
  if (!root) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
  const plural = `${obj.kind.toLowerCase()}s`;
  return {
    group: root.group,
    version: root.version,
    kind: root.kind,
    plural,
    singular: plural,
    shortNames: [],
    namespaced: true,
    categories: [],
    verbs: [],
    strategy: {},
  };
}

describe.skipIf(!existsSync(CORPUS))('upstream sample manifests', () => {
  const docs: [string, KObject][] = [];
  if (existsSync(CORPUS)) {
    for (const dir of ['kubernetes-examples', 'istio-samples']) {
      for (const file of files(join(CORPUS, dir))) {
        for (const d of parseAllDocuments(readFileSync(file, 'utf8'))) {
          const obj = d.toJS() as KObject | null;
          if (obj?.kind)
            docs.push([`${file.slice(CORPUS.length + 1)} ${obj.kind}/${obj.metadata?.name}`, obj]);
        }
      }
    }
  }

  it('covers guestbook, cassandra and bookinfo', () => {
    const names = docs.map(([n]) => n).join('\n');
    expect(names).toContain('guestbook-all-in-one.yaml Deployment/frontend');
    expect(names).toContain('cassandra-statefulset.yaml StatefulSet/cassandra');
    expect(names).toContain('bookinfo__platform__kube__bookinfo.yaml Deployment/reviews-v3');
    expect(names).toContain('virtual-service-reviews-jason-v2-v3.yaml VirtualService/reviews');
    expect(docs.length).toBeGreaterThan(60);
  });

  it.each(docs)('%s decodes, defaults and validates cleanly', (_name, obj) => {
    const copy = structuredClone(obj);
    copy.metadata.namespace ??= 'default';
    const rt = typeFor(copy);
    expect(decodeStrict(rt, copy)?.message ?? null).toBeNull();
    applyDefaults(rt, copy);
    expect(validate(rt, copy).map((e) => e.message)).toEqual([]);
  });
});
