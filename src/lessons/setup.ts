/**
 * A lesson's starting cluster as a list of CLI runs, so every host builds it the same way: the self-test
 * through createShell in Node, the browser through the worker's shell.
 */

import type { ClusterProfile } from '../protocol/messages';
import { parseDuration } from './checks';
import type { Lesson, LessonFile } from './types';

export interface SetupRun {
  line: string;
  stdin?: string;
}

export interface LessonStart {
  seed: number;
  /** Worker nodes for createCluster. */
  workers: number;
  profile: ClusterProfile;
  runs: SetupRun[];
  /** Simulated time to let pass after the runs, before the first step. */
  settleMs: number;
  /** Files the learner starts with (editor tabs). */
  files: LessonFile[];
}

export const DEFAULT_WORKERS = 3;

export function lessonStart(lesson: Lesson): LessonStart {
  const s = lesson.setup;
  const runs: SetupRun[] = [
    ...(s.namespaces ?? []).map((ns) => ({ line: `kubectl create namespace ${ns}` })),
    ...(s.manifests ?? []).map((m) => ({ line: 'kubectl apply -f -', stdin: m })),
    ...(s.commands ?? []).map((line) => ({ line })),
  ];
  return {
    seed: lesson.seed,
    workers: s.nodes ?? DEFAULT_WORKERS,
    profile: s.profile ?? 'kubernetes',
    runs,
    settleMs: s.settle ? parseDuration(s.settle) : 0,
    files: lesson.files,
  };
}
