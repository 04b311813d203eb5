import { describe, expect, it } from 'vitest';
import { configMap, testCluster } from '../testing/fixtures';
import { CORRELATOR_CACHE_SIZE, eventNameSuffix } from './recorder';

describe('EventRecorder', () => {
  it('names events <object>.<hex of 0x1810000000000000 + unix nanos + seq>, exactly as with BigInt', () => {
    // Up and down across many changes of the high 32 bits (its hex is kept between calls).
    const times = [0, 1, 5_000, 123_456_789, 4_294_967_296, 9e9, 3e12];
    for (let ms = 0; ms < 60_000; ms += 997) times.push(ms, 60_000 - ms);
    for (const ms of times) {
      for (const seq of [0, 1, 999_999]) {
        const want = (0x1810000000000000n + BigInt(ms) * 1_000_000n + BigInt(seq)).toString(16);
        expect(eventNameSuffix(ms, seq)).toBe(want);
      }
    }
  });

  it('counts repeats of the same event up and forgets the oldest beyond the correlator cache', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', {}));
    const source = { component: 'test' };
    const events = () => c.ctx.events.for(cm).filter((e) => e.reason === 'Ping');
    c.ctx.events.record(cm, 'Normal', 'Ping', 'first', source);
    c.advance(2000);
    c.ctx.events.record(cm, 'Normal', 'Ping', 'first', source);
    expect(events().map((e) => [e.message, e.count])).toEqual([['first', 2]]);
    // Distinct sources, so neither the aggregator nor the spam filter groups them: 4096 new cache keys.
    for (let i = 0; i < CORRELATOR_CACHE_SIZE; i++)
      c.ctx.events.record(cm, 'Normal', 'Other', `m${i}`, { component: `c${i}` });
    c.ctx.events.record(cm, 'Normal', 'Ping', 'first', source);
    expect(events().map((e) => [e.message, e.count])).toEqual([
      ['first', 2],
      ['first', 1],
    ]);
  });

  it('combines the 10th and later distinct messages of one reason into one aggregate event', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', {}));
    const source = { component: 'test' };
    for (let i = 1; i <= 12; i++) c.ctx.events.record(cm, 'Warning', 'Flap', `attempt ${i}`, source);
    const flaps = c.ctx.events.for(cm).filter((e) => e.reason === 'Flap');
    expect(flaps.map((e) => [e.message, e.count])).toEqual([
      ...Array.from({ length: 9 }, (_, i) => [`attempt ${i + 1}`, 1]),
      ['(combined from similar events): attempt 12', 3],
    ]);
    // More than 10 minutes later the similar-event window starts again.
    c.advance(601_000);
    c.ctx.events.record(cm, 'Warning', 'Flap', 'attempt 13', source);
    expect(
      c.ctx.events
        .for(cm)
        .filter((e) => e.message === 'attempt 13')
        .map((e) => e.count),
    ).toEqual([1]);
  });

  it('lets a source burst 25 events about an object, then one every 5 minutes', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', {}));
    const source = { component: 'test' };
    const count = () => c.ctx.events.for(cm).find((e) => e.reason === 'Spam')?.count;
    for (let i = 0; i < 40; i++) c.ctx.events.record(cm, 'Normal', 'Spam', 'again', source);
    expect(count()).toBe(25);
    c.advance(299_000);
    c.ctx.events.record(cm, 'Normal', 'Spam', 'again', source);
    expect(count()).toBe(25);
    c.advance(2_000);
    c.ctx.events.record(cm, 'Normal', 'Spam', 'again', source);
    // The observation kept counting while the writes were dropped.
    expect(count()).toBe(42);
  });

  it('expires events an hour after their last write (--event-ttl=1h)', () => {
    const c = testCluster();
    const cm = c.api.create(configMap('a', {}));
    const source = { component: 'test' };
    c.ctx.events.record(cm, 'Normal', 'Old', 'once', source);
    c.advance(1_800_000);
    c.ctx.events.record(cm, 'Normal', 'Kept', 'twice', source);
    c.advance(1_000_000);
    c.ctx.events.record(cm, 'Normal', 'Kept', 'twice', source);
    const reasons = () =>
      c.api
        .list('events', { namespace: 'default' })
        .filter((e) => (e.involvedObject as { uid: string }).uid === cm.metadata.uid)
        .map((e) => `${e.reason}x${e.count}`)
        .sort();
    expect(reasons()).toEqual(['Keptx2', 'Oldx1']);
    c.advance(801_000);
    expect(reasons()).toEqual(['Keptx2']);
    c.advance(3_600_000);
    expect(reasons()).toEqual([]);
  });
});
