/**
 * Where an API server field path (`spec.template.spec.containers[0].image`) sits in a YAML file, so
 * its error can be underlined. A missing field (e.g. `Required value`) points at its nearest existing
 * parent's key.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, parseAllDocuments } from 'yaml';

export interface TextRange {
  start: number;
  end: number;
}

/** `a.b[0].c` -> ['a', 'b', 0, 'c']; map keys with dots come bracketed and quoted: `labels[app.kubernetes.io/name]`. */
export function fieldSegments(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[([^\]]+)\]/g;
  for (const m of field.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(m[3].replace(/^["']|["']$/g, ''));
  }
  return out;
}

export function rangeOfField(content: string, docIndex: number, field: string): TextRange | undefined {
  const docs = parseAllDocuments(content);
  if (!Array.isArray(docs)) return undefined;
  const doc = docs[docIndex];
  if (!doc?.contents) return undefined;
  let node: Node | null = doc.contents as Node;
  let keyRange: TextRange | undefined;
  const docRange = doc.contents.range
    ? { start: doc.contents.range[0], end: doc.contents.range[1] }
    : undefined;
  for (const seg of fieldSegments(field)) {
    if (isMap(node)) {
      const pair: Pair | undefined = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) break;
      const k = pair.key as Node;
      keyRange = k.range ? { start: k.range[0], end: k.range[1] } : keyRange;
      node = (pair.value as Node) ?? null;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      keyRange = item.range ? { start: item.range[0], end: item.range[1] } : keyRange;
      node = item;
    } else {
      node = null;
      break;
    }
  }
  // A scalar value is underlined itself; a map or list by its key (underlining a whole block is noise).
  if (node && isScalar(node) && node.range) return { start: node.range[0], end: node.range[1] };
  return keyRange ?? docRange;
}
