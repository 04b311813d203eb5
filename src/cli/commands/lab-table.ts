/** The tables the `lab` program's commands print, aligned as kubectl aligns its own. */
import { TABLE_SETTINGS, tabwrite } from '../printers/tabwriter';
import type { LabContext } from './lab-types';

/**
 * Print `rows` (each a list of formatted cells; a cell may itself hold tab-separated cells) under
 * `header`. With no rows and an `empty` message, print the message instead of a bare header.
 * Returns the command's exit code.
 */
export function printTable(ctx: LabContext, header: string[], rows: string[][], empty?: string): number {
  if (!rows.length && empty !== undefined) {
    ctx.print(empty);
    return 0;
  }
  const lines = [header, ...rows].map((cells) => `${cells.join('\t')}\n`);
  ctx.print(tabwrite(lines.join(''), TABLE_SETTINGS));
  return 0;
}
