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

  it('looks at code, not at strings or comments, but does look inside template expressions', () => {
    const code = codeOnly(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template literal.
      "const a = 'Date.now()'; // setTimeout(f)\nDate.now(); const b = `require('x') ${Math.random()} ${`${window.x}`}`;",
    );
    expect(code).not.toContain("'Date.now()'");
    expect(code).not.toContain('setTimeout');
    expect(code).not.toContain("require('x')");
    expect(code).toContain('Date.now();');
    expect(code).toContain('Math.random()');
    expect(code).toContain('window.x');
  });

  it.each(files.map((f) => [relative(ENGINE, f), f]))(
    '%s uses no forbidden globals or imports',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      // Globals are looked for in code only: a simulated repository's `require('express')` is data.
      const code = codeOnly(source);
      for (const [pattern, what] of FORBIDDEN) expect(code, what).not.toMatch(pattern);
      const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
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

/**
 * The source with comments removed and string contents blanked (template literals keep their `${...}`
 * expressions, which are code).
 */
function codeOnly(src: string): string {
  let out = '';
  let i = 0;
  /** Open template literals: the `{` depth at which each one's current `${` expression started. */
  const templates: number[] = [];
  let depth = 0;
  const inTemplateText = () => templates.length > 0 && templates[templates.length - 1] === -1;
  while (i < src.length) {
    const c = src[i];
    if (inTemplateText()) {
      if (c === '\\') i += 2;
      else if (c === '`') {
        templates.pop();
        out += '`';
        i++;
      } else if (c === '$' && src[i + 1] === '{') {
        templates[templates.length - 1] = depth;
        depth++;
        out += '${';
        i += 2;
      } else i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      out += `${c}${c}`;
      i++;
    } else if (c === '`') {
      templates.push(-1);
      out += '`';
      i++;
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates[templates.length - 1] = -1;
          out += '}';
          i++;
          continue;
        }
      }
      out += c;
      i++;
    }
  }
  return out;
}
