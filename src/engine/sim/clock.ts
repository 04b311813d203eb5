/**
 * Virtual time. The engine's clock only moves when the simulation is advanced; nothing reads wall time.
 * Work is scheduled on an event queue ordered by (time, sequence) so that two things due at the same
 * millisecond always run in the order they were scheduled.
 */

import { daysFromCivil, formatRFC3339, parseRFC3339 } from './timefmt';

/** The instant (Unix ms) virtual time 0 stands for, so timestamps look real and are the same every run. */
export const EPOCH_MS = daysFromCivil(2025, 1, 15) * 86_400_000 + 9 * 3_600_000;

export interface ScheduledTask {
  readonly atMs: number;
  readonly seq: number;
  readonly label: string;
  readonly run: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private heap: ScheduledTask[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(atMs: number, label: string, run: () => void): ScheduledTask {
    const task: ScheduledTask = { atMs, seq: this.seq++, label, run, cancelled: false };
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      // A temporary, not `[a, b] = [b, a]`: that allocates an array per step unless fully optimised.
      const t = h[i];
      h[i] = h[p];
      h[p] = t;
      i = p;
    }
    return task;
  }

  peek(): ScheduledTask | undefined {
    return this.heap[0];
  }

  pop(): ScheduledTask | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        const t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
      }
    }
    return top;
  }
}

function before(a: ScheduledTask, b: ScheduledTask): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export class Clock {
  private nowMs = 0;
  readonly queue = new EventQueue();

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 with second precision, as metadata.creationTimestamp is written. */
  nowISO(): string {
    return isoSeconds(this.nowMs);
  }

  /** RFC 3339 with microseconds, as events' eventTime and conditions' lastProbeTime may be written. */
  nowMicroISO(): string {
    return formatRFC3339(EPOCH_MS + this.nowMs, 6);
  }

  /** Run `run` after `delayMs` of virtual time. */
  after(delayMs: number, label: string, run: () => void): ScheduledTask {
    return this.queue.push(this.nowMs + Math.max(0, Math.round(delayMs)), label, run);
  }

  at(atMs: number, label: string, run: () => void): ScheduledTask {
    return this.queue.push(Math.max(this.nowMs, atMs), label, run);
  }

  /**
   * Run every task due up to now + ms, in order, then leave the clock at now + ms.
   * `maxTasks` bounds a runaway loop; hitting it is a bug in a controller, so it throws.
   */
  advance(ms: number, maxTasks = 50_000_000): number {
    const until = this.nowMs + Math.max(0, ms);
    let ran = 0;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.atMs > until) break;
      this.queue.pop();
      if (next.cancelled) continue;
      this.nowMs = next.atMs;
      next.run();
      if (++ran > maxTasks) throw new Error(`simulation did not settle: more than ${maxTasks} tasks`);
    }
    this.nowMs = until;
    return ran;
  }

  /** Run everything due at the current instant without moving time (e.g. after a command). */
  settle(): number {
    return this.advance(0);
  }

  /** Time of the next pending task, or undefined when nothing is scheduled. */
  nextDueMs(): number | undefined {
    while (this.queue.peek()?.cancelled) this.queue.pop();
    return this.queue.peek()?.atMs;
  }
}

// Most calls format the current second again and again (every write stamps it): remember the last one.
let lastIsoSecond = Number.NaN;
let lastIso = '';

export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastIsoSecond) {
    lastIso = formatRFC3339(EPOCH_MS + second * 1000);
    lastIsoSecond = second;
  }
  return lastIso;
}

/** Virtual ms of an RFC 3339 timestamp written by isoSeconds / nowMicroISO. */
export function parseISO(ts: string): number {
  return parseRFC3339(ts) - EPOCH_MS;
}
