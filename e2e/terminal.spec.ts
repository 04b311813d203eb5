import { expect, test } from '@playwright/test';
import { openLab, pods, run, setSpeed, terminalText } from './helpers';

test('a deployment created from the terminal shows its pods Running in the graph', async ({ page }) => {
  await openLab(page);
  await setSpeed(page, 32);
  await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await expect.poll(() => terminalText(page)).toContain('deployment.apps/web created');
  await expect(
    page.locator('[data-testid="graph-node"][data-kind="Deployment"][data-name="web"]'),
  ).toBeVisible();
  await expect(pods(page, 'web-')).toHaveCount(3);
  for (const pod of await pods(page, 'web-').all())
    await expect(pod).toHaveAttribute('data-status', 'Running');
  // Each pod reads as "Pod <name>, Running, 1/1 ready".
  const name = await pods(page, 'web-').first().getAttribute('data-name');
  await expect(page.getByRole('button', { name: `Pod ${name}, Running, 1/1 ready` })).toBeVisible();
});

test('scaling adds and removes pods in the graph', async ({ page }) => {
  await openLab(page);
  await setSpeed(page, 32);
  await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
  await expect(pods(page, 'web-')).toHaveCount(2);
  await run(page, 'kubectl scale deployment web --replicas=5');
  await expect(pods(page, 'web-')).toHaveCount(5);
  await expect(pods(page, 'web-').and(page.locator('[data-status="Running"]'))).toHaveCount(5);
  await run(page, 'kubectl scale deployment web --replicas=1');
  await expect(pods(page, 'web-')).toHaveCount(1, { timeout: 30_000 });
});

test('the terminal keeps history, completes with Tab and clears with Ctrl-L', async ({ page }) => {
  await openLab(page);
  await run(page, 'kubectl get nodes');
  await expect.poll(() => terminalText(page)).toContain('control-plane');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminalText(page)).toMatch(/\$ kubectl get nodes\s*$/m);
  await page.keyboard.press('Control+c');
  await page.keyboard.type('kubectl get namesp');
  await page.keyboard.press('Tab');
  await expect.poll(() => terminalText(page)).toMatch(/kubectl get namespaces? /);
  await page.keyboard.press('Enter');
  await expect.poll(() => terminalText(page)).toContain('kube-system');
  await page.keyboard.press('Control+l');
  await expect.poll(async () => (await terminalText(page)).includes('kube-system')).toBe(false);
});

test('clicking a pod opens the inspector with its describe output', async ({ page }) => {
  await openLab(page);
  await setSpeed(page, 32);
  await run(page, 'kubectl run solo --image=nginx:1.27');
  const pod = page.locator('[data-testid="graph-node"][data-kind="Pod"][data-name="solo"]');
  await expect(pod).toHaveAttribute('data-status', 'Running');
  await pod.click();
  await expect(page.getByRole('tab', { name: 'Describe' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel').filter({ hasText: 'Name:' }).first()).toContainText('solo');
  await page.getByRole('tab', { name: 'YAML', exact: true }).click();
  await expect(page.locator('#insp-panel')).toContainText('kind: Pod');
});

test('keys typed while a command runs are kept for the next prompt', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('terminal').click();
  await page.keyboard.type('kubectl get nodes\nkubectl get namespaces\n');
  await expect.poll(() => terminalText(page)).toContain('kube-node-lease');
  expect(await terminalText(page)).not.toContain('command not found');
});

test('kubectl explain prints the field descriptions, which load after the first screen', async ({ page }) => {
  await openLab(page);
  await run(page, 'kubectl explain deployment.spec.minReadySeconds');
  await expect
    .poll(() => terminalText(page))
    .toContain('Minimum number of seconds for which a newly created pod');
  await expect.poll(() => terminalText(page)).toContain('FIELD: minReadySeconds <integer>');
});
