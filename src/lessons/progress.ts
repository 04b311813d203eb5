/**
 * Lesson progress: which steps of which lesson are done, where the learner is, and when each step started
 * (in simulated time, so a check only looks at commands run since then). The transitions are pure
 * functions (tested in Node); ProgressStore persists them in IndexedDB with `idb` and survives reloads.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Lesson } from './types';

export interface LessonProgress {
  lesson: string;
  /** Index of the step on screen. */
  step: number;
  /** Ids of the steps whose check has passed. */
  completed: string[];
  /** Simulated ms at which each step started (the previous step's completion, or the lesson's start). */
  startedMs: Record<string, number>;
  /** Every step passed. */
  done: boolean;
  /** The lesson was completed at least once (kept when it is started again, cleared by a reset). */
  everDone?: boolean;
}

export function startProgress(
  lesson: Lesson,
  stepIndex: number,
  nowMs: number,
  previous?: LessonProgress,
): LessonProgress {
  const step = clampStep(lesson, stepIndex);
  // Opening a lesson at step n (a deep link) counts the steps before it as done: their solutions were applied.
  const completed = lesson.steps.slice(0, step).map((s) => s.id);
  const p: LessonProgress = {
    lesson: lesson.id,
    step,
    completed,
    startedMs: { [lesson.steps[step].id]: nowMs },
    done: false,
  };
  return previous?.done || previous?.everDone ? { ...p, everDone: true } : p;
}

/** Record that the check of step `index` passed at `atMs`; the next step starts then. */
export function completeStep(p: LessonProgress, lesson: Lesson, index: number, atMs: number): LessonProgress {
  const step = lesson.steps[index];
  if (!step || p.completed.includes(step.id)) return p;
  const completed = [...p.completed, step.id];
  const next = lesson.steps[index + 1];
  const startedMs =
    next && p.startedMs[next.id] === undefined ? { ...p.startedMs, [next.id]: atMs } : p.startedMs;
  const done = lesson.steps.every((s) => completed.includes(s.id));
  return { ...p, completed, startedMs, done, ...(done || p.everDone ? { everDone: true } : {}) };
}

/** Move to another step: back to any step, forward only past completed ones. */
export function goToStep(p: LessonProgress, lesson: Lesson, index: number): LessonProgress {
  const target = clampStep(lesson, index);
  const reachable = firstIncomplete(p, lesson);
  return { ...p, step: Math.min(target, reachable) };
}

/** The first step not yet completed (the last step when all are). */
export function firstIncomplete(p: LessonProgress, lesson: Lesson): number {
  const i = lesson.steps.findIndex((s) => !p.completed.includes(s.id));
  return i < 0 ? lesson.steps.length - 1 : i;
}

export function isStepDone(p: LessonProgress, lesson: Lesson, index: number): boolean {
  const s = lesson.steps[index];
  return !!s && p.completed.includes(s.id);
}

function clampStep(lesson: Lesson, index: number): number {
  return Math.max(0, Math.min(lesson.steps.length - 1, Number.isFinite(index) ? Math.trunc(index) : 0));
}

// ---------------------------------------------------------------- persistence

interface ProgressDB extends DBSchema {
  progress: { key: string; value: LessonProgress };
  meta: { key: string; value: { key: string; value: string | null } };
}

export const PROGRESS_DB = 'kubedojo-lessons';

export class ProgressStore {
  private constructor(private readonly db: IDBPDatabase<ProgressDB>) {}

  static async open(name = PROGRESS_DB): Promise<ProgressStore> {
    const db = await openDB<ProgressDB>(name, 1, {
      upgrade(d) {
        d.createObjectStore('progress', { keyPath: 'lesson' });
        d.createObjectStore('meta', { keyPath: 'key' });
      },
    });
    return new ProgressStore(db);
  }

  async all(): Promise<LessonProgress[]> {
    return this.db.getAll('progress');
  }

  async get(lesson: string): Promise<LessonProgress | undefined> {
    return this.db.get('progress', lesson);
  }

  async put(p: LessonProgress): Promise<void> {
    await this.db.put('progress', p);
  }

  /** Forget a lesson's progress (reset to its start). */
  async reset(lesson: string): Promise<void> {
    await this.db.delete('progress', lesson);
  }

  /** The lesson open in the panel, restored after a reload. */
  async active(): Promise<string | null> {
    return (await this.db.get('meta', 'active'))?.value ?? null;
  }

  async setActive(lesson: string | null): Promise<void> {
    await this.db.put('meta', { key: 'active', value: lesson });
  }
}
