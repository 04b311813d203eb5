import { expect, test } from '@playwright/test';
import { openLab, pods, run, setSpeed, terminalText } from './helpers';

test('pause stops the simulated clock and play resumes it', async ({ page }) => {
  await openLab(page);
  const clock = page.getByTestId('clock');
  await setSpeed(page, 8);
  const start = await clock.textContent();
  await expect(clock).not.toHaveText(start ?? '');
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await clock.textContent();
  await page.waitForTimeout(1500);
  await expect(clock).toHaveText(paused ?? '');
  await page.getByRole('button', { name: 'Step 1s' }).click();
  await expect(clock).not.toHaveText(paused ?? '');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('a reload keeps the cluster, the editor files and the terminal history', async ({ page }) => {
  await openLab(page);
  await setSpeed(page, 32);
  await run(page, 'kubectl create deployment keep --image=nginx:1.27 --replicas=2');
  await expect(pods(page, 'keep-').and(page.locator('[data-status="Running"]'))).toHaveCount(2);
  const names = await pods(page, 'keep-').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-name')).sort(),
  );
  await page.getByRole('button', { name: 'New file' }).click();
  await expect(page.getByRole('tab', { name: 'untitled-1.yaml' })).toBeVisible();
  await page.waitForTimeout(500);
  await page.reload();
  await openLab(page);
  await expect(pods(page, 'keep-')).toHaveCount(2);
  expect(
    await pods(page, 'keep-').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).sort()),
  ).toEqual(names);
  await expect(page.getByRole('tab', { name: 'untitled-1.yaml' })).toBeVisible();
  await page.getByTestId('terminal').click();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminalText(page)).toContain('kubectl create deployment keep');
});

test('the language switch changes the UI to Japanese and is remembered', async ({ page }) => {
  await openLab(page);
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('button', { name: '一時停止' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.reload();
  await openLab(page);
  await expect(page.getByRole('button', { name: '一時停止' })).toBeVisible();
  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('?lang=ja in the address opens the lab in Japanese', async ({ page }) => {
  await page.goto('/?lang=ja');
  await expect(page.locator('[data-testid="graph-node"][data-kind="Node"]').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '一時停止' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});

test('the table view lists the same objects', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'node-1' })).toBeVisible();
});
