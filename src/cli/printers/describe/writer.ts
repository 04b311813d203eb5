/**
 * kubectl describe's PrefixWriter over a tabwriter (minwidth 0, padding 2): each level indents two
 * spaces; `flush()` ends a tabwriter segment, as DescribeEvents does before the events table so its
 * columns do not line up with the lines above.
 */
import { formatRFC3339, parseRFC3339 } from '../../../engine/sim/timefmt';
import { DESCRIBE_SETTINGS, tabwrite } from '../tabwriter';

export class DescribeWriter {
  private segments: string[] = [];
  private current = '';

  write(level: number, text: string): void {
    this.current += '  '.repeat(level) + text;
  }

  line(level: number, text: string): void {
    this.write(level, `${text}\n`);
  }

  flush(): void {
    if (this.current) this.segments.push(tabwrite(this.current, DESCRIBE_SETTINGS));
    this.current = '';
  }

  toString(): string {
    this.flush();
    return this.segments.join('');
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`; a missing time is Go's zero time. */
export function rfc1123z(ts: unknown): string {
  const ms = typeof ts === 'string' ? parseRFC3339(ts) : Number.NaN;
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const iso = formatRFC3339(ms);
  const [y, mo, d] = [iso.slice(0, 4), Number(iso.slice(5, 7)), iso.slice(8, 10)];
  const day = DAYS[(((Math.floor(ms / 86_400_000) + 4) % 7) + 7) % 7];
  return `${day}, ${d} ${MONTHS[mo - 1]} ${y} ${iso.slice(11, 19)} +0000`;
}
