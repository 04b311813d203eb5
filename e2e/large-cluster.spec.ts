/** A cluster past 200 pods: pods drawn inside their machines, as tiles when zoomed out, still usable. */
import { expect, test } from '@playwright/test';
import { axeViolations, openLab, pods, run, setSpeed } from './helpers';

test('240 pods: tiles when zoomed out, labels when zoomed in, keyboard and axe still work', async ({
  page,
}) => {
  await openLab(page);
  await page.evaluate(() => (window as any).__kubedojo.lab.reset({ workers: 4 }));
  await expect(page.locator('[data-testid="graph-node"][data-kind="Node"]')).toHaveCount(5);
  await setSpeed(page, 32);
  await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=240');
  const web = pods(page, 'web-');
  await expect(web).toHaveCount(240, { timeout: 30_000 });
  await expect(web.and(page.locator('[data-status="Running"]'))).toHaveCount(240, { timeout: 60_000 });

  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  // Fitted, 240 pods are far too small to read: each is a tile (status icon, no text).
  await expect(web.first()).toHaveClass(/\btile\b/);
  await expect(web.first().locator('.gnode-text')).toHaveCount(0);
  await expect(web.first()).toHaveAttribute(
    'aria-label',
    /^Pod web-[a-z0-9]+-[a-z0-9]{5}, Running, 1\/1 ready/,
  );

  // A tile is a button like any node: focus it and press Enter to inspect it.
  const first = web.first();
  const name = await first.getAttribute('data-name');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.side-panel')).toContainText(name ?? '');

  expect(await axeViolations(page, '.react-flow')).toEqual([]);

  // Zoomed in, the same pods show their name, status and READY again.
  for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Zoom In', exact: true }).click();
  await expect(web.locator('.gnode-name').first()).toBeVisible();
  await expect(page.locator('.gnode.pod.tile')).toHaveCount(0);
});
