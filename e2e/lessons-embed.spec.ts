/**
 * The embed page inside a course page from another origin: it posts step-completed to the parent only
 * when the parent's origin is on the allow-list, and follows `load` requests from the parent.
 */
import { expect, type Frame, type Page, test } from '@playwright/test';
import config from '../playwright.config';

// The course page is served by interception, so Chromium counts it as a public site and would block its
// frame from loading the lab on 127.0.0.1 (Local Network Access). Real course pages reach a lab on a
// public host and are not affected.
const launch = config.use?.launchOptions ?? {};
test.use({
  launchOptions: { ...launch, args: [...(launch.args ?? []), '--disable-features=LocalNetworkAccessChecks'] },
});

// The course page lives on another origin (its page is intercepted); the lab is the preview server.
const PARENT = 'http://localhost:4173';

declare global {
  interface Window {
    received: unknown[];
  }
}

async function openCoursePage(page: Page, query: string): Promise<Frame> {
  const base = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1:4173').origin;
  await page.route(`${PARENT}/course.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Course</title></head><body>
        <h1>My course</h1>
        <iframe id="lab" title="KubeDojo exercise" width="1200" height="650" src="${base}/embed.html?${query}"></iframe>
        <script>
          window.received = [];
          window.addEventListener('message', (e) => { if (e.origin === '${base}') window.received.push(e.data); });
        </script>
      </body></html>`,
    }),
  );
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${PARENT}/course.html`);
  const frame = await (await page.locator('#lab').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the embed frame did not load');
  await expect(frame.getByTestId('lesson-panel')).toBeVisible();
  await frame.evaluate(() => window.__kubedojo?.lab.setSpeed(32));
  return frame;
}

async function type(frame: Frame, line: string): Promise<void> {
  await frame.getByTestId('terminal').click();
  await frame.page().keyboard.type(line);
  await frame.page().keyboard.press('Enter');
}

test('the embed page posts step-completed to an allowed parent and follows its load requests', async ({
  page,
}) => {
  const frame = await openCoursePage(
    page,
    `lesson=architecture&step=1&lang=en&origins=https://other.example,${PARENT}`,
  );
  await expect(frame.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'architecture');
  await expect(frame.getByRole('button', { name: /All lessons/ })).toHaveCount(0);

  await type(frame, 'kubectl get nodes');
  await expect
    .poll(() => page.evaluate(() => window.received), { timeout: 30_000 })
    .toEqual([{ source: 'kubedojo', type: 'step-completed', lesson: 'architecture', step: 1 }]);

  // The parent moves the exercise to another lesson and step.
  await page.evaluate((lab) => {
    (document.getElementById('lab') as HTMLIFrameElement).contentWindow?.postMessage(
      { type: 'load', lesson: 'deployments', step: 2 },
      lab,
    );
  }, new URL(frame.url()).origin);
  await expect(frame.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'deployments');
  await expect(frame.getByTestId('lesson-step')).toHaveAttribute('data-step', '2');
  // Step 2 starts from the state step 1's solution leads to.
  await expect(
    frame.locator('[data-testid="graph-node"][data-kind="Deployment"][data-name="web"]'),
  ).toBeVisible();
  await type(frame, 'kubectl get rs');
  await expect.poll(() => page.evaluate(() => window.received.length), { timeout: 30_000 }).toBe(2);
  expect(await page.evaluate(() => window.received[1])).toEqual({
    source: 'kubedojo',
    type: 'step-completed',
    lesson: 'deployments',
    step: 2,
  });
});

test('the embed page tells nothing to a parent that is not on the allow-list', async ({ page }) => {
  const frame = await openCoursePage(
    page,
    'lesson=architecture&step=1&lang=en&origins=https://other.example',
  );
  await type(frame, 'kubectl get nodes');
  await expect(frame.getByTestId('lesson-step')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  // A load request from this (unlisted) parent is ignored too.
  await page.evaluate((lab) => {
    (document.getElementById('lab') as HTMLIFrameElement).contentWindow?.postMessage(
      { type: 'load', lesson: 'pods', step: 1 },
      lab,
    );
  }, new URL(frame.url()).origin);
  await page.waitForTimeout(500);
  await expect(frame.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'architecture');
  expect(await page.evaluate(() => window.received)).toEqual([]);
});
