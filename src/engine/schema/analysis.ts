/**
 * Per-definition facts computed once and cached, so the per-write walks (defaulting, schema validation)
 * only visit the fields that can matter: a Pod's ObjectMeta, for one, has no defaults and nothing the
 * schema itself requires, so it is never walked.
 */
import { definition } from './bundle';
import type { SchemaNode } from './types';

/** Does anything under `node` match `here` (cycle-safe, memoised per definition in `memo`)? */
function reaches(
  node: SchemaNode,
  here: (def: string, node: SchemaNode) => boolean,
  memo: Map<string, boolean>,
): boolean {
  if (node.ref) {
    const cached = memo.get(node.ref);
    if (cached !== undefined) return cached;
    const d = definition(node.ref);
    if (!d) return false;
    memo.set(node.ref, false); // provisional, breaks cycles
    const result = here(node.ref, d) || reachesInline(d, here, memo);
    memo.set(node.ref, result);
    return result;
  }
  return reachesInline(node, here, memo);
}

function reachesInline(
  node: SchemaNode,
  here: (def: string, node: SchemaNode) => boolean,
  memo: Map<string, boolean>,
): boolean {
  if (node.items && reaches(node.items, here, memo)) return true;
  if (node.additionalProperties && reaches(node.additionalProperties, here, memo)) return true;
  for (const p of Object.values(node.properties ?? {})) {
    if (here('', p) || reaches(p, here, memo)) return true;
  }
  return false;
}

export function isZeroValue(v: unknown): boolean {
  if (v === 0 || v === '' || v === false || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

/** A memoised "is there anything of interest under this node" predicate. */
export class Reach {
  private memo = new Map<string, boolean>();
  private inline = new WeakMap<SchemaNode, boolean>();

  constructor(private readonly here: (def: string, node: SchemaNode) => boolean) {}

  test(node: SchemaNode): boolean {
    if (node.ref) return reaches(node, this.here, this.memo);
    let r = this.inline.get(node);
    if (r === undefined) {
      r = this.here('', node) || reachesInline(node, this.here, this.memo);
      this.inline.set(node, r);
    }
    return r;
  }
}
