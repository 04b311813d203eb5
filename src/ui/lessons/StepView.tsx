/** One step: its text, hints one at a time, the solution on request, check feedback and navigation. */
import { useEffect, useState } from 'react';
import { firstIncomplete, type LessonProgress } from '../../lessons/progress';
import type { Lang, Lesson } from '../../lessons/types';
import type { LessonHost } from './host';
import { Markdown } from './Markdown';
import { fill, type Strings } from './strings';
import type { Feedback } from './useLessonSession';

export function StepView({
  lesson,
  progress,
  feedback,
  lang,
  s,
  host,
  onGo,
  onCheck,
}: {
  lesson: Lesson;
  progress: LessonProgress;
  feedback: Feedback;
  lang: Lang;
  s: Strings;
  host: LessonHost;
  onGo(index: number): void;
  onCheck(): void;
}) {
  const index = progress.step;
  const step = lesson.steps[index];
  const done = progress.completed.includes(step.id);
  const [hints, setHints] = useState(0);
  const [solution, setSolution] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: hints and the solution fold away on every new step.
  useEffect(() => {
    setHints(0);
    setSolution(false);
  }, [lesson.id, index]);
  const hintList = step.hints[lang];
  const last = index === lesson.steps.length - 1;
  const canGoOn = done && !last && index < firstIncomplete(progress, lesson) + 1;

  return (
    <article
      className="lesson-step"
      data-testid="lesson-step"
      data-step={index + 1}
      data-step-id={step.id}
      data-done={done ? 'true' : 'false'}
    >
      <p className="lesson-step-count">{fill(s.stepOf, { n: index + 1, total: lesson.steps.length })}</p>
      <Markdown text={step.text[lang]} host={host} s={s} />

      <div className="lesson-help">
        {hintList.length > 0 && (
          <button
            type="button"
            onClick={() => setHints((n) => Math.min(hintList.length, n + 1))}
            disabled={hints >= hintList.length}
          >
            {hints === 0 ? s.hint : s.nextHint}
          </button>
        )}
        <button type="button" aria-expanded={solution} onClick={() => setSolution((v) => !v)}>
          {solution ? s.hideSolution : s.showSolution}
        </button>
      </div>
      {hints > 0 && (
        <ol className="lesson-hints" aria-label={s.hint}>
          {hintList.slice(0, hints).map((h) => (
            <li key={h}>
              <Markdown text={h} host={host} s={s} />
            </li>
          ))}
          {hints >= hintList.length && <li className="lesson-hints-end">{s.noMoreHints}</li>}
        </ol>
      )}
      {solution && <Solution lesson={lesson} index={index} host={host} s={s} />}

      <div
        className="lesson-feedback"
        role="status"
        aria-live="polite"
        data-testid="lesson-feedback"
        data-state={done ? 'passed' : feedback.state}
      >
        {done ? (
          <p className="lesson-ok">✓ {s.stepDone}</p>
        ) : feedback.state === 'checking' ? (
          <p>{s.checking}</p>
        ) : feedback.state === 'failed' ? (
          <>
            <p className="lesson-missing-title">{s.notYet}</p>
            <ul className="lesson-missing">
              {feedback.missing.map((m) => (
                <li key={m[lang]}>{m[lang]}</li>
              ))}
            </ul>
            {feedback.windowMs > 0 && (
              <p className="lesson-wait">{fill(s.waitNote, { s: Math.round(feedback.windowMs / 1000) })}</p>
            )}
          </>
        ) : null}
      </div>

      <nav className="lesson-nav" aria-label={s.progressLabel}>
        <button type="button" onClick={() => onGo(index - 1)} disabled={index === 0}>
          {s.previous}
        </button>
        {!done && (
          <button type="button" className="primary" onClick={onCheck}>
            {s.check}
          </button>
        )}
        {!last && (
          <button
            type="button"
            className={done ? 'primary' : undefined}
            onClick={() => onGo(index + 1)}
            disabled={!canGoOn}
          >
            {s.next}
          </button>
        )}
      </nav>
    </article>
  );
}

function Solution({
  lesson,
  index,
  host,
  s,
}: {
  lesson: Lesson;
  index: number;
  host: LessonHost;
  s: Strings;
}) {
  const { files = [], commands = [] } = lesson.steps[index].solution;
  return (
    <section className="lesson-solution" aria-label={s.showSolution}>
      {files.length > 0 && (
        <>
          <h4>{s.solutionFiles}</h4>
          {files.map((f) => (
            <figure key={f.path} className="lesson-code">
              <figcaption className="lesson-code-file">{f.path}</figcaption>
              <pre>
                <code>{f.content}</code>
              </pre>
              <div className="lesson-code-actions">
                <button type="button" onClick={() => host.openInEditor(f.path, f.content)}>
                  {s.openInEditor}
                  <span className="visually-hidden"> {f.path}</span>
                </button>
              </div>
            </figure>
          ))}
        </>
      )}
      {commands.length > 0 && (
        <>
          <h4>{s.solutionCommands}</h4>
          <ul className="lesson-solution-commands">
            {commands.map((c) => (
              <li key={c}>
                <code>{c}</code>
                <button type="button" onClick={() => void host.runInTerminal(c)}>
                  {s.runInTerminal}
                  <span className="visually-hidden">: {c}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
