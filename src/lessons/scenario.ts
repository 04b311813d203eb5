/**
 * What to do to open a lesson at a given step: build the lesson's starting cluster, then replay the
 * solutions of the steps before it, each followed by simulated time until its check holds (as the learner
 * would have waited), so a deep link to step 4 starts from the state steps 1-3 lead to. The editor gets the
 * files the learner would have by then.
 */

import type { ClusterProfile } from '../protocol/messages';
import { appliedFiles, checkWindowMs } from './checks';
import { lessonStart, type SetupRun } from './setup';
import type { Lesson, LessonFile, StepCheck } from './types';

/** Simulated pause between two solution commands (a learner reading the output and typing the next). */
export const TYPING_PAUSE_MS = 2000;
/** How often a check is re-evaluated while waiting on simulated time. */
export const POLL_MS = 1000;

export interface LessonScenario {
  seed: number;
  workers: number;
  profile: ClusterProfile;
  runs: SetupRun[];
  settleMs: number;
}

export interface ReplayStep {
  runs: SetupRun[];
  check: StepCheck;
  /** Simulated time the check may take to hold after the runs (at least 1 s). */
  windowMs: number;
}

export interface LessonPlan {
  scenario: LessonScenario;
  /** The earlier steps' solutions, in order. */
  replay: ReplayStep[];
  /** Editor files as of the target step, later versions replacing earlier ones. */
  files: LessonFile[];
}

export function lessonPlan(lesson: Lesson, stepIndex: number): LessonPlan {
  const start = lessonStart(lesson);
  const files = new Map(start.files.map((f) => [f.path, f.content]));
  const replay: ReplayStep[] = [];
  for (const step of lesson.steps.slice(0, Math.max(0, stepIndex))) {
    for (const f of step.solution.files ?? []) files.set(f.path, f.content);
    const runs = (step.solution.commands ?? []).map((line): SetupRun => {
      // Files go as stdin so the run does not depend on the editor having synced them to the worker yet.
      const [file] = appliedFiles(line);
      const content = file === undefined ? undefined : files.get(file.replace(/^\.\//, ''));
      return content === undefined
        ? { line }
        : { line: line.replace(/(-f|--filename)(=| )\S+/, '$1$2-'), stdin: content };
    });
    replay.push({ runs, check: step.check, windowMs: Math.max(checkWindowMs(step.check), POLL_MS) });
  }
  return {
    scenario: {
      seed: start.seed,
      workers: start.workers,
      profile: start.profile,
      runs: start.runs,
      settleMs: start.settleMs,
    },
    replay,
    files: [...files].map(([path, content]) => ({ path, content })),
  };
}
