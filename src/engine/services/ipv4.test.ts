import { describe, expect, it } from 'vitest';
import { formatIPv4, parseIPv4 } from './ipv4';

/** The definition parseIPv4 implements without a regex. */
function byPattern(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i].length > 1 && m[i][0] === '0')) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

describe('parseIPv4', () => {
  it('reads dotted quads as 32-bit numbers and rejects everything else', () => {
    expect(parseIPv4('10.244.1.7')).toBe(((10 * 256 + 244) * 256 + 1) * 256 + 7);
    expect(parseIPv4('255.255.255.255')).toBe(4294967295);
    expect(parseIPv4('0.0.0.0')).toBe(0);
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.',
      '.1.2.3.4',
      '1..2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.00',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1.2.3.4\n',
      '1.2.3.a',
      '1.2.3.1234',
      '١.2.3.4',
      'localhost',
    ])
      expect(parseIPv4(bad)).toBeUndefined();
  });

  it('agrees with the pattern on random strings over digits and dots', () => {
    let seed = 42;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const alphabet = '0123456789..........x ';
    for (let i = 0; i < 50_000; i++) {
      let s = '';
      const len = rnd(17);
      for (let j = 0; j < len; j++) s += alphabet[rnd(alphabet.length)];
      expect(parseIPv4(s)).toBe(byPattern(s));
    }
    for (let i = 0; i < 20_000; i++) {
      const n = rnd(2 ** 31) * 2 + rnd(2);
      expect(parseIPv4(formatIPv4(n))).toBe(n);
    }
  });
});
