import { describe, expect, it } from 'vitest';
import { humanDuration } from './index';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [3 * M + 20 * S, '3m20s'],
    [10 * M + 59 * S, '10m'],
    [47 * M, '47m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [5 * H + 12 * M, '5h12m'],
    [8 * H + 30 * M, '8h'],
    [30 * H, '30h'],
    [2 * D, '2d'],
    [3 * D + 4 * H, '3d4h'],
    [12 * D, '12d'],
    [400 * D, '400d'],
    [2 * 365 * D + 20 * D, '2y20d'],
    [3 * 365 * D, '3y'],
    [9 * 365 * D + 100 * D, '9y'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
