import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { openLab, pods, run, setSpeed } from './helpers';

const READINESS =
  '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","readinessProbe":{"httpGet":{"path":"/","port":80},"periodSeconds":2,"failureThreshold":1}}]}}}}';

async function uidOf(page: Page, kind: string, name: string): Promise<string> {
  const node = page.locator(`[data-testid="graph-node"][data-kind="${kind}"][data-name="${name}"]`);
  await expect(node).toHaveCount(1);
  return (await node.getAttribute('data-uid'))!;
}

const serviceEdge = (page: Page, svc: string, pod: string) =>
  page.locator(`.react-flow__edge[data-id="service:${svc}>${pod}"]`);
const trafficEdge = (page: Page, svc: string, pod: string) =>
  page.locator(`[data-testid="traffic-edge"][data-source="${svc}"][data-target="${pod}"]`);

test('a broken readiness endpoint drains one pod’s traffic on the graph, and the fix brings it back', async ({
  page,
}) => {
  // A rollout, traffic, a drain and a recovery: more than the default minute on a loaded machine.
  test.setTimeout(120_000);
  await openLab(page);
  await setSpeed(page, 32);
  await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await run(page, `kubectl patch deployment web -p '${READINESS}'`);
  await run(page, 'kubectl expose deployment web --port=80');
  const web = pods(page, 'web-');
  // The patched template replaces the first pods: wait for three ready pods of the new ReplicaSet.
  await expect(web).toHaveCount(3);
  await expect(web.and(page.locator('[aria-label*="1/1 ready"]'))).toHaveCount(3);
  const svc = await uidOf(page, 'Service', 'web');
  const names = (await web.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!))).sort();
  const uids = await Promise.all(names.map((n) => uidOf(page, 'Pod', n)));

  // Traffic from the Faults panel: the same `lab traffic start` the terminal runs.
  await page.getByRole('tab', { name: 'Faults' }).click();
  await page.locator('.faults').getByLabel('Service').selectOption('default/web');
  await page.getByLabel('Requests per second').fill('30');
  await page.getByRole('button', { name: 'Start traffic' }).click();
  await expect(page.locator('.faults output')).toHaveText(
    'traffic to service/web started: 30 requests/s via ClusterIP to /',
  );
  for (const pod of uids) await expect(trafficEdge(page, svc, pod)).toHaveCount(1);
  const badge = page.locator(`.react-flow__node[data-id="${svc}"] [data-testid="service-traffic"]`);
  await expect(badge).toContainText('req/s');
  await expect(badge).toContainText('p95');

  // Break /ready (the readiness probe's endpoint) on one pod, at a speed where the probe timeline's
  // last 50 results still reach back to the failure when the inspector is opened.
  await setSpeed(page, 4);
  const [drained, ...others] = uids;
  await page.getByLabel('Pod or Deployment').selectOption(`default/${names[0]}`);
  await page.getByRole('button', { name: 'Break /ready (readiness)' }).click();
  await expect(page.locator('.faults output')).toHaveText(
    `readiness probe of ${names[0]} now fails (/ answers 500)`,
  );
  const drainedNode = page.locator(`[data-testid="graph-node"][data-uid="${drained}"]`);
  await expect(drainedNode).toHaveAttribute('aria-label', /0\/1 ready/);
  await expect(drainedNode).toHaveAttribute('data-status', 'Running');
  await expect(serviceEdge(page, svc, drained)).toHaveCount(0);
  await expect(trafficEdge(page, svc, drained)).toHaveCount(0);
  for (const pod of others) {
    await expect(serviceEdge(page, svc, pod)).toHaveCount(1);
    await expect(trafficEdge(page, svc, pod)).toHaveCount(1);
    expect(Number(await trafficEdge(page, svc, pod).getAttribute('data-rps'))).toBeGreaterThan(0);
  }

  // Fixed: the pod is ready again and traffic returns to it.
  await page.getByRole('button', { name: 'Fix endpoints' }).click();
  await expect(page.locator('.faults output')).toHaveText(`endpoints of ${names[0]} healthy again`);
  await expect(drainedNode).toHaveAttribute('aria-label', /1\/1 ready/);
  await expect(serviceEdge(page, svc, drained)).toHaveCount(1);
  await expect(trafficEdge(page, svc, drained)).toHaveCount(1);

  // The inspector's probe timeline tells the story: failure, removed from endpoints, back.
  await drainedNode.click();
  await page.getByRole('tab', { name: 'Probes' }).click();
  const panel = page.locator('#insp-panel');
  await expect(panel.getByTestId('probe-config')).toContainText(
    'http-get http://:80/ delay=0s timeout=1s period=2s #success=1 #failure=1',
  );
  const rows = panel.getByTestId('probe-execution');
  await expect(rows.filter({ hasText: 'Not ready: removed from Service endpoints' })).toHaveCount(1);
  // failureThreshold 1: the first failure (1/1) is the one that takes the pod out of the endpoints.
  const unready = rows.filter({ hasText: 'Not ready: removed from Service endpoints' });
  await expect(unready).toContainText('HTTP probe failed with statuscode: 500');
  await expect(unready.locator('td').nth(2)).toHaveText('1/1');
  await expect(rows.filter({ hasText: 'Ready: added to Service endpoints' })).not.toHaveCount(0);

  const violations = async (selector: string) =>
    (await new AxeBuilder({ page }).include(selector).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(await violations('#insp-panel')).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await violations('#insp-panel')).toEqual([]);

  await page.getByRole('tab', { name: 'Faults' }).click();
  expect(await violations('.faults')).toEqual([]);
  await page.getByRole('button', { name: 'Stop traffic' }).click();
  await expect(page.locator('.faults output')).toHaveText('traffic to service/web stopped');
  await expect(page.locator('[data-testid="traffic-edge"]')).toHaveCount(0);
});
