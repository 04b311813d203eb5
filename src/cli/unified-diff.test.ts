import { describe, expect, it } from 'vitest';
import { unifiedHunks } from './unified-diff';

describe('unifiedHunks', () => {
  it('is empty for equal texts', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('prints one hunk with three lines of context like diff -u', () => {
    const a = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
    const b = 'l1\nl2\nl3\nl4\nL5\nl6\nl7\nl8\n';
    expect(unifiedHunks(a, b)).toBe('@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n');
  });

  it('handles additions at the end and separate hunks', () => {
    const a = Array.from({ length: 12 }, (_, i) => `x${i}`).join('\n');
    const b = a.replace('x1\n', 'y1\n').concat('\nx12');
    expect(unifiedHunks(a, b)).toBe(
      '@@ -1,5 +1,5 @@\n x0\n-x1\n+y1\n x2\n x3\n x4\n@@ -10,3 +10,4 @@\n x9\n x10\n x11\n+x12\n',
    );
  });
});
