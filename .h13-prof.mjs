import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
const PORT = 4176, BASE = `http://127.0.0.1:${PORT}`;
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true, cwd: '/work/main' });
process.on('exit', () => { try { process.kill(-server.pid); } catch {} });
for (let i = 0; i < 100; i++) { try { if ((await fetch(BASE)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
const page = await context.newPage();
await page.goto(BASE);
await page.locator('[data-testid="graph-node"][data-kind="Node"]').first().waitFor({ timeout: 30_000 });
await page.evaluate(() => window.__kubedojo.lab.reset({ workers: 10 }));
await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"][data-kind="Node"]').length === 11);
await page.getByLabel('Speed').selectOption('32');
await page.evaluate(() => window.__kubedojo.lab.run('kubectl create deployment web --image=nginx:1.27 --replicas=1000'));
const pods = '[data-testid="graph-node"][data-kind="Pod"][data-name^="web-"]';
await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 1000, pods, { timeout: 120_000 });
await page.waitForTimeout(8000);
await page.getByRole('button', { name: 'Pause' }).click();
await page.waitForTimeout(1000);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const lat = [];
for (let i = 0; i < 8; i++) {
  lat.push(await page.evaluate(async (sel) => {
    const el = [...document.querySelectorAll(sel)].find((e) => e.getAttribute('data-status') !== 'Terminating');
    const name = el.getAttribute('data-name');
    const t0 = performance.now();
    const seen = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        const now = document.querySelector(`[data-testid="graph-node"][data-name="${name}"]`);
        if (!now || now.getAttribute('data-status') === 'Terminating') { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); }
      });
      obs.observe(document.body, { attributes: true, childList: true, subtree: true });
    });
    void window.__kubedojo.lab.run(`kubectl delete pod ${name} --wait=false`);
    return seen;
  }, pods));
}
const { profile } = await cdp.send('Profiler.stop');
console.log('lat', lat.map((x) => x.toFixed(0)).join(' '));
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const total = {};
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 35);
for (const [k, v] of top) console.log((v / 1000).toFixed(1).padStart(8), k);
await browser.close();
