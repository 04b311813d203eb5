/** Durations as oc's describers word them (`Less than a second`, `5 seconds`, `3 minutes`). */
import { parseISO } from '../../engine/sim/clock';

export function humanDuration(nowMs: number, iso: string | undefined): string {
  if (!iso) return 'Unknown';
  const s = Math.floor((nowMs - parseISO(iso)) / 1000);
  if (s < 1) return 'Less than a second';
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} hour${h === 1 ? '' : 's'}`;
  return `${Math.floor(h / 24)} days`;
}
