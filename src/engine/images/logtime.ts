/** Timestamps in the formats real servers write to their logs, from virtual ms (no Date in the engine). */
import { EPOCH_MS } from '../sim/clock';
import { civilFromDays } from '../sim/timefmt';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const p2 = (n: number) => String(n).padStart(2, '0');

interface Civil {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  dow: string;
}

function civil(virtualMs: number): Civil {
  const unix = EPOCH_MS + virtualMs;
  const days = Math.floor(unix / 86_400_000);
  let rest = unix - days * 86_400_000;
  const [y, mo, d] = civilFromDays(days);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  return { y, mo, d, h, mi, s, ms: rest - s * 1000, dow: DAYS[((days % 7) + 7) % 7] };
}

/** nginx error log / Go log: `2025/01/15 09:00:05`. */
export function slashTime(ms: number): string {
  const c = civil(ms);
  return `${c.y}/${p2(c.mo)}/${p2(c.d)} ${p2(c.h)}:${p2(c.mi)}:${p2(c.s)}`;
}

/** Common log format: `15/Jan/2025:09:02:03 +0000`. */
export function clfTime(ms: number): string {
  const c = civil(ms);
  return `${p2(c.d)}/${MONTHS[c.mo - 1]}/${c.y}:${p2(c.h)}:${p2(c.mi)}:${p2(c.s)} +0000`;
}

/** Apache error log: `Wed Jan 15 09:00:05.123456 2025`. */
export function apacheTime(ms: number): string {
  const c = civil(ms);
  return `${c.dow} ${MONTHS[c.mo - 1]} ${p2(c.d)} ${p2(c.h)}:${p2(c.mi)}:${p2(c.s)}.${String(c.ms).padStart(3, '0')}000 ${c.y}`;
}

/** Redis: `15 Jan 2025 09:00:05.123`. */
export function redisTime(ms: number): string {
  const c = civil(ms);
  return `${p2(c.d)} ${MONTHS[c.mo - 1]} ${c.y} ${p2(c.h)}:${p2(c.mi)}:${p2(c.s)}.${String(c.ms).padStart(3, '0')}`;
}

/** ISO-like with space: `2025-01-15 09:00:05` (postgres, mysql, gunicorn add their own suffixes). */
export function spaceTime(ms: number, withMillis = false): string {
  const c = civil(ms);
  const base = `${c.y}-${p2(c.mo)}-${p2(c.d)} ${p2(c.h)}:${p2(c.mi)}:${p2(c.s)}`;
  return withMillis ? `${base}.${String(c.ms).padStart(3, '0')}` : base;
}

/** `date` output in a busybox shell: `Wed Jan 15 09:00:05 UTC 2025`. */
export function dateCommandTime(ms: number): string {
  const c = civil(ms);
  return `${c.dow} ${MONTHS[c.mo - 1]} ${p2(c.d)} ${p2(c.h)}:${p2(c.mi)}:${p2(c.s)} UTC ${c.y}`;
}
