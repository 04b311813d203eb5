/**
 * What to load to open a lesson at a given step: the lesson's setup, then the solutions of the steps
 * before it (so a deep link to step 4 starts from the state steps 1-3 lead to), and the files the
 * learner would have in the editor by then.
 */
import { appliedFiles, checkWindowMs } from './checks';
import { lessonStart, type SetupRun } from './setup';
import type { Lesson, LessonFile } from './types';

export interface LessonScenario {
  seed: number;
  workers: number;
  runs: SetupRun[];
  settleMs: number;
  /** Editor files, later versions replacing earlier ones. */
  files: LessonFile[];
}

export function scenarioFor(lesson: Lesson, stepIndex: number): LessonScenario {
  const start = lessonStart(lesson);
  const files = new Map(start.files.map((f) => [f.path, f.content]));
  const runs = [...start.runs];
  let settleMs = start.settleMs;
  for (const step of lesson.steps.slice(0, Math.max(0, stepIndex))) {
    for (const f of step.solution.files ?? []) files.set(f.path, f.content);
    for (const line of step.solution.commands ?? []) {
      // Files are passed as stdin so the run does not depend on the editor having synced them yet.
      const [file] = appliedFiles(line);
      const content = file === undefined ? undefined : files.get(file.replace(/^\.\//, ''));
      runs.push(
        content === undefined
          ? { line }
          : { line: line.replace(/(-f|--filename)(=| )\S+/, '$1$2-'), stdin: content },
      );
    }
    settleMs += Math.max(checkWindowMs(step.check), 1000);
  }
  return {
    seed: start.seed,
    workers: start.workers,
    runs,
    settleMs,
    files: [...files].map(([path, content]) => ({ path, content })),
  };
}
