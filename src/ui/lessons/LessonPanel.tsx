/**
 * The lesson panel (H6's SidePanel mounts it with no props; the embed page passes a request and
 * callbacks): the course list, or the open lesson with its steps, and the recap once it is done.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseLang, parseLessonHash } from '../../lessons/links';
import type { Lang } from '../../lessons/types';
import { setLanguage } from '../i18n';
import { useUi } from '../ui-store';
import { CourseList } from './CourseList';
import { type LessonHost, labHost } from './host';
import { Markdown } from './Markdown';
import { StepView } from './StepView';
import { fill, strings } from './strings';
import { type LessonRequest, useLessonSession } from './useLessonSession';
import './lessons.css';

export interface LessonPanelProps {
  /** How the panel reaches the terminal, editor and worker (default: the lab's). */
  host?: LessonHost;
  /** Embed mode: only the requested lesson, no course list. */
  embedded?: boolean;
  request?: LessonRequest;
  /** `step` is 1-based. */
  onStepCompleted?(lesson: string, step: number): void;
  onLessonCompleted?(lesson: string, step: number): void;
}

export function useLessonLang(): Lang {
  const { i18n } = useTranslation();
  return (i18n.language ?? 'en').startsWith('ja') ? 'ja' : 'en';
}

export function LessonPanel({
  host = labHost,
  embedded = false,
  request,
  onStepCompleted,
  onLessonCompleted,
}: LessonPanelProps) {
  const lang = useLessonLang();
  const s = strings(lang);
  const session = useLessonSession({ host, embedded, request, onStepCompleted, onLessonCompleted });
  const { course, lesson, current } = session;
  const [reviewing, setReviewing] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a newly opened lesson starts without review mode.
  useEffect(() => setReviewing(false), [lesson?.id, current?.done]);

  // `?lang=ja|en` picks the language (the lab's own setting is then remembered too).
  // A deep link (`#/lesson/<id>/<step>`) brings the lesson tab to the front.
  useEffect(() => {
    const wanted = parseLang(window.location.search);
    if (wanted) setLanguage(wanted);
    if (!embedded && parseLessonHash(window.location.hash)) useUi.setState({ sideTab: 'lesson' });
  }, [embedded]);

  if (!course) return <p className="lesson-status">{s.loading}</p>;
  if (session.preparing)
    return (
      <p className="lesson-status" role="status">
        {s.preparing}
      </p>
    );

  if (!lesson || !current) {
    return (
      <div className="lesson-panel" data-testid="lesson-panel">
        {session.missingLesson && <p role="alert">{fill(s.unknownLesson, { id: session.missingLesson })}</p>}
        {!embedded && (
          <CourseList
            course={course}
            progress={session.progress}
            lang={lang}
            s={s}
            onOpen={(l, resume) => void (resume ? session.resume(l.id) : session.open(l.id, 1))}
          />
        )}
      </div>
    );
  }

  const nextLesson = course[course.findIndex((l) => l.id === lesson.id) + 1];
  return (
    <div className="lesson-panel" data-testid="lesson-panel" data-lesson={lesson.id}>
      <header className="lesson-header">
        {!embedded && (
          <button type="button" className="link" onClick={session.close}>
            ← {s.back}
          </button>
        )}
        <h2>{lesson.title[lang]}</h2>
        <ol className="lesson-dots" aria-label={s.progressLabel}>
          {lesson.steps.map((st, i) => {
            const done = current.completed.includes(st.id);
            return (
              <li key={st.id} className={`${done ? 'done' : ''} ${i === current.step ? 'current' : ''}`}>
                <span className="visually-hidden">
                  {fill(s.stepOf, { n: i + 1, total: lesson.steps.length })}
                  {done ? `: ${s.completed}` : ''}
                </span>
              </li>
            );
          })}
        </ol>
      </header>

      {current.done && !reviewing ? (
        <section className="lesson-recap" data-testid="lesson-recap" aria-label={s.lessonDone}>
          <p className="lesson-ok" role="status">
            ✓ {s.lessonDone}
          </p>
          <Markdown text={lesson.recap[lang]} host={host} s={s} />
          <div className="lesson-nav">
            <button type="button" onClick={() => setReviewing(true)}>
              {s.review}
            </button>
            {!embedded && nextLesson && (
              <button type="button" className="primary" onClick={() => void session.open(nextLesson.id, 1)}>
                {fill(s.nextLesson, { title: nextLesson.title[lang] })}
              </button>
            )}
          </div>
        </section>
      ) : (
        <StepView
          lesson={lesson}
          progress={current}
          feedback={session.feedback}
          lang={lang}
          s={s}
          host={host}
          onGo={session.goTo}
          onCheck={() => void session.checkNow()}
        />
      )}

      <footer className="lesson-footer">
        <button
          type="button"
          className="link"
          onClick={() => {
            if (window.confirm(s.resetConfirm)) void session.reset();
          }}
        >
          {s.resetLesson}
        </button>
      </footer>
    </div>
  );
}

export default LessonPanel;
