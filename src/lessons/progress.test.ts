import { describe, expect, it } from 'vitest';
import { completeStep, firstIncomplete, goToStep, isStepDone, startProgress } from './progress';
import type { Lesson, LessonStep } from './types';

const step = (id: string): LessonStep => ({
  id,
  check: { command: id, message: { en: id, ja: id } },
  hints: { en: [], ja: [] },
  solution: { commands: [id] },
  text: { en: id, ja: id },
});

const lesson: Lesson = {
  id: 'demo',
  order: 1,
  module: 'fundamentals',
  title: { en: 'Demo', ja: 'デモ' },
  summary: { en: '', ja: '' },
  level: 'beginner',
  minutes: 10,
  tags: [],
  prerequisites: [],
  seed: 1,
  setup: {},
  files: [],
  steps: [step('a'), step('b'), step('c')],
  recap: { en: '', ja: '' },
};

describe('lesson progress', () => {
  it('starts at a step, counting the steps before a deep link as done', () => {
    expect(startProgress(lesson, 0, 500)).toEqual({
      lesson: 'demo',
      step: 0,
      completed: [],
      startedMs: { a: 500 },
      done: false,
    });
    expect(startProgress(lesson, 2, 900)).toEqual({
      lesson: 'demo',
      step: 2,
      completed: ['a', 'b'],
      startedMs: { c: 900 },
      done: false,
    });
    expect(startProgress(lesson, 99, 0).step).toBe(2);
  });

  it('completes steps once, starting the next step at the completion time', () => {
    let p = startProgress(lesson, 0, 0);
    p = completeStep(p, lesson, 0, 4000);
    expect(p).toMatchObject({ completed: ['a'], startedMs: { a: 0, b: 4000 }, done: false });
    expect(completeStep(p, lesson, 0, 9000)).toBe(p);
    p = completeStep(completeStep(p, lesson, 1, 6000), lesson, 2, 8000);
    expect(p).toMatchObject({
      completed: ['a', 'b', 'c'],
      startedMs: { a: 0, b: 4000, c: 6000 },
      done: true,
      everDone: true,
    });
    expect(isStepDone(p, lesson, 2)).toBe(true);
  });

  it('remembers a completed lesson when it is started again', () => {
    let p = startProgress(lesson, 0, 0);
    for (let i = 0; i < 3; i++) p = completeStep(p, lesson, i, i * 1000);
    const again = startProgress(lesson, 0, 9000, p);
    expect(again).toEqual({
      lesson: 'demo',
      step: 0,
      completed: [],
      startedMs: { a: 9000 },
      done: false,
      everDone: true,
    });
    expect(completeStep(again, lesson, 0, 10_000).everDone).toBe(true);
    expect(startProgress(lesson, 0, 0, startProgress(lesson, 1, 0)).everDone).toBeUndefined();
  });

  it('moves back freely but forward only to the first incomplete step', () => {
    let p = completeStep(startProgress(lesson, 0, 0), lesson, 0, 10);
    expect(firstIncomplete(p, lesson)).toBe(1);
    expect(goToStep(p, lesson, 2).step).toBe(1);
    p = goToStep(p, lesson, 1);
    expect(goToStep(p, lesson, 0).step).toBe(0);
  });
});
