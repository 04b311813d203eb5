/**
 * RFC 3339 formatting and parsing without the Date global, so the engine cannot read wall time even by
 * accident (the lint rule bans Date in src/engine). Civil-date arithmetic after Howard Hinnant's
 * days_from_civil / civil_from_days.
 */

const MS_PER_DAY = 86_400_000;

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [y + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Unix ms → `2025-01-15T09:00:00Z` (fractionDigits 0) or with a fraction (3 or 6 digits). */
export function formatRFC3339(unixMs: number, fractionDigits: 0 | 3 | 6 = 0): string {
  const days = Math.floor(unixMs / MS_PER_DAY);
  let rest = unixMs - days * MS_PER_DAY;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(rest / 3_600_000);
  rest -= hh * 3_600_000;
  const mm = Math.floor(rest / 60_000);
  rest -= mm * 60_000;
  const ss = Math.floor(rest / 1000);
  const ms = rest - ss * 1000;
  const frac = fractionDigits === 0 ? '' : `.${pad(ms, 3)}${fractionDigits === 6 ? '000' : ''}`;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}${frac}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** RFC 3339 → Unix ms, or NaN when the text is not a timestamp. */
export function parseRFC3339(text: string): number {
  const m = RFC3339.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, hh, mi, ss, frac, zone] = m;
  let ms =
    daysFromCivil(+y, +mo, +d) * MS_PER_DAY +
    +hh * 3_600_000 +
    +mi * 60_000 +
    +ss * 1000 +
    (frac ? Math.floor(+`0.${frac}` * 1000) : 0);
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    ms -= sign * (+zone.slice(1, 3) * 3_600_000 + +zone.slice(4, 6) * 60_000);
  }
  return ms;
}
