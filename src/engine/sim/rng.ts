/**
 * Seeded pseudo-random numbers (sfc32). The engine never calls Math.random: every random choice
 * (uids, pod name suffixes, jitter) comes from one Rng passed down explicitly, so a seed replays a run.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 expands the one seed into sfc32's four words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.string(length, '0123456789abcdef');
  }

  /** An RFC 4122 version-4 UUID, as the API server assigns to metadata.uid. */
  uuid(): string {
    const a = this.nextUint32();
    const b = this.nextUint32();
    const c = ((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.nextUint32();
    // Byte-wise table look-ups: every object the API server creates takes one of these.
    return (
      `${hex8(a)}-${BYTE_HEX[b >>> 24]}${BYTE_HEX[(b >>> 16) & 255]}-4${NIBBLE_HEX[(b >>> 8) & 15]}${BYTE_HEX[b & 255]}-` +
      `${BYTE_HEX[c >>> 24]}${BYTE_HEX[(c >>> 16) & 255]}-${BYTE_HEX[(c >>> 8) & 255]}${BYTE_HEX[c & 255]}${hex8(d)}`
    );
  }

  /** A child generator with its own stream, so one subsystem's draws do not shift another's. */
  fork(label: string): Rng {
    let h = this.nextUint32();
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619) >>> 0;
    return new Rng(h);
  }
}

/** The alphabet Kubernetes uses for generated name suffixes (utilrand.String): no vowels, no 0/1/3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const NIBBLE_HEX = '0123456789abcdef';
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => NIBBLE_HEX[i >> 4] + NIBBLE_HEX[i & 15]);

function hex8(n: number): string {
  return BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 255] + BYTE_HEX[(n >>> 8) & 255] + BYTE_HEX[n & 255];
}
