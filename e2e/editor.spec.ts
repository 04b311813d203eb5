import { expect, test } from '@playwright/test';
import { openLab, pods, setSpeed } from './helpers';

async function setEditorText(page: import('@playwright/test').Page, text: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => !!window.__kubedojoEditor)).toBe(true);
  await page.evaluate((t) => window.__kubedojoEditor!.setValue(t), text);
}

test('Apply sends the editor file through kubectl apply and the objects appear', async ({ page }) => {
  await openLab(page);
  await setSpeed(page, 32);
  await setEditorText(
    page,
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: shop',
      'spec:',
      '  replicas: 2',
      '  selector:',
      '    matchLabels: {app: shop}',
      '  template:',
      '    metadata:',
      '      labels: {app: shop}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: shop',
      'spec:',
      '  selector: {app: shop}',
      '  ports:',
      '    - port: 80',
      '',
    ].join('\n'),
  );
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('.apply-result')).toContainText('deployment.apps/shop created');
  await expect(page.locator('.apply-result')).toContainText('service/shop created');
  await expect(
    page.locator('[data-testid="graph-node"][data-kind="Service"][data-name="shop"]'),
  ).toBeVisible();
  await expect(pods(page, 'shop-').and(page.locator('[data-status="Running"]'))).toHaveCount(2);
});

test('an invalid manifest is underlined with the API server message', async ({ page }) => {
  await openLab(page);
  await setEditorText(
    page,
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: x\ndata:\n  a: b\n',
  );
  const editor = page.getByTestId('yaml-editor');
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => window.__kubedojoEditor!.markers().map((m) => m.message)))
    .toContain('metadata.name: Required value: name or generateName is required');
});
