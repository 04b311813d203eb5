import { expect, test } from '@playwright/test';
import { axeViolations, openLab, pods, run, setSpeed } from './helpers';

test('axe finds no violations in the lab (light and dark, graph and table)', async ({ page }) => {
  // Without colour transitions, a scan right after the theme switch sees the final colours.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openLab(page);
  await setSpeed(page, 32);
  await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
  await expect(pods(page, 'web-').and(page.locator('[data-status="Running"]'))).toHaveCount(2);
  await expect(page.getByTestId('yaml-editor').locator('.monaco-editor')).toBeVisible();
  const scan = () => axeViolations(page);
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Table' }).click();
  expect(await scan()).toEqual([]);
});

test('graph nodes are reachable with the keyboard and arrow keys move between them', async ({ page }) => {
  await openLab(page);
  const first = page.locator('[data-testid="graph-node"][tabindex="0"]');
  await expect(first).toHaveCount(1);
  await first.focus();
  const before = await page.evaluate(() => document.activeElement?.getAttribute('data-name'));
  await page.keyboard.press('ArrowRight');
  const after = await page.evaluate(() => document.activeElement?.getAttribute('data-name'));
  expect(after).toBeTruthy();
  expect(after).not.toBe(before);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Describe' })).toBeVisible();
});
