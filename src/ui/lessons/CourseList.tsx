/** The course: every lesson with its level, length and progress. */
import type { LessonProgress } from '../../lessons/progress';
import type { Lang, Lesson } from '../../lessons/types';
import { fill, type Strings } from './strings';

export function CourseList({
  course,
  progress,
  lang,
  s,
  onOpen,
}: {
  course: Lesson[];
  progress: ReadonlyMap<string, LessonProgress>;
  lang: Lang;
  s: Strings;
  onOpen(lesson: Lesson, resume: boolean): void;
}) {
  return (
    <section className="lesson-course" aria-labelledby="lesson-course-title">
      <h2 id="lesson-course-title">{s.course}</h2>
      <p className="lesson-intro">{s.courseIntro}</p>
      <ol className="lesson-list">
        {course.map((l) => {
          const p = progress.get(l.id);
          const done = p?.completed.length ?? 0;
          const action = p?.done ? s.review : p ? s.continue : s.start;
          const completed = !!(p?.done || p?.everDone);
          return (
            <li
              key={l.id}
              className="lesson-item"
              data-testid="lesson-item"
              data-lesson={l.id}
              data-done={completed ? 'true' : 'false'}
            >
              <div className="lesson-item-head">
                <h3>{l.title[lang]}</h3>
                {completed && <span className="lesson-badge">{s.completed}</span>}
              </div>
              <p>{l.summary[lang]}</p>
              <div className="lesson-item-meta">
                <span>{s.levels[l.level]}</span>
                <span>{fill(s.minutes, { n: l.minutes })}</span>
                <progress
                  max={l.steps.length}
                  value={done}
                  aria-label={`${l.title[lang]}: ${fill(s.stepsDone, { done, total: l.steps.length })}`}
                />
                <span>{fill(s.stepsDone, { done, total: l.steps.length })}</span>
              </div>
              <button type="button" onClick={() => onOpen(l, !!p && !p.done)}>
                {action}
                <span className="visually-hidden">: {l.title[lang]}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
