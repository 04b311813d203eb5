/**
 * The lesson panel's state machine: which lesson and step are open, progress (persisted in IndexedDB),
 * live step completion (the current step's check is re-evaluated in the worker whenever the cluster
 * changes) and the "Check" button's feedback. UI-free: LessonPanel renders what this returns.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { checkWindowMs } from '../../lessons/checks';
import { lessonHash, parseLessonHash } from '../../lessons/links';
import {
  completeStep,
  firstIncomplete,
  goToStep,
  type LessonProgress,
  ProgressStore,
  startProgress,
} from '../../lessons/progress';
import { lessonPlan, POLL_MS, TYPING_PAUSE_MS } from '../../lessons/scenario';
import type { Lesson, Localized } from '../../lessons/types';
import type { LessonHost } from './host';

export type Feedback =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'passed' }
  | { state: 'failed'; missing: Localized[]; windowMs: number };

/** Open `lesson` at `step` (1-based) on a fresh cluster; a new `nonce` asks again for the same lesson. */
export interface LessonRequest {
  lesson: string;
  step: number;
  nonce: number;
}

export interface SessionOptions {
  host: LessonHost;
  /** Embed mode: the lesson comes from `request` only, and the URL hash is left alone. */
  embedded?: boolean;
  request?: LessonRequest;
  onStepCompleted?(lesson: string, step: number): void;
  /** `step` is the last step's number. */
  onLessonCompleted?(lesson: string, step: number): void;
}

export interface Session {
  course: Lesson[] | null;
  progress: ReadonlyMap<string, LessonProgress>;
  lesson: Lesson | null;
  current: LessonProgress | null;
  preparing: boolean;
  missingLesson?: string;
  feedback: Feedback;
  open(id: string, step: number): Promise<void>;
  /** Back to a lesson left for the course list: as it was when its cluster is still loaded, else from its next step. */
  resume(id: string): Promise<void>;
  close(): void;
  goTo(index: number): void;
  checkNow(): Promise<void>;
  reset(): Promise<void>;
}

/** Live checks run at most this often (wall time), however fast the cluster changes. */
const LIVE_CHECK_INTERVAL_MS = 250;

