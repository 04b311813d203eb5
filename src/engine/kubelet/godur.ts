/** Go's time.Duration.String() for millisecond durations: `812ms`, `2.345s`, `1m2.5s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  // Whole milliseconds (every caller's case) print as they are: trim would give the same digits.
  if (ms < 1000) return `${Number.isInteger(ms) ? ms : trim(ms)}ms`;
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds - h * 3600) / 60);
  const s = totalSeconds - h * 3600 - m * 60;
  // Rounded to the millisecond, the number is already the one trim would print (and toFixed is slow).
  const sec = `${Math.round(s * 1000) / 1000}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

/** At most three decimals, without trailing zeros. */
function trim(n: number): string {
  return String(Number(n.toFixed(3)));
}
