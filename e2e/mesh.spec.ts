/**
 * The Mesh view: install Istio and a canary (reviews v1 + v2 behind one Service, a sleep client) from the
 * terminal and the editor, drive it with the view's "Start load" button, then move the VirtualService
 * weights in the editor and watch the split move on the graph's edges.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolations, openLab, pods, run, setSpeed, terminalText } from './helpers';

const deployment = (name: string, labels: string, image: string, extra = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, labels: {${labels}}}`,
    'spec:',
    `  selector: {matchLabels: {${labels}}}`,
    '  template:',
    `    metadata: {labels: {${labels}}}`,
    '    spec:',
    `      containers: [{name: main, image: ${image}${extra}}]`,
  ].join('\n');

const CANARY = [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: reviews, labels: {app: reviews}}',
  'spec:',
  '  selector: {app: reviews}',
  '  ports: [{name: http, port: 9080}]',
  '---',
  deployment(
    'reviews-v1',
    'app: reviews, version: v1',
    'docker.io/istio/examples-bookinfo-reviews-v1:1.20.3',
  ),
  '---',
  deployment(
    'reviews-v2',
    'app: reviews, version: v2',
    'docker.io/istio/examples-bookinfo-reviews-v2:1.20.3',
  ),
  '---',
  deployment('sleep', 'app: sleep', 'docker.io/curlimages/curl:8.16.0', ', command: [/bin/sleep, infinity]'),
  '---',
  'apiVersion: networking.istio.io/v1',
  'kind: DestinationRule',
  'metadata: {name: reviews}',
  'spec:',
  '  host: reviews',
  '  subsets:',
  '  - {name: v1, labels: {version: v1}}',
  '  - {name: v2, labels: {version: v2}}',
  '---',
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: {name: reviews}',
  'spec:',
  '  hosts: [reviews]',
  '  http:',
  '  - route:',
  '    - destination: {host: reviews, subset: v1}',
  '      weight: 100',
  '    - destination: {host: reviews, subset: v2}',
  '      weight: 0',
  '',
].join('\n');

const edge = (page: Page, target: string): Locator =>
  page.locator(`[data-testid="mesh-edge"][data-source="default/reviews"][data-target="default/${target}"]`);

async function rps(edge: Locator): Promise<number> {
  return (await edge.count()) ? Number(await edge.getAttribute('data-rps')) : 0;
}

/** Replace `from` with `to` in the open editor file by typing, as a learner would (Find, then type over). */
async function editInEditor(page: Page, from: string, to: string): Promise<void> {
  await page.getByTestId('yaml-editor').locator('textarea').first().focus();
  await page.keyboard.press('Control+f');
  await page.keyboard.type(from);
  await page.keyboard.press('Escape');
  await page.keyboard.type(to);
}

/**
 * Istio, the canary (reviews v1 + v2 at 100/0 and a sleep client) from the terminal and the editor, and
 * load started from the Mesh view's own hint.
 */
async function canary(page: Page): Promise<void> {
  await openLab(page);
  await setSpeed(page, 32);

  // The Mesh view first says Istio is missing, and how to install it.
  await page.getByRole('button', { name: 'Mesh', exact: true }).click();
  await expect(page.getByTestId('mesh-notice')).toContainText('istioctl install -y');

  await run(page, 'istioctl install -y');
  await expect.poll(() => terminalText(page)).toContain('Installation complete');
  await run(page, 'kubectl label namespace default istio-injection=enabled');
  await expect.poll(() => terminalText(page)).toContain('namespace/default labeled');

  await expect.poll(() => page.evaluate(() => !!window.__kubedojoEditor)).toBe(true);
  await page.evaluate((t) => window.__kubedojoEditor!.setValue(t), CANARY);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('.apply-result')).toContainText(
    'virtualservice.networking.istio.io/reviews created',
  );

  // Versions of one app in one box; v2 idle (no route sends to it), every node named for screen readers.
  const v1 = page.locator('[data-testid="mesh-node"][data-kind="workload"][data-name="reviews-v1"]');
  await expect(v1).toHaveAttribute('data-namespace', 'default');
  await expect(page.locator('[data-testid="mesh-node"][data-name="reviews-v2"]')).toBeVisible();

  // Nothing calls reviews yet: the view offers the load command and runs it through the terminal's path.
  const start = page.getByRole('button', { name: 'Start load' });
  await expect(start).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('mesh-notice')).toContainText(
    'lab mesh load start --from deploy/sleep --to http://reviews:9080/ --rps 10 -n default',
  );
  // The client pod must be up (2/2 with its sidecar) for the generator to send.
  await page.getByRole('button', { name: 'Graph', exact: true }).click();
  await expect(pods(page, 'sleep-').and(page.locator('[data-status="Running"]'))).toHaveCount(1);
  await page.getByRole('button', { name: 'Mesh', exact: true }).click();
  await page.getByRole('button', { name: 'Start load' }).click();
  await expect.poll(() => terminalText(page)).toContain('mesh load "sleep-reviews" started');
}

