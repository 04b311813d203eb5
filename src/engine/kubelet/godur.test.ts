import { describe, expect, it } from 'vitest';
import { goDuration } from './godur';

describe('goDuration', () => {
  it("prints as Go's time.Duration.String() does", () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(1)).toBe('1ms');
    expect(goDuration(812)).toBe('812ms');
    expect(goDuration(1.5)).toBe('1.5ms');
    expect(goDuration(0.1234)).toBe('0.123ms');
    expect(goDuration(1000)).toBe('1s');
    expect(goDuration(2345)).toBe('2.345s');
    expect(goDuration(2300)).toBe('2.3s');
    expect(goDuration(59_999)).toBe('59.999s');
    expect(goDuration(60_000)).toBe('1m0s');
    expect(goDuration(62_500)).toBe('1m2.5s');
    expect(goDuration(3_600_000)).toBe('1h0m0s');
    expect(goDuration(3_723_004)).toBe('1h2m3.004s');
    expect(goDuration(1100.4)).toBe('1.1s');
  });
});
