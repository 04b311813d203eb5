/**
 * pod-template-hash (controller.ComputeHash): FNV-32a over the pod template, then the collision count as
 * eight little-endian bytes when set, printed in decimal and passed through rand.SafeEncodeString, which
 * maps every digit to a consonant or digit so that names like `web-7c9f8d6b5` cannot spell words.
 * Upstream feeds the hasher a spew dump of the Go struct; we feed it a canonical JSON rendering (sorted
 * keys) of the same template, so equal templates hash equal and any change yields a new hash.
 */
import { stableStringify } from '../../util/objects';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function* utf8(text: string): Generator<number> {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) yield c;
    else if (c < 0x800) {
      yield 0xc0 | (c >> 6);
      yield 0x80 | (c & 63);
    } else if (c < 0x10000) {
      yield 0xe0 | (c >> 12);
      yield 0x80 | ((c >> 6) & 63);
      yield 0x80 | (c & 63);
    } else {
      yield 0xf0 | (c >> 18);
      yield 0x80 | ((c >> 12) & 63);
      yield 0x80 | ((c >> 6) & 63);
      yield 0x80 | (c & 63);
    }
  }
}

/** rand.SafeEncodeString: each byte of the input picks alphabet[byte % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(utf8(stableStringify(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    h = fnv32a([c & 255, (c >>> 8) & 255, (c >>> 16) & 255, (c >>> 24) & 255, 0, 0, 0, 0], h);
  }
  return safeEncodeString(String(h));
}
