import { describe, expect, it } from 'vitest';
import { loadLessons } from './loader';
import { readLessonFiles } from './node-files';
import { lessonPlan } from './scenario';

const lessons = loadLessons(readLessonFiles());
const byId = (id: string) => lessons.find((l) => l.id === id)!;

describe('lessonPlan', () => {
  it('is the lesson setup at the first step', () => {
    expect(lessonPlan(byId('deployments'), 0)).toEqual({
      scenario: { seed: 303, workers: 3, profile: 'kubernetes', runs: [], settleMs: 0 },
      replay: [],
      files: [],
    });
    expect(lessonPlan(byId('rolling-updates'), 0).scenario).toEqual({
      seed: 606,
      workers: 3,
      profile: 'kubernetes',
      runs: [{ line: 'kubectl create deployment web --image=nginx:1.26 --replicas=4' }],
      settleMs: 60_000,
    });
  });

  it('replays earlier solutions step by step, passing applied files as stdin', () => {
    const lesson = byId('imperative-declarative');
    const plan = lessonPlan(lesson, 3);
    const web4 = lesson.steps[2].solution.files![0].content;
    expect(plan.replay).toEqual([
      {
        runs: [{ line: 'kubectl create deployment hello --image=nginx:1.27' }],
        check: lesson.steps[0].check,
        windowMs: 60_000,
      },
      {
        runs: [{ line: 'kubectl apply -f -', stdin: lesson.files[0].content }],
        check: lesson.steps[1].check,
        windowMs: 60_000,
      },
      { runs: [{ line: 'kubectl apply -f -', stdin: web4 }], check: lesson.steps[2].check, windowMs: 60_000 },
    ]);
    expect(plan.files).toEqual([{ path: 'web.yaml', content: web4 }]);
  });
});
