/**
 * oc's describers write through Go's text/tabwriter set up as `Init(buf, 0, 8, 1, '\t', 0)`: cells are
 * padded with tabs (not spaces) to the column width rounded up to 8, so `oc describe` output keeps real
 * tab characters. Same column-block rules as kubectl's tabwriter (src/cli/printers/tabwriter.ts).
 */

const TAB_WIDTH = 8;
const PADDING = 1;

/** Align `text` (cells separated by '\t', lines by '\n') as oc's describers do. */
export function tabbed(text: string): string {
  const raw = text.split('\n');
  const endsWithNewline = raw[raw.length - 1] === '';
  if (endsWithNewline) raw.pop();
  const lines = raw.map((l) => l.split('\t'));
  const out: string[] = [];
  format(lines, 0, lines.length, [], out);
  return out.join('\n') + (endsWithNewline && out.length ? '\n' : '');
}

const width = (s: string) => [...s].length;

function format(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
  const column = widths.length;
  for (let i = line0; i < line1; i++) {
    if (column >= lines[i].length - 1) continue;
    write(lines, line0, i, widths, out);
    line0 = i;
    let w = 0;
    for (; i < line1; i++) {
      if (column >= lines[i].length - 1) break;
      w = Math.max(w, width(lines[i][column]) + PADDING);
    }
    widths.push(Math.ceil(w / TAB_WIDTH) * TAB_WIDTH);
    format(lines, line0, i, widths, out);
    widths.pop();
    line0 = i;
    i--;
  }
  write(lines, line0, line1, widths, out);
}

function write(lines: string[][], from: number, to: number, widths: number[], out: string[]): void {
  for (let i = from; i < to; i++) {
    let text = '';
    const line = lines[i];
    for (let j = 0; j < line.length; j++) {
      text += line[j];
      if (j < widths.length && j < line.length - 1)
        text += '\t'.repeat(Math.ceil((widths[j] - width(line[j])) / TAB_WIDTH));
    }
    out.push(text);
  }
}
