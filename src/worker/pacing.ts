/**
 * How fast virtual time moves in the worker: speed x real time per frame, within a budget of engine work,
 * held while the page has not painted the last diff, and the speed actually reached. No clocks of its
 * own: the host passes real elapsed time, and `now` (the worker's performance.now) for the budget.
 */
import type { Speed } from '../protocol/messages';

/** A frame never advances more than this much real time (a backgrounded tab must not jump hours). */
export const MAX_FRAME_MS = 100;
/**
 * Real ms of engine work one frame may spend moving the clock. When the cluster is too big for the chosen
 * speed (a 1,000-pod rollout at 32x), the rest of the frame's virtual time is dropped: the simulation runs
 * slower than asked (the header shows the speed reached) instead of stalling the worker for half a second
 * and then posting one huge diff, which the page would take tens of ms to apply.
 */
export const FRAME_BUDGET_MS = 8;
/** Virtual ms advanced at a time within a frame, so the budget is checked between slices. */
export const SLICE_MS = 100;

export class Pacer {
  speed: Speed = 1;
  paused = false;
  /** Present while the cluster is too busy for `speed` (see measure). */
  reachedSpeed?: number;
  /** Fractions of a virtual ms carried to the next frame, so replays land on the same instants. */
  private carryMs = 0;
  /** Real ms that passed while waiting for the page. */
  private heldMs = 0;
  /** Real and virtual ms over the current measuring window, for the speed reached. */
  private windowRealMs = 0;
  private windowVirtualMs = 0;

  /** `now`: real time in ms; without it a frame always advances all of its virtual time (tests, runner). */
  constructor(private readonly now?: () => number) {}

  /**
   * One frame of `realElapsedMs`. While `waiting` for the page, time stands still; the real time waited
   * is caught up on the next frame, up to MAX_FRAME_MS, so a page that paints every other frame still
   * sees the speed it chose. Returns whether the speed reached (what the header shows) changed.
   */
  frame(
    realElapsedMs: number,
    waiting: boolean,
    advance: (ms: number) => void,
    clockNow: () => number,
  ): boolean {
    if (this.paused) return false;
    const realMs = Math.min(realElapsedMs + this.heldMs, MAX_FRAME_MS);
    const before = clockNow();
    if (waiting) this.heldMs = realMs;
    else {
      this.heldMs = 0;
      const ms = realMs * this.speed + this.carryMs;
      const whole = Math.floor(ms);
      this.carryMs = ms - whole;
      if (whole > 0) this.advanceWithinBudget(whole, advance);
    }
    return this.measure(Math.min(realElapsedMs, MAX_FRAME_MS), clockNow() - before);
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.resetWindow();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.carryMs = 0;
    this.heldMs = 0;
    this.resetWindow();
  }

  /** A new cluster: nothing carried over from the old one's frames. */
  restart(): void {
    this.carryMs = 0;
  }

  /**
   * Advance `ms` of virtual time in slices until the frame's budget of real time is spent, then drop the
   * rest. Slices end on whole instants, so the replay log's timestamps still reproduce the same state.
   */
  private advanceWithinBudget(ms: number, advance: (ms: number) => void): void {
    const now = this.now;
    if (!now) {
      advance(ms);
      return;
    }
    const start = now();
    let left = ms;
    while (left > 0) {
      const slice = Math.min(left, SLICE_MS);
      advance(slice);
      left -= slice;
      if (now() - start >= FRAME_BUDGET_MS) break;
    }
    if (left > 0) this.carryMs = 0;
  }

  /** Once per second of real time: the speed reached, kept when well below the one chosen. */
  private measure(realMs: number, virtualMs: number): boolean {
    this.windowRealMs += realMs;
    this.windowVirtualMs += virtualMs;
    if (this.windowRealMs < 1000) return false;
    const reached = this.windowVirtualMs / this.windowRealMs;
    const next = reached < this.speed * 0.9 ? Math.round(reached * 10) / 10 : undefined;
    const changed = next !== this.reachedSpeed;
    this.reachedSpeed = next;
    this.windowRealMs = 0;
    this.windowVirtualMs = 0;
    return changed;
  }

  private resetWindow(): void {
    this.windowRealMs = 0;
    this.windowVirtualMs = 0;
    this.reachedSpeed = undefined;
  }
}
