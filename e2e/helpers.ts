/** Shared steps for the lab's end-to-end tests: open the lab, type in the terminal, read the graph. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export async function openLab(page: Page): Promise<void> {
  await page.goto('/');
  // The graph appears once the worker's first snapshot arrived: the machines are drawn.
  await expect(page.locator('[data-testid="graph-node"][data-kind="Node"]').first()).toBeVisible();
}

/** Type a command line into the terminal and press Enter. */
export async function run(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export async function setSpeed(page: Page, speed: number): Promise<void> {
  await page.getByLabel('Speed').selectOption(String(speed));
}

export function pods(page: Page, prefix: string, namespace = 'default'): Locator {
  return page.locator(
    `[data-testid="graph-node"][data-kind="Pod"][data-namespace="${namespace}"][data-name^="${prefix}"]`,
  );
}

/** The terminal's text as xterm renders it (rows of the visible screen). */
export async function terminalText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps xterm's rows as separate lines.
  return page.getByTestId('terminal').locator('.xterm-rows').innerText();
}

/** axe's violations inside `selector` (the whole page without one), each as `rule: its first targets`. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  // Colours mid-transition (right after a theme switch, a node fading in) are not what anyone reads:
  // wait for the finite animations and transitions to end (looping ones, like traffic dashes, run on).
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    null,
    { timeout: 5_000 },
  );
  const axe = selector ? new AxeBuilder({ page }).include(selector) : new AxeBuilder({ page });
  return (await axe.analyze()).violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}
