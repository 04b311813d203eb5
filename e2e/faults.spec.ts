import { expect, test } from '@playwright/test';
import { openLab, pods, run, setSpeed } from './helpers';

test('an instructor makes an image unpullable and the new pods show ImagePullBackOff', async ({ page }) => {
  await openLab(page);
  await setSpeed(page, 32);
  await page.getByRole('tab', { name: 'Faults' }).click();
  await page.getByLabel('Image').fill('nginx:1.27');
  await page.getByRole('button', { name: 'Make image unpullable' }).click();
  await expect(page.locator('.faults output')).toHaveText('pulls of nginx:1.27 now fail');
  await run(page, 'kubectl create deployment broken --image=nginx:1.27');
  await expect(pods(page, 'broken-')).toHaveAttribute('data-status', /ErrImagePull|ImagePullBackOff/);
  await expect(pods(page, 'broken-')).toHaveAttribute('data-status', 'ImagePullBackOff');
});
