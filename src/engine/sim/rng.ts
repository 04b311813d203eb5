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
    // Written as character codes and made into one flat string: every object the API server creates takes
    // one, and a string built by concatenation stays a rope of ~15 pieces (about 400 bytes instead of 60).
    const u = UUID_CODES;
    putHex(u, 0, a, 8);
    putHex(u, 9, b >>> 16, 4);
    putHex(u, 15, b & 0xfff, 3);
    putHex(u, 19, c >>> 16, 4);
    putHex(u, 24, c & 0xffff, 4);
    putHex(u, 28, d, 8);
    return String.fromCharCode.apply(null, u as unknown as number[]);
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

const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
/** xxxxxxxx-xxxx-4xxx-xxxx-xxxxxxxxxxxx: the dashes and the version digit never change. */
const UUID_CODES = new Uint16Array(36);
for (const [i, ch] of [
  [8, 45],
  [13, 45],
  [14, 52],
  [18, 45],
  [23, 45],
])
  UUID_CODES[i] = ch;

/** The low `digits` hex digits of `n` into `codes` from `at`, most significant first. */
function putHex(codes: Uint16Array, at: number, n: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--) {
    codes[at + i] = HEX_CODES[n & 15];
    n >>>= 4;
  }
}
