/**
 * Just enough of resource.Quantity for describe's sums and percentages: parse `250m`, `64Mi`, `1.5G`,
 * add keeping the first operand's format (DecimalSI or BinarySI), and print the canonical form.
 */
import { BINARY, DECIMAL } from '../../../engine/schema/quantity';

export interface Quantity {
  /** Value in thousandths of the unit (millicores, millibytes), so sums of `m` values stay exact. */
  milli: number;
  format: 'DecimalSI' | 'BinarySI';
}

export const ZERO: Quantity = { milli: 0, format: 'DecimalSI' };

export function parseQuantity(text: unknown): Quantity {
  if (typeof text === 'number') return { milli: text * 1000, format: 'DecimalSI' };
  if (typeof text !== 'string') return ZERO;
  const m = /^([+-]?[0-9.]+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(text.trim());
  if (!m) return ZERO;
  const base = Number(m[1] + (m[2] ?? ''));
  const suffix = m[3] ?? '';
  if (suffix in BINARY) return { milli: Math.round(base * BINARY[suffix] * 1000), format: 'BinarySI' };
  return { milli: Math.round(base * DECIMAL[suffix] * 1000), format: 'DecimalSI' };
}

export function add(a: Quantity, b: Quantity): Quantity {
  if (a.milli === 0 && a === ZERO) return b;
  return { milli: a.milli + b.milli, format: a.format };
}

export function value(q: Quantity): number {
  return Math.ceil(q.milli / 1000);
}

/** Quantity.String(): the largest suffix that keeps the number whole. */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0) return '0';
  if (q.format === 'BinarySI' && q.milli % 1000 === 0) {
    const bytes = q.milli / 1000;
    for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      if (Math.abs(bytes) >= BINARY[s] && bytes % BINARY[s] === 0) return `${bytes / BINARY[s]}${s}`;
    }
    if (Math.abs(bytes) < 1024) return String(bytes);
  }
  if (q.milli % 1000 !== 0) return `${q.milli}m`;
  const whole = q.milli / 1000;
  for (const s of ['E', 'P', 'T', 'G', 'M', 'k']) {
    if (whole % DECIMAL[s] === 0 && Math.abs(whole) >= DECIMAL[s]) return `${whole / DECIMAL[s]}${s}`;
  }
  return String(whole);
}
