// @vitest-environment jsdom
/** The probe timeline renders the worker's data: the describe line, the fields, results and effects. */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeTimeline as Timeline } from '../../protocol/messages';
import { initI18n, setLanguage } from '../i18n';
import { clockTime, ProbeTimeline } from './ProbeTimeline';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const liveness = {
  container: 'app',
  probe: 'liveness' as const,
  handler: 'httpGet',
  describe: 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
  last: 'failure' as const,
  consecutiveFailures: 3,
  consecutiveSuccesses: 0,
};
const timeline: Timeline = {
  configs: [liveness],
  executions: [
    {
      atMs: 210_040,
      time: '2025-01-15T09:03:30.040000Z',
      container: 'app',
      probe: 'liveness',
      result: 'failure',
      reason: 'Get "http://10.244.1.3:8080/healthz": context deadline exceeded',
      consecutiveFailures: 3,
      failureThreshold: 3,
      consecutiveSuccesses: 0,
      successThreshold: 1,
      action: 'restart',
    },
    {
      atMs: 180_040,
      time: '2025-01-15T09:03:00.040000Z',
      container: 'app',
      probe: 'liveness',
      result: 'success',
      consecutiveFailures: 0,
      failureThreshold: 3,
      consecutiveSuccesses: 6,
      successThreshold: 1,
    },
  ],
  total: 60,
};

let root: Root | undefined;
let host: HTMLElement;

function render(t: Timeline | undefined): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<ProbeTimeline timeline={t} />));
  return host;
}

const rows = (el: HTMLElement) =>
  [...el.querySelectorAll('[data-testid="probe-execution"]')].map((r) =>
    [...r.querySelectorAll('td')].map((td) => td.textContent),
  );

beforeAll(() => {
  initI18n();
  setLanguage('en');
});

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

describe('ProbeTimeline', () => {
  it('shows each probe’s describe line and fields, then the results newest first with their effect', () => {
    const el = render(timeline);
    const config = el.querySelector('[data-testid="probe-config"]')!;
    expect(config.textContent).toContain(liveness.describe);
    expect(
      [...config.querySelectorAll('dt')].map((d) => `${d.textContent}=${d.nextSibling?.textContent}`),
    ).toEqual([
      'handler=httpGet',
      'initialDelaySeconds=0',
      'periodSeconds=10',
      'timeoutSeconds=1',
      'failureThreshold=3',
      'successThreshold=1',
    ]);
    expect(el.querySelector('caption')?.textContent).toBe('Results, newest first (the last 2 of 60)');
    // One probe: no probe column.
    expect([...el.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Time',
      'Result',
      'Failures',
      'Effect and reason',
    ]);
    expect(rows(el)).toEqual([
      [
        '09:03:30',
        '✗ failure',
        '3/3',
        'Container killed and restartedGet "http://10.244.1.3:8080/healthz": context deadline exceeded',
      ],
      ['09:03:00', '✓ success', '–', ''],
    ]);
  });

  it('adds the probe column with several probes, and says when a pod has none', () => {
    const two = {
      ...timeline,
      configs: [liveness, { ...liveness, probe: 'readiness' as const, last: 'pending' as const }],
    };
    expect(rows(render(two))[1].slice(0, 2)).toEqual(['09:03:00', 'Liveness']);
    act(() => root!.render(<ProbeTimeline timeline={{ configs: [], executions: [], total: 0 }} />));
    expect(host.textContent).toBe(
      'This pod has no probes: the kubelet treats its containers as healthy and ready once they run.',
    );
  });

  it('reads the time of day from the virtual clock’s RFC 3339 time', () => {
    expect(clockTime('2025-01-15T09:03:30.040000Z')).toBe('09:03:30');
    expect(clockTime('2025-01-15T23:59:59Z')).toBe('23:59:59');
  });
});
