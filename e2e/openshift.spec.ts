import { expect, type Page, test } from '@playwright/test';
import { axeViolations, run, setSpeed, terminalText } from './helpers';

const node = (page: Page, kind: string, name: string, namespace = 'demo') =>
  page.locator(
    `[data-testid="graph-node"][data-kind="${kind}"][data-name="${name}"][data-namespace="${namespace}"]`,
  );

/** The terminal text with xterm's wrapped rows joined again. */
async function unwrapped(page: Page): Promise<string> {
  return (await terminalText(page)).replace(/\n/g, '');
}

/** Optional screenshots of the chain (KUBEDOJO_SHOTS=dir), for looking at it in both themes. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.KUBEDOJO_SHOTS;
  if (!dir) return;
  await page.getByRole('button', { name: 'Fit view' }).first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${dir}/${name}.png` });
  await page.screenshot({ path: `${dir}/${name}-chain.png`, clip: { x: 0, y: 70, width: 400, height: 290 } });
}

test('oc new-app builds from source, rolls out, and a Route answers through the router', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?cluster=openshift');
  await expect(page.getByTestId('cluster-profile')).toHaveValue('openshift');
  await expect(page.locator('[data-testid="graph-node"][data-kind="Node"]').first()).toBeVisible();
  // 4x while the build runs (about 7 s of real time to look at it), 32x after.
  await setSpeed(page, 4);

  await run(page, 'oc new-project demo');
  await expect.poll(() => terminalText(page)).toContain('Now using project "demo"');
  await page.getByLabel('Namespace').selectOption('demo');
  // A client with curl, started early so it is running when the Route exists.
  await run(page, 'kubectl run client --image=curlimages/curl --command -- sleep 3600');
  await run(page, 'oc new-app nodejs~https://github.com/sclorg/nodejs-ex');
  await expect.poll(() => terminalText(page)).toContain('--> Success');

  // The chain: builder image tag → BuildConfig → Build (running, with its stage) → ImageStreamTag, the
  // latter empty until the first push.
  await expect(node(page, 'ImageStreamTag', 'nodejs-ex:latest')).toHaveAttribute(
    'data-status',
    'latest@<none>',
  );
  await expect(node(page, 'ImageStreamTag', 'nodejs:22-ubi9', 'openshift')).toHaveAttribute(
    'data-status',
    /^22-ubi9@sha256:[0-9a-f]{12}$/,
  );
  const bc = node(page, 'BuildConfig', 'nodejs-ex');
  await expect(bc).toBeVisible();
  const build = node(page, 'Build', 'nodejs-ex-1');
  await expect(build).toHaveAttribute('data-status', 'Running');
  await expect(build).toHaveAttribute('data-stage', /^(FetchInputs|PullImages|Build|PushImage)$/);
  await expect(bc).toHaveAttribute('data-status', '#1 Running');
  await expect(page.getByRole('button', { name: /^Build nodejs-ex-1, Running, / })).toBeVisible();
  await shot(page, 'build-running-light');
  await setSpeed(page, 32);
  await expect(build).toHaveAttribute('data-status', 'Complete', { timeout: 30_000 });
  await expect(bc).toHaveAttribute('data-status', '#1 Complete');
  const tag = node(page, 'ImageStreamTag', 'nodejs-ex:latest');
  await expect(tag).toHaveAttribute('data-status', /^latest@sha256:[0-9a-f]{12}$/);

  // The tag's image rolls the Deployment out: its pod Running and ready.
  await expect(node(page, 'Deployment', 'nodejs-ex')).toHaveAttribute('data-status', '1/1', {
    timeout: 30_000,
  });
  const appPods = page.locator(
    '[data-testid="graph-node"][data-kind="Pod"][data-namespace="demo"][data-name^="nodejs-ex-"]:not([data-name$="-build"])',
  );
  await expect(appPods).toHaveCount(1);
  await expect(appPods.first()).toHaveAttribute('data-status', 'Running');
  const edge = (kind: string, from: string, to: string) => page.getByTestId(`rf__edge-${kind}:${from}>${to}`);
  const uid = async (l: ReturnType<typeof node>) => (await l.getAttribute('data-uid')) ?? '';
  const tagId = `${await uid(tag)}#latest`;
  await expect(edge('owner', await uid(bc), await uid(build))).toBeAttached();
  await expect(edge('image', await uid(build), tagId)).toBeAttached();
  await expect(edge('image', tagId, await uid(node(page, 'Deployment', 'nodejs-ex')))).toBeAttached();

  // Expose it: the Route is admitted with its generated host and points at the Service.
  await run(page, 'oc expose svc/nodejs-ex');
  const host = 'nodejs-ex-demo.apps.lab.kubedojo.local';
  const route = node(page, 'Route', 'nodejs-ex');
  await expect(route).toHaveAttribute('data-status', host);
  await expect(page.getByRole('button', { name: `Route nodejs-ex, host ${host}, admitted` })).toBeVisible();
  await expect(edge('route', await uid(route), await uid(node(page, 'Service', 'nodejs-ex')))).toBeAttached();
  await shot(page, 'chain-light');

  // Through the router from inside the cluster: the app built from the repository answers.
  await expect(node(page, 'Pod', 'client')).toHaveAttribute('data-status', 'Running');
  await run(page, `kubectl exec client -- curl -si http://${host}/`);
  await expect.poll(() => unwrapped(page)).toContain('HTTP/1.1 200 OK');
  await expect
    .poll(() => unwrapped(page))
    .toContain('<h1>Welcome to your Node.js application on OpenShift</h1>');

  // The chain's nodes pass axe in both themes (contrast of the new tones, names, roles).
  const scan = () => axeViolations(page, '[data-graph-root]');
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await scan()).toEqual([]);
  await shot(page, 'chain-dark');
});

test('a webhook build makes its chain pulse, and its image rolls out', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?cluster=openshift');
  await expect(page.getByTestId('cluster-profile')).toHaveValue('openshift');
  await setSpeed(page, 32);
  await run(page, 'oc new-project demo');
  await expect.poll(() => terminalText(page)).toContain('Now using project "demo"');
  await page.getByLabel('Namespace').selectOption('demo');
  await run(page, 'oc new-app nodejs~https://github.com/sclorg/nodejs-ex');
  await expect(node(page, 'Deployment', 'nodejs-ex')).toHaveAttribute('data-status', '1/1', {
    timeout: 30_000,
  });
  const tag = node(page, 'ImageStreamTag', 'nodejs-ex:latest');
  const first = await tag.getAttribute('data-status');

  // A push to the repository: its GitHub webhook starts build 2, and the BuildConfig and the new Build
  // pulse (for a few real seconds, whatever the speed).
  await run(page, 'lab git push nodejs-ex -m "Change the welcome text"');
  await expect
    .poll(() => unwrapped(page))
    .toContain('build.build.openshift.io/nodejs-ex-2 started by webhook');
  const bc = node(page, 'BuildConfig', 'nodejs-ex');
  await expect(node(page, 'Build', 'nodejs-ex-2')).toHaveClass(/\bpulse\b/);
  await expect(bc).toHaveClass(/\bpulse\b/);
  const animation = () => bc.evaluate((el) => getComputedStyle(el).animationName);
  expect(await animation()).toBe('chain-pulse');
  // Reduced motion: the chain is outlined, not animated.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
  await expect(bc).toHaveClass(/\bpulse\b/);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  // The pulse ends by itself.
  await expect(bc).not.toHaveClass(/\bpulse\b/, { timeout: 10_000 });
  await expect(node(page, 'Build', 'nodejs-ex-2')).toHaveAttribute('data-status', 'Complete', {
    timeout: 30_000,
  });
  await expect(tag).not.toHaveAttribute('data-status', first ?? '');
  await expect(node(page, 'BuildConfig', 'nodejs-ex')).toHaveAttribute('data-status', '#2 Complete');
});
