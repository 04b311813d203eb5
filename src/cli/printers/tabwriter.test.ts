import { describe, expect, it } from 'vitest';
import { DESCRIBE_SETTINGS, TABLE_SETTINGS, tabwrite } from './tabwriter';

describe('tabwrite (Go text/tabwriter)', () => {
  it('pads every column to its widest cell plus 3 and leaves the last cell unpadded', () => {
    expect(tabwrite('NAME\tREADY\tSTATUS\nweb-1\t1/1\tRunning\n', TABLE_SETTINGS)).toBe(
      'NAME    READY   STATUS\nweb-1   1/1     Running\n',
    );
  });

  it('applies the minimum width of 6 to narrow columns', () => {
    expect(tabwrite('A\tB\nx\ty\n', TABLE_SETTINGS)).toBe('A     B\nx     y\n');
  });

  it('aligns only consecutive lines that have the column (column blocks)', () => {
    const text = 'Name:\tweb\nNamespace:\tdefault\nContainers:\n  nginx:\n    Image:\tnginx\n';
    expect(tabwrite(text, DESCRIBE_SETTINGS)).toBe(
      'Name:       web\nNamespace:  default\nContainers:\n  nginx:\n    Image:  nginx\n',
    );
  });

  it('keeps widths between calls when given remembered widths (get -w)', () => {
    const remembered: number[] = [];
    const first = tabwrite('NAME\tSTATUS\nweb-1\tPending\n', { ...TABLE_SETTINGS, remembered });
    const later = tabwrite('a\tRunning\n', { ...TABLE_SETTINGS, remembered });
    expect(first).toBe('NAME    STATUS\nweb-1   Pending\n');
    expect(later).toBe('a       Running\n');
  });

  it('formats nested column blocks like Go (a wider cell further down only widens its own block)', () => {
    const text = 'a\tb\tc\nlonger\tx\ny\n';
    expect(tabwrite(text, { minWidth: 0, padding: 1 })).toBe('a      b c\nlonger x\ny\n');
  });
});
