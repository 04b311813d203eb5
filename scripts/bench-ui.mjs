#!/usr/bin/env node
/**
 * `npm run bench:ui`: the lab's UI figures, measured in headless Chromium against the production build
 * (not a test; it prints numbers):
 *   1. JS needed for the first screen, gzip (Monaco excluded; the engine worker reported separately)
 *   2. Enter on `kubectl scale deploy web --replicas=50` -> 50th pod drawn (clock paused; one 1 s step
 *      right after the command so no simulated delay counts)
 *   3. main-thread ms per frame applying diffs during a 1,000-pod rollout (p50 / p95 / max)
 *   4. graph update latency with 1,000 pods drawn: command sent -> that pod's node updated (p50 / p95)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4175;
const BASE = `http://127.0.0.1:${PORT}`;
const EXECUTABLE =
  process.env.KUBEDOJO_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const MONACO = /MonacoEditor|editor\.worker|yaml\.worker|codicon|\/yaml-[\w-]{8}\.js/;

if (!existsSync('dist/index.html') || process.env.KUBEDOJO_REBUILD) {
  const r = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

const pct = (xs, p) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

async function openLab(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(BASE);
  await page.locator('[data-testid="graph-node"][data-kind="Node"]').first().waitFor({ timeout: 30_000 });
  return { context, page };
}

async function firstScreen(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // Each script with the moment it was requested: the first screen is what was asked for before the
  // first machine was drawn; what the page or the worker fetches afterwards (field descriptions, Monaco)
  // is reported apart.
  const requested = new Map();
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js') && !requested.has(u.pathname)) requested.set(u.pathname, Date.now());
  });
  // The moment the first machine is in the DOM, stamped by the page itself (Playwright's polling would
  // notice it later, after the worker has already asked for what it loads once the graph is up).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="graph-node"][data-kind="Node"]')) {
        window.__drawnAt = Date.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(BASE);
  await page.locator('[data-testid="graph-node"][data-kind="Node"]').first().waitFor({ timeout: 30_000 });
  const drawnAt = await page.evaluate(() => window.__drawnAt);
  await page.waitForTimeout(1500);
  const out = { main: 0, worker: 0, later: 0, monaco: 0, laterFiles: [] };
  for (const [path, at] of requested) {
    const size = gz(join('dist', path));
    if (MONACO.test(path)) out.monaco += size;
    else if (at > drawnAt) {
      out.later += size;
      out.laterFiles.push(path.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, ''));
    } else if (/engine\.worker/.test(path)) out.worker += size;
    else out.main += size;
  }
  await context.close();
  return out;
}

async function scaleTo50(browser) {
  const { context, page } = await openLab(browser);
  await page.getByLabel('Speed').selectOption('32');
  await page.getByTestId('terminal').click();
  await page.keyboard.type('kubectl create deployment web --image=nginx:1.27 --replicas=1\n');
  await page.locator('[data-testid="graph-node"][data-kind="Pod"][data-name^="web-"]').first().waitFor();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByTestId('terminal').click();
  await page.keyboard.type('kubectl scale deploy web --replicas=50');
  // Hooks first (awaited), then Enter: the keydown stamps t0, the command's reply steps the paused
  // clock by 1 s, and the mutation that shows the 50th pod stamps t1 at the next frame.
  await page.evaluate(() => {
    const lab = window.__kubedojo.lab;
    const mark = { t0: 0, t1: 0 };
    window.__bench = mark;
    const onKey = (e) => {
      if (e.key === 'Enter') mark.t0 = performance.now();
    };
    document.addEventListener('keydown', onKey, { capture: true, once: true });
    lab.listeners.commandRan = (line) => {
      if (line.startsWith('kubectl scale')) lab.step();
    };
    const count = () =>
      document.querySelectorAll('[data-testid="graph-node"][data-kind="Pod"][data-name^="web-"]').length;
    const obs = new MutationObserver(() => {
      if (mark.t0 && count() >= 50) {
        obs.disconnect();
        requestAnimationFrame(() => {
          mark.t1 = performance.now();
        });
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__bench.t1 > 0, null, { timeout: 30_000 });
  const ms = await page.evaluate(() => window.__bench.t1 - window.__bench.t0);
  await context.close();
  return ms;
}

async function rolloutAndLatency(browser) {
  const { context, page } = await openLab(browser);
  await page.evaluate(() => window.__kubedojo.lab.reset({ workers: 10 }));
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="graph-node"][data-kind="Node"]').length === 11,
  );
  await page.getByLabel('Speed').selectOption('32');
  await page.evaluate(() =>
    window.__kubedojo.lab.run('kubectl create deployment web --image=nginx:1.27 --replicas=1000'),
  );
  const pods = '[data-testid="graph-node"][data-kind="Pod"][data-name^="web-"]';
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 1000, pods, {
    timeout: 120_000,
  });
  // Let the first rollout settle as far as the engine takes it within 20 s of real time.
  await page
    .waitForFunction(
      (sel) =>
        [...document.querySelectorAll(sel)].filter((e) => e.getAttribute('data-status') === 'Running')
          .length >= 1000,
      pods,
      { timeout: 20_000 },
    )
    .catch(() => {});
  // The rollout: a new image replaces all 1,000 pods (maxSurge/maxUnavailable 25%). It is over when the
  // ReplicaSets from before are scaled to 0 and a new one has all 1,000 pods ready.
  const before = await page.evaluate(() =>
    [...window.__kubedojo.store.getState().objects.values()]
      .filter((o) => o.kind === 'ReplicaSet' && o.namespace === 'default')
      .map((o) => o.uid),
  );
  await page.evaluate(() => {
    window.__kubedojo.lab.perf.applyMs.length = 0;
    return window.__kubedojo.lab.run('kubectl set image deployment/web nginx=nginx:1.26');
  });
  const rolloutStart = Date.now();
  await page
    .waitForFunction(
      (old) => {
        const rs = [...window.__kubedojo.store.getState().objects.values()].filter(
          (o) => o.kind === 'ReplicaSet' && o.namespace === 'default',
        );
        const oldDone = rs.filter((r) => old.includes(r.uid)).every((r) => r.ready === '0/0');
        return oldDone && rs.some((r) => !old.includes(r.uid) && r.ready === '1000/1000');
      },
      before,
      { timeout: 120_000, polling: 250 },
    )
    .catch(() => {});
  const rolloutSeconds = (Date.now() - rolloutStart) / 1000;
  const apply = await page.evaluate(() => [...window.__kubedojo.lab.perf.applyMs]);

  // Graph update latency with the pods drawn: delete one pod (it turns Terminating), time until its node says so.
  await page.getByRole('button', { name: 'Pause' }).click();
  const latencies = [];
  for (let i = 0; i < 20; i++) {
    const ms = await page.evaluate(async (sel) => {
      const el = [...document.querySelectorAll(sel)].find(
        (e) => e.getAttribute('data-status') !== 'Terminating',
      );
      const name = el.getAttribute('data-name');
      const t0 = performance.now();
      const seen = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          const now = document.querySelector(`[data-testid="graph-node"][data-name="${name}"]`);
          if (!now || now.getAttribute('data-status') === 'Terminating') {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        obs.observe(document.body, { attributes: true, childList: true, subtree: true });
      });
      void window.__kubedojo.lab.run(`kubectl delete pod ${name} --wait=false`);
      return seen;
    }, pods);
    latencies.push(ms);
  }
  const drawn = await page.evaluate((sel) => document.querySelectorAll(sel).length, pods);
  await context.close();
  return { apply, rolloutSeconds, latencies, drawn };
}

await waitForServer();
const browser = await chromium.launch({ ...(EXECUTABLE ? { executablePath: EXECUTABLE } : {}), args: ARGS });
try {
  const js = await firstScreen(browser);
  console.log(
    `1. first-screen JS (gzip): ${(js.main / 1024).toFixed(1)} KiB on the main thread (target <= 300 KiB; Monaco excluded, lazy: ${(js.monaco / 1024).toFixed(0)} KiB), plus the engine worker's ${(js.worker / 1024).toFixed(1)} KiB fetched alongside (${((js.main + js.worker) / 1024).toFixed(1)} KiB in all); after the first screen: ${(js.later / 1024).toFixed(1)} KiB (${js.laterFiles.join(', ') || 'nothing'})`,
  );
  const scale = await scaleTo50(browser);
  console.log(
    `2. Enter on "kubectl scale deploy web --replicas=50" -> 50th pod drawn: ${f1(scale)} ms (target <= 200 ms)`,
  );
  const r = await rolloutAndLatency(browser);
  console.log(
    `3. diff apply per frame during a 1,000-pod rollout: p50 ${f1(pct(r.apply, 50))} ms, p95 ${f1(pct(r.apply, 95))} ms, max ${f1(Math.max(...r.apply))} ms over ${r.apply.length} frames (${r.rolloutSeconds.toFixed(1)} s; target p95 <= 4 ms)`,
  );
  console.log(
    `4. graph update latency with ${r.drawn} pods drawn: p50 ${f1(pct(r.latencies, 50))} ms, p95 ${f1(pct(r.latencies, 95))} ms (target p95 <= 50 ms)`,
  );
} finally {
  await browser.close();
  stopServer();
}