test('editing a VirtualService weight in the editor shifts the split on the mesh graph', async ({ page }) => {
  test.setTimeout(120_000);
  await canary(page);
  const v1 = page.locator('[data-testid="mesh-node"][data-kind="workload"][data-name="reviews-v1"]');

  // 100/0: all of it goes to v1, over mTLS.
  await expect.poll(() => rps(edge(page, 'reviews-v1')), { timeout: 30_000 }).toBeGreaterThan(5);
  await expect(edge(page, 'reviews-v1')).toHaveAttribute('data-mtls', 'true');
  await expect(edge(page, 'reviews-v2')).toHaveCount(0);
  await expect(
    page.locator('[data-testid="mesh-edge"][data-source="default/sleep"][data-target="default/reviews"]'),
  ).toHaveCount(1);
  await expect(v1).toHaveAccessibleName(/^Workload reviews-v1, \d+(\.\d)? rps, 0% errors$/);

  // The canary step: 50/50 in the editor, Apply.
  await editInEditor(page, 'weight: 100', 'weight: 50');
  await editInEditor(page, 'weight: 0', 'weight: 50');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('.apply-result')).toContainText(
    'virtualservice.networking.istio.io/reviews configured',
  );

  // Within seconds of simulated time both versions take a share.
  await expect.poll(() => rps(edge(page, 'reviews-v2')), { timeout: 30_000 }).toBeGreaterThan(2);
  await expect
    .poll(
      async () => {
        const [a, b] = [await rps(edge(page, 'reviews-v1')), await rps(edge(page, 'reviews-v2'))];
        return a + b > 0 ? a / (a + b) : 0;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0.25);
  const [a, b] = [await rps(edge(page, 'reviews-v1')), await rps(edge(page, 'reviews-v2'))];
  expect(b / (a + b)).toBeGreaterThan(0.2);

  // The golden signals of v2 over simulated time.
  await page.locator('[data-testid="mesh-node"][data-name="reviews-v2"]').click();
  await expect(page.locator('[data-testid="mesh-chart"]')).toHaveCount(4);
  await expect(page.locator('[data-testid="mesh-chart"][data-chart="traffic"] canvas').first()).toBeVisible();

  // The same edges as a table.
  await page.getByRole('button', { name: 'Tables' }).click();
  await expect(page.getByRole('table', { name: 'Traffic between workloads and services' })).toContainText(
    'Service reviews',
  );
});

test('the Mesh view passes axe and works from the keyboard, with the charts', async ({ page }) => {
  test.setTimeout(120_000);
  await canary(page);
  await expect.poll(() => rps(edge(page, 'reviews-v1')), { timeout: 30_000 }).toBeGreaterThan(5);
  // The client reads as what it sends.
  await expect(page.locator('[data-testid="mesh-node"][data-name="sleep"]')).toHaveAccessibleName(
    /^Workload sleep, sends \d+(\.\d)? rps$/,
  );
  const v2 = page.getByRole('button', { name: /^Workload reviews-v2, 0 rps, 0% errors$/ });
  await v2.focus();
  await page.keyboard.press('Enter');
  await expect(v2).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('complementary', { name: 'Golden signals: reviews-v2' })).toBeVisible();
  // Arrow up from v2 reaches v1 (stacked above it in the reviews box).
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-testid="mesh-node"][data-name="reviews-v1"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="mesh-chart"]')).toHaveCount(4);
  const scan = () => axeViolations(page, '[data-testid="mesh-view"]');
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Tables' }).click();
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Close charts' }).click();
  await expect(page.locator('[data-testid="mesh-chart"]')).toHaveCount(0);
  // Traffic moves as dots along the edges, unless the reader asked for less motion.
  await page.getByRole('button', { name: 'Diagram' }).click();
  await expect.poll(() => page.locator('.mdot').count()).toBeGreaterThan(0);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(page.locator('.mdot')).toHaveCount(0);
  await expect.poll(() => rps(edge(page, 'reviews-v1'))).toBeGreaterThan(5);
});
