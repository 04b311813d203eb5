/**
 * The lesson system in the browser: a learner completes lesson 3 (Deployments and self-healing) by typing
 * its commands, with a reload half-way through and at the end (progress lives in IndexedDB).
 */
import { expect, type Page, test } from '@playwright/test';
import { axeViolations, run, terminalText } from './helpers';

/** 32× simulated time, whatever the UI language (the speed control's label is translated). */
async function setSpeed(page: Page, speed: number): Promise<void> {
  await page.evaluate((s) => window.__kubedojo?.lab.setSpeed(s as 32), speed);
}

const panel = (page: Page) => page.getByTestId('lesson-panel');
const step = (page: Page) => page.getByTestId('lesson-step');

async function openLessonLink(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.locator('[data-testid="graph-node"][data-kind="Node"]').first()).toBeVisible();
  await expect(panel(page)).toBeVisible();
}

/** Wait for the current step to complete (live detection), then go on. */
async function completeStep(page: Page, n: number, next = true): Promise<void> {
  await expect(page.locator(`[data-testid="lesson-step"][data-step="${n}"]`)).toHaveAttribute(
    'data-done',
    'true',
    {
      timeout: 30_000,
    },
  );
  if (next) await panel(page).getByRole('button', { name: 'Next' }).click();
}

test('a learner completes lesson 3 by typing commands; progress survives reloads', async ({ page }) => {
  await openLessonLink(page, '#/lesson/deployments/1');
  await expect(panel(page).getByRole('heading', { name: 'Deployments and self-healing' })).toBeVisible();
  await setSpeed(page, 32);

  // Checking before doing anything says what is missing.
  await expect(step(page)).toHaveAttribute('data-step', '1');
  await panel(page).getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('lesson-feedback')).toContainText('There is no Deployment called "web" yet.');
  // Hints come one at a time.
  await panel(page).getByRole('button', { name: 'Hint' }).click();
  await expect(panel(page).locator('.lesson-hints li')).toHaveCount(1);

  await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await completeStep(page, 1);

  await run(page, 'kubectl get replicasets');
  await completeStep(page, 2, false);

  // Reload in the middle: the lesson, its completed steps and the cluster come back.
  await page.reload();
  await expect(page.locator('[data-testid="lesson-step"][data-step="2"]')).toHaveAttribute(
    'data-done',
    'true',
  );
  await expect(page).toHaveURL(/#\/lesson\/deployments\/2$/);
  await expect(
    page.locator('[data-testid="graph-node"][data-kind="Deployment"][data-name="web"]'),
  ).toBeVisible();
  await setSpeed(page, 32);
  await panel(page).getByRole('button', { name: 'Next' }).click();

  await expect(step(page)).toHaveAttribute('data-step', '3');
  await run(page, 'kubectl delete pods -l app=web');
  await completeStep(page, 3);

  await run(page, 'kubectl scale deployment web --replicas=5');
  await completeStep(page, 4);

  await run(page, 'kubectl scale deployment web --replicas=2');
  await expect(page.getByTestId('lesson-recap')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('lesson-recap')).toContainText('What happened and why');

  await page.reload();
  await expect(page.getByTestId('lesson-recap')).toBeVisible();
  await panel(page)
    .getByRole('button', { name: /All lessons/ })
    .click();
  await expect(page.locator('[data-testid="lesson-item"][data-lesson="deployments"]')).toHaveAttribute(
    'data-done',
    'true',
  );
  await expect(page.locator('[data-testid="lesson-item"][data-lesson="pods"]')).toHaveAttribute(
    'data-done',
    'false',
  );
});

test('lessons render safely in Japanese with ?lang=ja, and code blocks run in the terminal', async ({
  page,
}) => {
  await page.goto('/?lang=ja#/lesson/pods/1');
  await expect(panel(page).getByRole('heading', { name: 'コンテナと Pod' })).toBeVisible();
  await expect(panel(page)).toContainText('最初の Pod を動かす');
  await setSpeed(page, 32);
  await panel(page).getByRole('button', { name: 'ターミナルで実行' }).first().click();
  // The button types the command into the terminal, as the learner would.
  await expect.poll(() => terminalText(page)).toContain('pod/hello created');
  await expect(page.locator('[data-testid="lesson-step"][data-step="1"]')).toHaveAttribute(
    'data-done',
    'true',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('lesson-feedback')).toContainText('ステップ完了です。');
});

test('axe finds no violations in the lesson panel (course list, a step with help open, light and dark)', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('[data-testid="graph-node"][data-kind="Node"]').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Lesson' }).click();
  await expect(page.locator('[data-testid="lesson-item"]')).toHaveCount(24);
  // Four modules, each under its own heading.
  await expect(page.locator('[data-testid="lesson-panel"] section[data-module] > h3')).toHaveText([
    'Kubernetes fundamentals',
    'Health checks: liveness, readiness and startup probes',
    'OpenShift: from source code to a Route',
    'Istio: routing, security and observability in a service mesh',
  ]);
  const scan = () => axeViolations(page, '[data-testid="lesson-panel"]');
  expect(await scan()).toEqual([]);
  await page.locator('[data-testid="lesson-item"][data-lesson="services"]').getByRole('button').click();
  await expect(step(page)).toHaveAttribute('data-step', '1');
  await panel(page).getByRole('button', { name: 'Hint' }).click();
  await panel(page).getByRole('button', { name: 'Show solution' }).click();
  await panel(page).getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('lesson-feedback')).toContainText('Not done yet');
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await scan()).toEqual([]);
});
