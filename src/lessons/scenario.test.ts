import { describe, expect, it } from 'vitest';
import { loadLessons } from './loader';
import { readLessonFiles } from './node-files';
import { scenarioFor } from './scenario';

const lessons = loadLessons(readLessonFiles());
const byId = (id: string) => lessons.find((l) => l.id === id)!;

describe('scenarioFor', () => {
  it('is the lesson setup at the first step', () => {
    expect(scenarioFor(byId('deployments'), 0)).toEqual({
      seed: 303,
      workers: 3,
      runs: [],
      settleMs: 0,
      files: [],
    });
    expect(scenarioFor(byId('rolling-updates'), 0)).toEqual({
      seed: 606,
      workers: 3,
      runs: [{ line: 'kubectl create deployment web --image=nginx:1.26 --replicas=4' }],
      settleMs: 60_000,
      files: [],
    });
  });

  it('replays earlier solutions for a later step, passing applied files as stdin', () => {
    const lesson = byId('imperative-declarative');
    const s = scenarioFor(lesson, 3);
    const web4 = lesson.steps[2].solution.files![0].content;
    expect(s.runs).toEqual([
      { line: 'kubectl create deployment hello --image=nginx:1.27' },
      { line: 'kubectl apply -f -', stdin: lesson.files[0].content },
      { line: 'kubectl apply -f -', stdin: web4 },
    ]);
    expect(s.files).toEqual([{ path: 'web.yaml', content: web4 }]);
    expect(s.settleMs).toBe(180_000);
  });
});
