/** `kubectl get --sort-by=<jsonpath>`: kubectl's RuntimeSort (stable; objects without the field first). */
import type { StoredObject } from '../../engine/api/types';
import { JsonPath } from './jsonpath/eval';
import { relaxedJsonPath } from './output';

export function sortImpl(objects: StoredObject[], jsonPath: string): StoredObject[] {
  const field = relaxedJsonPath(jsonPath);
  const jp = new JsonPath(field).allowMissing(true);
  const keyed = objects.map((o) => {
    let v: unknown;
    try {
      const groups = jp.findResults(o);
      v = groups.length > 0 && groups[0].length > 0 ? groups[0][0] : undefined;
    } catch {
      v = undefined;
    }
    return { o, v };
  });
  if (keyed.length > 0 && keyed.every((k) => k.v === undefined)) {
    throw new Error(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  }
  // Array.prototype.sort is stable, like sort.Stable.
  keyed.sort((a, b) => {
    if (a.v === undefined) return b.v === undefined ? 0 : -1;
    if (b.v === undefined) return 1;
    return less(a.v, b.v) ? -1 : less(b.v, a.v) ? 1 : 0;
  });
  return keyed.map((k) => k.o);
}

function less(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return naturalLess(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return String(a) < String(b);
}

/** vbom.ml/util/sortorder.NaturalLess: digit runs compare by value, everything else by code unit. */
export function naturalLess(s1: string, s2: string): boolean {
  let i1 = 0;
  let i2 = 0;
  const isDigit = (c: string) => c >= '0' && c <= '9';
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = s1[i1];
    const c2 = s2[i2];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    // Digit runs: skip leading zeros, then the shorter number is less, then by digits, then fewer zeros first.
    let z1 = i1;
    while (z1 < s1.length && s1[z1] === '0') z1++;
    let z2 = i2;
    while (z2 < s2.length && s2[z2] === '0') z2++;
    let e1 = z1;
    while (e1 < s1.length && isDigit(s1[e1])) e1++;
    let e2 = z2;
    while (e2 < s2.length && isDigit(s2[e2])) e2++;
    const n1 = s1.slice(z1, e1);
    const n2 = s2.slice(z2, e2);
    if (n1.length !== n2.length) return n1.length < n2.length;
    if (n1 !== n2) return n1 < n2;
    if (z1 !== z2) return z1 < z2;
    i1 = e1;
    i2 = e2;
  }
  return s1.length < s2.length;
}
