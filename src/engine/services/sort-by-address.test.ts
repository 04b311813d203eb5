import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng';
import { sortByAddress } from './subsets';

const byAddress = (a: { ipNum: number; uid: string }, b: { ipNum: number; uid: string }) =>
  a.ipNum - b.ipNum || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);

describe('sortByAddress', () => {
  it('orders like the comparator sort: by IP number, equal IPs by uid, for small and large lists', () => {
    const rng = new Rng(7);
    for (const n of [0, 1, 5, 63, 64, 1000, 5000]) {
      // Few distinct IPs for some entries (hostNetwork pods share their node's), the top of the range too.
      const entries = Array.from({ length: n }, (_, i) => ({
        ipNum: i % 7 === 0 ? 0xffffffff - rng.int(0, 3) : rng.int(0, 2 ** 24),
        uid: `${rng.string(8, 'abcdef0123456789')}-${i}`,
      }));
      const expected = [...entries].sort(byAddress);
      sortByAddress(entries);
      expect(entries).toEqual(expected);
    }
  });
});
