/**
 * The lesson self-test: plays a lesson in the engine the way a learner would. For every step, the check
 * must fail on the step's starting state (also after waiting its `within` window, so the learner's action
 * is what makes it pass) and pass after the step's solution, within the window.
 */

import type { LabFiles, Shell } from '../cli/types';
import type { Cluster } from '../engine/cluster';
import type { ClusterProfile } from '../protocol/messages';
import { checkWindowMs, evaluateCheck } from './checks';
import { engineWorld } from './engine-world';
import { POLL_MS, TYPING_PAUSE_MS } from './scenario';
import { lessonStart } from './setup';
import type { LearnerAction, Lesson, Localized } from './types';

export interface StepReport {
  step: string;
  failedAtStart: boolean;
  /** Messages the check gave at the start (what the learner is told is missing). */
  startMissing: Localized[];
  passedAfterSolution: boolean;
  /** Simulated ms from the last solution command until the check passed. */
  passedAfterMs?: number;
  /** Messages still missing when the window ran out. */
  endMissing: Localized[];
  /** Solution or setup commands that failed (they must all succeed). */
  failedCommands: { line: string; exitCode: number; output: string }[];
}

export interface LessonReport {
  lesson: string;
  setupFailures: { line: string; exitCode: number; output: string }[];
  steps: StepReport[];
}

export function memoryFiles(map: Map<string, string>): LabFiles {
  return {
    read: (path) => map.get(path.replace(/^\.\//, '')),
    list: () => [...map.keys()].sort(),
  };
}

export function playLesson(
  lesson: Lesson,
  makeCluster: (opts: { seed: number; nodes: number; profile: ClusterProfile }) => Cluster,
  makeShell: (cluster: Cluster, files: LabFiles) => Shell,
): LessonReport {
  const start = lessonStart(lesson);
  const cluster = makeCluster({ seed: start.seed, nodes: start.workers, profile: start.profile });
  const files = new Map(start.files.map((f) => [f.path, f.content]));
  const shell = makeShell(cluster, memoryFiles(files));
  const report: LessonReport = { lesson: lesson.id, setupFailures: [], steps: [] };

  const run = (line: string, stdin?: string) => {
    const res = shell.run(line, stdin === undefined ? {} : { stdin });
    // Streams (`get -w`, `rollout status`) are stopped at once: the check watches the cluster itself.
    if (res.stream)
      res.stream.subscribe(
        () => {},
        () => {},
      )();
    cluster.settle();
    return res;
  };

  for (const r of start.runs) {
    const res = run(r.line, r.stdin);
    if (res.exitCode !== 0)
      report.setupFailures.push({ line: r.line, exitCode: res.exitCode, output: res.output });
  }
  cluster.advance(start.settleMs);

  for (const step of lesson.steps) {
    const windowMs = checkWindowMs(step.check);
    const stepStartMs = cluster.clock.now();
    const actions: LearnerAction[] = [];
    const world = () => engineWorld(cluster.ctx, actions, stepStartMs);

    const atStart = evaluateCheck(step.check, world());
    let failedAtStart = !atStart.passed;
    if (failedAtStart && windowMs > 0) {
      cluster.advance(windowMs);
      failedAtStart = !evaluateCheck(step.check, world()).passed;
    }

    const failedCommands: StepReport['failedCommands'] = [];
    for (const f of step.solution.files ?? []) files.set(f.path, f.content);
    (step.solution.commands ?? []).forEach((line, i) => {
      if (i > 0) cluster.advance(TYPING_PAUSE_MS);
      const res = run(line);
      actions.push({ type: 'command', line, exitCode: res.exitCode, atMs: cluster.clock.now() });
      if (res.exitCode !== 0) failedCommands.push({ line, exitCode: res.exitCode, output: res.output });
    });

    const lastCommandMs = cluster.clock.now();
    let result = evaluateCheck(step.check, world());
    while (!result.passed && cluster.clock.now() - lastCommandMs < windowMs) {
      cluster.advance(Math.min(POLL_MS, windowMs - (cluster.clock.now() - lastCommandMs)));
      result = evaluateCheck(step.check, world());
    }
    report.steps.push({
      step: step.id,
      failedAtStart,
      startMissing: atStart.missing,
      passedAfterSolution: result.passed,
      passedAfterMs: result.passed ? cluster.clock.now() - lastCommandMs : undefined,
      endMissing: result.missing,
      failedCommands,
    });
  }
  return report;
}
