/** The course: its modules, each with its lessons' level, length and progress. */
import type { LessonProgress } from '../../lessons/progress';
import { type Lang, type Lesson, MODULES } from '../../lessons/types';
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
  // Modules in course order, each with its lessons in order (the course is already sorted by `order`).
  const modules = MODULES.map((m) => ({ id: m, lessons: course.filter((l) => l.module === m) })).filter(
    (m) => m.lessons.length > 0,
  );
  const isDone = (l: Lesson) => {
    const p = progress.get(l.id);
    return !!(p?.done || p?.everDone);
  };
  return (
    <section className="lesson-course" aria-labelledby="lesson-course-title">
      <h2 id="lesson-course-title">{s.course}</h2>
      <p className="lesson-intro">{s.courseIntro}</p>
      {modules.map((m) => (
        <section
          key={m.id}
          className="lesson-module"
          aria-labelledby={`lesson-module-${m.id}`}
          data-module={m.id}
        >
          <h3 id={`lesson-module-${m.id}`}>{s.modules[m.id]}</h3>
          <p className="lesson-module-progress">
            {fill(s.moduleProgress, { done: m.lessons.filter(isDone).length, total: m.lessons.length })}
          </p>
          <ol className="lesson-list">
            {m.lessons.map((l) => (
              <CourseItem
                key={l.id}
                lesson={l}
                progress={progress.get(l.id)}
                lang={lang}
                s={s}
                onOpen={onOpen}
              />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

function CourseItem({
  lesson: l,
  progress: p,
  lang,
  s,
  onOpen,
}: {
  lesson: Lesson;
  progress: LessonProgress | undefined;
  lang: Lang;
  s: Strings;
  onOpen(lesson: Lesson, resume: boolean): void;
}) {
  const done = p?.completed.length ?? 0;
  const action = p?.done ? s.review : p ? s.continue : s.start;
  const completed = !!(p?.done || p?.everDone);
  return (
    <li
      className="lesson-item"
      data-testid="lesson-item"
      data-lesson={l.id}
      data-done={completed ? 'true' : 'false'}
    >
      <div className="lesson-item-head">
        <h4>{l.title[lang]}</h4>
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
}
