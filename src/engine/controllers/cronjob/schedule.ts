/**
 * CronJob schedules on the virtual clock. cron-parser is always handed an explicit instant (virtual ms +
 * the epoch) and a zone (spec.timeZone, else UTC), so it never reads the wall clock.
 * mostRecentScheduleTime follows pkg/controller/cronjob/utils.go, including its missed-run estimate.
 */
import { CronDate, CronExpressionParser } from 'cron-parser';
import { EPOCH_MS } from '../../sim/clock';
import { formatRFC3339 } from '../../sim/timefmt';

export interface Schedule {
  /** The first run strictly after `ms` (virtual ms). */
  next(ms: number): number;
}

export function parseSchedule(expr: string, timeZone?: string): Schedule {
  const tz = timeZone || 'UTC';
  // Validate once; cron-parser throws with its own wording for bad expressions.
  CronExpressionParser.parse(expr, { currentDate: EPOCH_MS, tz });
  return {
    next(ms: number): number {
      // Cron has minute precision: start from the whole second, as robfig/cron does.
      const from = EPOCH_MS + Math.floor(ms / 1000) * 1000;
      return CronExpressionParser.parse(expr, { currentDate: from, tz }).next().getTime() - EPOCH_MS;
    },
  };
}

export interface MostRecent {
  /** The latest schedule time in (earliest, now], if any. */
  scheduled?: number;
  missed: 'none' | 'few' | 'many';
  earliest: number;
}

export function mostRecentScheduleTime(
  schedule: Schedule,
  lastScheduleMs: number | undefined,
  creationMs: number,
  nowMs: number,
  startingDeadlineSeconds?: number,
): MostRecent {
  let earliest = lastScheduleMs ?? creationMs;
  if (startingDeadlineSeconds !== undefined && startingDeadlineSeconds !== null) {
    earliest = Math.max(earliest, nowMs - startingDeadlineSeconds * 1000);
  }
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (nowMs < t1) return { missed: 'none', earliest };
  if (nowMs < t2) return { scheduled: t1, missed: 'none', earliest };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { missed: 'none', earliest };
  const elapsed = Math.floor((nowMs - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  let mostRecent: number | undefined;
  for (let t = schedule.next(potentialEarliest); t <= nowMs; t = schedule.next(t)) mostRecent = t;
  return { scheduled: mostRecent, missed: missedCount > 100 ? 'many' : 'few', earliest };
}

/** Job names carry the scheduled time in minutes since the Unix epoch (getTimeHashInMinutes). */
export function scheduledTimeInMinutes(ms: number): number {
  return Math.floor((EPOCH_MS + ms) / 60_000);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Wed, 15 Jan 2025 09:05:00 +0000`. */
export function rfc1123z(ms: number): string {
  const unix = EPOCH_MS + ms;
  const days = Math.floor(unix / 86_400_000);
  const dow = DAYS[(((days + 4) % 7) + 7) % 7];
  const [date, time] = formatRFC3339(unix).split('T');
  const [y, m, d] = date.split('-');
  return `${dow}, ${d} ${MONTHS[Number(m) - 1]} ${y} ${time.slice(0, 8)} +0000`;
}

/**
 * The scheduled time as the `batch.kubernetes.io/cronjob-scheduled-timestamp` annotation writes it:
 * RFC 3339 in the CronJob's time zone (UTC, `Z`, when it names none).
 */
export function scheduledTimestamp(ms: number, timeZone?: string): string {
  const unix = EPOCH_MS + Math.floor(ms / 1000) * 1000;
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return formatRFC3339(unix);
  const offsetMin = new CronDate(unix, timeZone).getUTCOffset();
  const local = formatRFC3339(unix + offsetMin * 60_000).slice(0, 19);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
