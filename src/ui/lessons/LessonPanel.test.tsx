// @vitest-environment jsdom
/**
 * The lesson panel against a scripted host (no worker): opening a lesson loads its scenario, "Check" says
 * what is missing, a check that starts passing completes the step live, hints come one at a time, solution
 * commands run in the terminal, and the last step shows the recap and reports the lesson as completed.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COURSE } from '../../lessons/bundle';
import { MODULES } from '../../lessons/types';
import type { Scenario } from '../../protocol/messages';
import { initI18n, setLanguage } from '../i18n';
import type { LessonHost } from './host';
import { LessonPanel } from './LessonPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

class FakeHost implements LessonHost {
  scenarios: Scenario[] = [];
  ran: string[] = [];
  opened: string[] = [];
  passing = new Set<unknown>();
  checks: { check: unknown; sinceMs: number }[] = [];
  now = 1000;
  private listeners = new Set<() => void>();

  async loadScenario(scenario: Scenario): Promise<void> {
    this.scenarios.push(scenario);
    this.now += 5000;
  }
  async check(check: unknown, sinceMs: number) {
    this.checks.push({ check, sinceMs });
    const passed = this.passing.has(check);
    return {
      passed,
      missing: passed
        ? []
        : [
            (check as { all?: { message: { en: string; ja: string } }[] }).all?.[0].message ?? {
              en: 'missing',
              ja: '未完了',
            },
          ],
    };
  }
  async runInTerminal(line: string) {
    this.ran.push(line);
  }
  replayed: string[] = [];
  async run(line: string, stdin?: string) {
    this.replayed.push(stdin === undefined ? line : `${line} <<${stdin.length}`);
  }
  async advance(ms: number) {
    this.now += ms;
  }
  async settle() {}
  openInEditor(path: string) {
    this.opened.push(path);
  }
  nowMs() {
    return this.now;
  }
  subscribe(fn: () => void) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  /** The cluster changed and the check of `stepIndex` now holds. */
  pass(lessonId: string, stepIndex: number) {
    this.passing.add(COURSE.find((l) => l.id === lessonId)!.steps[stepIndex].check);
    this.now += 3000;
    for (const fn of this.listeners) fn();
  }
}

let root: Root | undefined;
let container: HTMLDivElement;

async function until(what: () => boolean, label: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (what()) return;
    await act(async () => {
      await new Promise((r) => setTimeout(r, 30));
    });
  }
  throw new Error(`timed out waiting for ${label}`);
}

function button(name: string): HTMLButtonElement {
  const b = [...container.querySelectorAll('button')].find((x) => x.textContent?.trim().startsWith(name));
  if (!b) throw new Error(`no button "${name}" in: ${container.textContent}`);
  return b;
}

async function click(name: string) {
  await act(async () => button(name).click());
}

const stepEl = () => container.querySelector('[data-testid="lesson-step"]');

beforeAll(() => {
  initI18n();
  setLanguage('en');
});

afterEach(() => {
  act(() => root?.unmount());
  container.remove();
});

function mount(el: React.ReactElement) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(el));
}

