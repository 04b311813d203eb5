/**
 * Go's text/tabwriter (with liggitt/tabwriter's RememberWidths), which kubectl uses for every table and
 * for `describe`. Cells are tab-terminated; the text after a line's last tab is not part of any column.
 * A column block is a run of consecutive lines that all have a cell in that column, and each block is
 * as wide as its widest cell plus padding, which is why `describe` aligns "Name:" with "Namespace:" but
 * not with lines after a heading that has no tab.
 */

export interface TabwriterSettings {
  minWidth: number;
  padding: number;
  /** Widths kept across flushes (kubectl's `get -w` keeps columns stable as rows stream in). */
  remembered?: number[];
}

/** kubectl get: minwidth 6, tabwidth 4, padding 3, padchar ' ', RememberWidths. */
export const TABLE_SETTINGS: TabwriterSettings = { minWidth: 6, padding: 3 };
/** kubectl describe: minwidth 0, tabwidth 8, padding 2, padchar ' '. */
export const DESCRIBE_SETTINGS: TabwriterSettings = { minWidth: 0, padding: 2 };

interface Cell {
  text: string;
  width: number;
}

/** Align `text` (lines ending in '\n', cells separated by '\t') the way tabwriter.Flush does. */
export function tabwrite(text: string, settings: TabwriterSettings): string {
  const rawLines = text.split('\n');
  const endsWithNewline = rawLines[rawLines.length - 1] === '';
  if (endsWithNewline) rawLines.pop();
  const lines: Cell[][] = rawLines.map((l) => l.split('\t').map((t) => ({ text: t, width: runeWidth(t) })));
  const out: string[] = [];
  const widths: number[] = [];
  format(lines, 0, lines.length, widths, settings, out);
  return out.join('\n') + (endsWithNewline && out.length > 0 ? '\n' : '');
}

function format(
  lines: Cell[][],
  line0: number,
  line1: number,
  widths: number[],
  s: TabwriterSettings,
  out: string[],
): void {
  const column = widths.length;
  for (let i = line0; i < line1; i++) {
    if (column >= lines[i].length - 1) continue;
    // Lines before this block have no cell in this column: print them with the widths known so far.
    writeLines(lines, line0, i, widths, out);
    line0 = i;
    let width = s.minWidth;
    for (; i < line1; i++) {
      const line = lines[i];
      if (column >= line.length - 1) break;
      const w = line[column].width + s.padding;
      if (w > width) width = w;
    }
    if (s.remembered) {
      const r = s.remembered;
      if (r.length < column) r.push(...widths.slice(r.length));
      if (r.length === column) r.push(width);
      else if (r[column] > width) width = r[column];
      else r[column] = width;
    }
    widths.push(width);
    format(lines, line0, i, widths, s, out);
    widths.pop();
    line0 = i;
    i--;
  }
  writeLines(lines, line0, line1, widths, out);
}

function writeLines(lines: Cell[][], from: number, to: number, widths: number[], out: string[]): void {
  for (let i = from; i < to; i++) {
    let text = '';
    const line = lines[i];
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      text += c.text;
      if (j < widths.length && j < line.length - 1) text += ' '.repeat(Math.max(0, widths[j] - c.width));
    }
    out.push(text);
  }
}

/** Go's tabwriter counts runes (UTF-8 code points), not bytes or UTF-16 units. */
function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
