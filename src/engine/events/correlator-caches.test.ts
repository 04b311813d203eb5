import { describe, expect, it } from 'vitest';
import { CorrelatorCaches, type ObjectScope } from './correlator-caches';

/** Client-go's LRU as a string-keyed map (a hit is re-inserted, the first key is the oldest). */
class StringLru {
  private readonly map = new Map<string, string>();
  constructor(private readonly limit: number) {}
  get(key: string): string | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  add(key: string, value: string): void {
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
}

describe('CorrelatorCaches', () => {
  it('hits and evicts exactly as string-keyed LRUs of the concatenated keys', () => {
    const limit = 16;
    const caches = new CorrelatorCaches(limit);
    const aggregates = new StringLru(limit);
    const observed = new StringLru(limit);
    const spam = new StringLru(limit);
    // Scopes kept between calls as the recorder keeps them with an object's keys, and sometimes let go of
    // (registered under their key) as the recorder drops keys.
    const held = new Map<string, ObjectScope>();
    let adopted = 0;
    let seed = 7;
    const rnd = (k: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % k;
    };
    const counts = { aggHits: 0, obsHits: 0, spamHits: 0, aggMisses: 0, obsMisses: 0, spamMisses: 0 };
    for (let i = 0; i < 20_000; i++) {
      // A few hot keys among many cold ones: hits, and evictions in all three LRUs.
      const objectKey = `object-${rnd(2) ? rnd(3) : rnd(40)}`;
      const warning = rnd(4) === 0;
      const reason = `Reason${rnd(2) ? 0 : rnd(4)}`;
      const aggregated = rnd(8) === 0;
      const fieldPath = aggregated ? undefined : ['', 'spec.containers{a}', 'spec.containers{b}'][rnd(3)];
      const message = `message ${rnd(2) ? 0 : rnd(5)}`;

      let scope = held.get(objectKey);
      if (scope === undefined || !scope.alive) {
        if (scope === undefined && caches.hasRegistered) adopted++;
        scope = caches.scope(caches.hasRegistered ? objectKey : undefined);
        held.set(objectKey, scope);
      }
      const slot = caches.slot(scope, warning, reason);
      const aggregateKey = `${objectKey}\u0000${warning ? 'Warning' : 'Normal'}\u0000${reason}`;

      const aggHit = aggregates.get(aggregateKey) !== undefined;
      if (!aggHit) aggregates.add(aggregateKey, 'record');
      expect(caches.touchAggregate(slot, i)).toBe(aggHit);
      if (aggHit) counts.aggHits++;
      else counts.aggMisses++;

      const observedKey =
        fieldPath === undefined ? aggregateKey : `${aggregateKey}\u0000${fieldPath}\u0000${message}`;
      const want = observed.get(observedKey);
      const got = caches.observed(slot, fieldPath, message);
      expect(got?.name).toBe(want);
      if (want === undefined) {
        observed.add(observedKey, `event-${i}`);
        caches.observe(slot, fieldPath, message, 'now', `event-${i}`, 'default');
        counts.obsMisses++;
      } else counts.obsHits++;

      const spamHit = spam.get(objectKey) !== undefined;
      if (!spamHit) spam.add(objectKey, 'bucket');
      expect(caches.touchSpam(scope)).toBe(spamHit);
      if (spamHit) counts.spamHits++;
      else counts.spamMisses++;
      if (rnd(50) === 0) {
        const [key, dropped] = [...held][rnd(held.size)];
        caches.register(dropped, key);
        held.delete(key);
      }
    }
    expect(adopted).toBeGreaterThan(50);
    // Hits in all three LRUs, and far more misses than the 43 object keys there are: evictions in all three.
    expect(counts.aggHits).toBeGreaterThan(5000);
    expect(counts.obsHits).toBeGreaterThan(500);
    expect(counts.spamHits).toBeGreaterThan(10_000);
    expect(Math.min(counts.aggMisses, counts.obsMisses, counts.spamMisses)).toBeGreaterThan(1000);
  });
});