describe('LessonPanel', () => {
  it('lists the course with every lesson when nothing is open', async () => {
    mount(<LessonPanel host={new FakeHost()} />);
    await until(
      () => container.querySelectorAll('[data-testid="lesson-item"]').length > 0,
      'the course list',
    );
    const items = [...container.querySelectorAll('[data-testid="lesson-item"]')];
    expect(items.map((i) => i.getAttribute('data-lesson'))).toEqual(
      MODULES.flatMap((m) => COURSE.filter((l) => l.module === m).map((l) => l.id)),
    );
    expect(items[2].textContent).toContain('Deployments and self-healing');
    expect(items[2].textContent).toContain('0/5 steps');
    // Grouped by module, in course order, each under its own heading.
    const modules = [...container.querySelectorAll('section[data-module]')];
    expect(modules.map((m) => m.getAttribute('data-module'))).toEqual(
      MODULES.filter((m) => COURSE.some((l) => l.module === m)),
    );
    expect(modules[0].querySelector('h3')?.textContent).toBe('Kubernetes fundamentals');
    expect(modules[0].textContent).toContain(
      `0 of ${COURSE.filter((l) => l.module === 'fundamentals').length} lessons completed`,
    );
  });

  it('plays a lesson: scenario, check feedback, live completion, hints, solution and recap', async () => {
    const host = new FakeHost();
    const steps: [string, number][] = [];
    const lessons: [string, number][] = [];
    mount(
      <LessonPanel
        host={host}
        embedded
        request={{ lesson: 'deployments', step: 1, nonce: 0 }}
        onStepCompleted={(l, s) => steps.push([l, s])}
        onLessonCompleted={(l, s) => lessons.push([l, s])}
      />,
    );
    await until(() => stepEl() !== null, 'the first step');
    expect(host.scenarios).toEqual([{ seed: 303, workers: 3, profile: 'kubernetes', runs: [], settleMs: 0 }]);
    expect(stepEl()?.getAttribute('data-step')).toBe('1');
    expect(container.textContent).toContain('Ask for three replicas');
    expect(container.querySelector('.lesson-md script, .lesson-md img')).toBeNull();

    await click('Check');
    await until(() => container.textContent!.includes('Not done yet'), 'the failure message');
    expect(container.querySelector('.lesson-missing')?.textContent).toBe(
      'There is no Deployment called "web" yet. Create it with kubectl create deployment.',
    );
    // Checks only look at what happened since the step started (the scenario finished at 6000).
    expect(host.checks.at(-1)?.sinceMs).toBe(6000);

    await click('Hint');
    expect(container.querySelectorAll('.lesson-hints li')).toHaveLength(1);
    await click('Another hint');
    expect(container.querySelectorAll('.lesson-hints li')).toHaveLength(3); // both hints + "no more hints"
    await click('Show solution');
    await act(async () =>
      container.querySelector<HTMLButtonElement>('.lesson-solution-commands button')!.click(),
    );
    expect(host.ran).toEqual(['kubectl create deployment web --image=nginx:1.27 --replicas=3']);
    expect(button('Next').disabled).toBe(true);

    act(() => host.pass('deployments', 0));
    await until(() => stepEl()?.getAttribute('data-done') === 'true', 'live completion of step 1');
    expect(steps).toEqual([['deployments', 1]]);
    expect(container.querySelector('[data-testid="lesson-feedback"]')?.textContent).toContain(
      'Step complete.',
    );

    for (let i = 1; i < 5; i++) {
      await click('Next');
      expect(stepEl()?.getAttribute('data-step')).toBe(String(i + 1));
      expect(container.querySelectorAll('.lesson-hints li')).toHaveLength(0);
      // The step starts when the previous one completed.
      act(() => host.pass('deployments', i));
      await until(() => steps.length === i + 1, `step ${i + 1}`);
    }
    expect(steps.map(([, s]) => s)).toEqual([1, 2, 3, 4, 5]);
    expect(lessons).toEqual([['deployments', 5]]);
    await until(() => container.querySelector('[data-testid="lesson-recap"]') !== null, 'the recap');
    expect(container.textContent).toContain('What happened and why');
    expect(container.textContent).not.toContain('All lessons');
  });

  it('opens a later step with the earlier solutions applied', async () => {
    const host = new FakeHost();
    mount(<LessonPanel host={host} embedded request={{ lesson: 'rolling-updates', step: 3, nonce: 0 }} />);
    await until(() => stepEl() !== null, 'step 3');
    expect(stepEl()?.getAttribute('data-step')).toBe('3');
    expect(host.scenarios[0].runs.map((r) => r.line)).toEqual([
      'kubectl create deployment web --image=nginx:1.26 --replicas=4',
    ]);
    expect(host.replayed).toEqual([
      'kubectl set image deployment/web nginx=nginx:1.27',
      'kubectl get replicasets',
      'kubectl rollout history deployment/web',
    ]);
    // Each replayed step waited for its check: the fake never passes, so its whole window (120 s, then
    // 1 s for the command-only step) plus the 2 s pause between the two commands of step 2.
    expect(host.checks.filter((c) => c.sinceMs === 0)).toHaveLength(121);
    expect(host.now).toBe(1000 + 5000 + 120_000 + 2000 + 1000);
    expect(container.querySelectorAll('.lesson-dots li.done')).toHaveLength(2);
    await click('Previous');
    expect(stepEl()?.getAttribute('data-step')).toBe('2');
  });

  it('resets a lesson to its start on a fresh cluster', async () => {
    const host = new FakeHost();
    mount(<LessonPanel host={host} embedded request={{ lesson: 'pods', step: 1, nonce: 0 }} />);
    await until(() => stepEl() !== null, 'the first step');
    act(() => host.pass('pods', 0));
    await until(() => stepEl()?.getAttribute('data-done') === 'true', 'step 1');
    await click('Next');
    expect(stepEl()?.getAttribute('data-step')).toBe('2');
    host.passing.clear(); // the fresh cluster has nothing done yet
    const confirm = window.confirm;
    window.confirm = () => true;
    try {
      await click('Reset lesson');
    } finally {
      window.confirm = confirm;
    }
    await until(
      () => host.scenarios.length === 2 && stepEl()?.getAttribute('data-step') === '1',
      'the reset',
    );
    expect(host.scenarios[1]).toEqual({
      seed: 101,
      workers: 3,
      profile: 'kubernetes',
      runs: [],
      settleMs: 0,
    });
    expect(container.querySelectorAll('.lesson-dots li.done')).toHaveLength(0);
  });

  it('speaks Japanese', async () => {
    setLanguage('ja');
    try {
      mount(<LessonPanel host={new FakeHost()} embedded request={{ lesson: 'pods', step: 1, nonce: 0 }} />);
      await until(() => stepEl() !== null, 'the first step');
      expect(container.textContent).toContain('コンテナと Pod');
      expect(container.textContent).toContain('最初の Pod を動かす');
      expect(button('ターミナルで実行')).toBeTruthy();
      expect(button('チェック')).toBeTruthy();
    } finally {
      act(() => setLanguage('en'));
    }
  });
});