export function useLessonSession(opts: SessionOptions): Session {
  const { host, embedded = false, request } = opts;
  const [course, setCourse] = useState<Lesson[] | null>(null);
  const [progress, setProgress] = useState<Map<string, LessonProgress>>(new Map());
  const [lessonId, setLessonId] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [missingLesson, setMissingLesson] = useState<string>();
  const [feedback, setFeedback] = useState<Feedback>({ state: 'idle' });
  const store = useRef<ProgressStore | null>(null);
  /** The lesson whose scenario the cluster holds. */
  const clusterLesson = useRef<string | null>(null);
  const callbacks = useRef(opts);
  callbacks.current = opts;
  // The latest state for callbacks that outlive a render (live checks, async opens).
  const latest = useRef({ course, progress, lessonId });
  latest.current = { course, progress, lessonId };

  const lesson = (lessonId && course?.find((l) => l.id === lessonId)) || null;
  const current = (lessonId && progress.get(lessonId)) || null;

  const save = useCallback((p: LessonProgress) => {
    setProgress((m) => new Map(m).set(p.lesson, p));
    latest.current.progress = new Map(latest.current.progress).set(p.lesson, p);
    void store.current?.put(p);
  }, []);

  const open = useCallback(
    async (id: string, step: number) => {
      const l = latest.current.course?.find((x) => x.id === id);
      if (!l) {
        setMissingLesson(id);
        return;
      }
      setMissingLesson(undefined);
      setPreparing(true);
      setFeedback({ state: 'idle' });
      const index = Math.max(0, Math.min(l.steps.length - 1, step - 1));
      const plan = lessonPlan(l, index);
      await host.loadScenario(plan.scenario, plan.files);
      // Replay earlier steps as the learner would have done them: commands, then time until the check holds.
      for (const step of plan.replay) {
        for (const [i, run] of step.runs.entries()) {
          if (i > 0) await host.advance(TYPING_PAUSE_MS);
          await host.run(run.line, run.stdin);
        }
        for (let waitedMs = 0; waitedMs < step.windowMs; waitedMs += POLL_MS) {
          if ((await host.check(step.check, 0)).passed) break;
          await host.advance(POLL_MS);
        }
      }
      if (plan.replay.length > 0) await host.settle();
      save(startProgress(l, index, host.nowMs(), latest.current.progress.get(id)));
      clusterLesson.current = id;
      setLessonId(id);
      latest.current.lessonId = id;
      void store.current?.setActive(id);
      setPreparing(false);
    },
    [host, save],
  );

  // Load the course and the saved progress, then open what the URL or the last session asks for.
  useEffect(() => {
    let cancelled = false;
    const resume = (id: string) => {
      clusterLesson.current = id;
      setLessonId(id);
      latest.current.lessonId = id;
    };
    void (async () => {
      const [{ COURSE }, ps] = await Promise.all([
        import('../../lessons/bundle'),
        ProgressStore.open().catch(() => null),
      ]);
      if (cancelled) return;
      store.current = ps;
      const saved = new Map((ps ? await ps.all() : []).map((p) => [p.lesson, p]));
      const active = ps ? await ps.active() : null;
      latest.current = { course: COURSE, progress: saved, lessonId: null };
      setCourse(COURSE);
      setProgress(saved);
      if (embedded) return; // the request effect opens the lesson
      const link = parseLessonHash(window.location.hash);
      if (link) {
        const p = saved.get(link.lesson);
        // A reload keeps the hash: resume (the worker restores the cluster) instead of starting over.
        if (active === link.lesson && p && p.step === link.step - 1) resume(link.lesson);
        else await open(link.lesson, link.step);
      } else if (active && saved.has(active) && COURSE.some((l) => l.id === active)) resume(active);
    })();
    return () => {
      cancelled = true;
    };
  }, [embedded, open]);

  // Embed `load` messages and the embed URL.
  useEffect(() => {
    if (request && course) void open(request.lesson, request.step);
  }, [request, course, open]);

  // Keep `#/lesson/<id>/<step>` in step with the panel, and follow links pasted into the address bar.
  useEffect(() => {
    if (embedded || !course) return;
    const want = lesson && current ? lessonHash({ lesson: lesson.id, step: current.step + 1 }) : '';
    if (want && window.location.hash !== want) history.replaceState(null, '', want);
    if (!want && parseLessonHash(window.location.hash))
      history.replaceState(null, '', window.location.pathname + window.location.search);
  }, [embedded, course, lesson, current]);

  useEffect(() => {
    if (embedded) return;
    const onHash = () => {
      const link = parseLessonHash(window.location.hash);
      const { lessonId: id, progress: ps } = latest.current;
      if (link && !(id === link.lesson && ps.get(id)?.step === link.step - 1))
        void open(link.lesson, link.step);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [embedded, open]);

  // Live completion: re-check the first unfinished step whenever the cluster changes.
  const inFlight = useRef(false);
  const lastRun = useRef(0);
  const evaluate = useCallback(async (): Promise<{ passed: boolean; missing: Localized[] } | null> => {
    const { course: c, lessonId: id, progress: ps } = latest.current;
    const l = id ? c?.find((x) => x.id === id) : undefined;
    const p = id ? ps.get(id) : undefined;
    if (!l || !p || p.done) return null;
    const index = firstIncomplete(p, l);
    const step = l.steps[index];
    const result = await host.check(step.check, p.startedMs[step.id] ?? 0);
    if (!result.passed) return result;
    const now = latest.current.progress.get(l.id);
    if (!now || latest.current.lessonId !== l.id || now.completed.includes(step.id)) return result;
    const next = completeStep(now, l, index, host.nowMs());
    save(next);
    setFeedback({ state: 'passed' });
    callbacks.current.onStepCompleted?.(l.id, index + 1);
    if (next.done) callbacks.current.onLessonCompleted?.(l.id, l.steps.length);
    return result;
  }, [host, save]);

  useEffect(() => {
    if (!lesson || !current || current.done || preparing) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      timer = undefined;
      if (inFlight.current) return schedule();
      inFlight.current = true;
      lastRun.current = performance.now();
      void evaluate().finally(() => {
        inFlight.current = false;
      });
    };
    const schedule = () => {
      if (timer !== undefined) return;
      timer = setTimeout(run, Math.max(0, LIVE_CHECK_INTERVAL_MS - (performance.now() - lastRun.current)));
    };
    const unsubscribe = host.subscribe(schedule);
    schedule();
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [host, lesson, current, preparing, evaluate]);

  const checkNow = useCallback(async () => {
    const { course: c, lessonId: id, progress: ps } = latest.current;
    const l = id ? c?.find((x) => x.id === id) : undefined;
    const p = id ? ps.get(id) : undefined;
    if (!l || !p) return;
    if (p.completed.includes(l.steps[p.step].id)) {
      setFeedback({ state: 'passed' });
      return;
    }
    setFeedback({ state: 'checking' });
    const result = await evaluate();
    if (result && !result.passed) {
      const step = l.steps[firstIncomplete(p, l)];
      setFeedback({ state: 'failed', missing: result.missing, windowMs: checkWindowMs(step.check) });
    }
  }, [evaluate]);

  const goTo = useCallback(
    (index: number) => {
      const { course: c, lessonId: id, progress: ps } = latest.current;
      const l = id ? c?.find((x) => x.id === id) : undefined;
      const p = id ? ps.get(id) : undefined;
      if (!l || !p) return;
      const next = goToStep(p, l, index);
      if (next.step !== p.step) {
        save(next);
        setFeedback({ state: 'idle' });
      }
    },
    [save],
  );

  const resume = useCallback(
    async (id: string) => {
      const { course: c, progress: ps } = latest.current;
      const l = c?.find((x) => x.id === id);
      const p = ps.get(id);
      if (l && p && clusterLesson.current === id) {
        setLessonId(id);
        latest.current.lessonId = id;
        void store.current?.setActive(id);
      } else await open(id, l && p ? firstIncomplete(p, l) + 1 : 1);
    },
    [open],
  );

  const close = useCallback(() => {
    setLessonId(null);
    latest.current.lessonId = null;
    setFeedback({ state: 'idle' });
    void store.current?.setActive(null);
  }, []);

  const reset = useCallback(async () => {
    const id = latest.current.lessonId;
    if (!id) return;
    await store.current?.reset(id);
    // A reset forgets everything about the lesson, including that it was once completed.
    const without = new Map(latest.current.progress);
    without.delete(id);
    latest.current.progress = without;
    setProgress(without);
    await open(id, 1);
  }, [open]);

  return {
    course,
    progress,
    lesson,
    current,
    preparing,
    missingLesson,
    feedback,
    open,
    resume,
    close,
    goTo,
    checkNow,
    reset,
  };
}
