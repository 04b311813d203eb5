#!/usr/bin/env node
/**
 * `npm run test:e2e`: build the app when dist/ is missing or older than the sources, then run the
 * Playwright tests in e2e/ against `vite preview` (see playwright.config.ts for the browser choice).
 * Extra arguments go to Playwright (e.g. a spec file or `-g "reload"`).
 * KUBEDOJO_DIST and KUBEDOJO_PORT let several checkouts or people build and serve side by side.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const dist = process.env.KUBEDOJO_DIST ?? 'dist';
const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
const sources = Math.max(newest('src'), newest('lessons'), newest('public'), statSync('index.html').mtimeMs);
if (!built || sources > built || process.env.KUBEDOJO_REBUILD)
  run('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir']);
run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
