/**
 * The engine must stay pure: no wall-clock time, no Math.random, no host APIs, and no imports from outside
 * src/engine except npm packages that are themselves pure. Biome bans most globals; this catches the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = resolve(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'generated' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes(`${join('engine', 'testing')}`)
      ? [p]
      : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random (use the seeded Rng)'],
  [/\bDate\s*[.(]|\bnew Date\b/, 'Date (use ctx.clock)'],
  [/\bperformance\.now\b/, 'performance.now (use ctx.clock)'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'timers (schedule on the clock)'],
  [/\b(window|document|localStorage|process|require)\s*[.(]/, 'host APIs'],
];

const ALLOWED_PACKAGES = new Set(['yaml', 'cron-parser', 'fast-json-patch', 'kubernetes-types']);

describe('engine purity', () => {
  const files = sources(ENGINE);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(ENGINE, f), f]))(
    '%s uses no forbidden globals or imports',
    (_name, file) => {
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      for (const [pattern, what] of FORBIDDEN) expect(text, what).not.toMatch(pattern);
      for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
        const spec = m[1];
        if (spec.startsWith('.')) {
          expect(resolve(join(file, '..'), spec).startsWith(ENGINE), `${spec} leaves src/engine`).toBe(true);
        } else {
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          expect(ALLOWED_PACKAGES.has(pkg), `engine imports ${spec}`).toBe(true);
        }
      }
    },
  );
});
