/**
 * A build's postCommit hook, run against the repository content at the built commit: `script` runs in
 * `/bin/sh -ic`, `command` (+ `args`) directly, `args` alone after the image entrypoint. The lab decides
 * the exit status from the files, as the real hook would: `exit N`, `false`, a missing npm script, a
 * missing file, or a test file that fails (it calls `process.exit(1)`, `assert.fail`, throws, or
 * `self.fail`) make the hook, and so the build, fail.
 */

export interface HookSpec {
  script?: string;
  command?: string[];
  args?: string[];
}

export interface HookResult {
  /** What the hook printed (after "Running post commit hook ..."). */
  lines: string[];
  exitCode: number;
}

/** Markers that make a test file fail when run. */
const FAILING = /process\.exit\(\s*[1-9]|assert\.fail\(|throw new Error|\.fail\(|assert False|exit\s+1\b/;
/** Commands the builder images have that simply succeed here. */
const KNOWN = new Set([
  'ls',
  'cat',
  'pwd',
  'true',
  'test',
  'node',
  'python',
  'python3',
  'ruby',
  'php',
  'java',
  'mvn',
  'sleep',
  'env',
  'npx',
]);

function glob(files: Record<string, string>, pattern: string): string[] {
  const re = new RegExp(
    `^${pattern
      .replace(/^\.\//, '')
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')}$`,
  );
  return Object.keys(files)
    .filter((f) => re.test(f))
    .sort();
}

/** The test titles in a file (`it('...')`, `test('...')`, `def test_...`). */
function titles(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:it|test)\(\s*['"`]([^'"`]+)['"`]/g)) out.push(m[1]);
  for (const m of text.matchAll(/def (test_\w+)/g)) out.push(m[1]);
  return out.length ? out : ['test'];
}

class Runner {
  readonly lines: string[] = [];
  private depth = 0;

  constructor(private readonly files: Record<string, string>) {}

  /** Run a shell text; returns the exit status of the last command run. */
  shell(text: string): number {
    let status = 0;
    // Statements by `;` / newline, each an `&&` / `||` chain.
    for (const stmt of text.split(/;|\n/)) {
      const parts = stmt.split(/(&&|\|\|)/);
      let op = '';
      for (const part of parts) {
        if (part === '&&' || part === '||') {
          op = part;
          continue;
        }
        if (!part.trim()) continue;
        if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
        status = this.simple(part.trim());
        if (status < 0) return -status - 1;
      }
    }
    return status;
  }

  /** One command; `exit` returns -(code+1) so the whole script stops. */
  private simple(cmd: string): number {
    const words = cmd.split(/\s+/).filter((w) => !/^[A-Z_]+=/.test(w));
    const [prog, ...args] = words;
    if (!prog) return 0;
    if (prog === 'exit') return -(Number(args[0] ?? 0) & 255) - 1;
    if (prog === 'true' || prog === ':') return 0;
    if (prog === 'false') return 1;
    if (prog === 'echo') {
      this.lines.push(args.join(' ').replace(/^['"]|['"]$/g, ''));
      return 0;
    }
    if (prog === 'npm' && (args[0] === 'test' || (args[0] === 'run' && args[1])))
      return this.npm(args[0] === 'test' ? 'test' : args[1]);
    if (prog === 'mocha' || prog === 'tape' || (prog === 'node' && args.some((a) => a.endsWith('.js'))))
      return this.tests(
        prog,
        args.filter((a) => a.endsWith('.js')),
      );
    if ((prog === 'python' || prog === 'python3') && args[0] === 'manage.py' && args[1] === 'test')
      return this.tests('django', glob(this.files, '*/tests.py'));
    if ((prog === 'bundle' && args.includes('rake')) || prog === 'rake')
      return this.tests('rake', glob(this.files, 'test/*_test.rb'));
    if (prog === 'sh' || prog === 'bash' || prog.startsWith('./') || prog.endsWith('.sh')) {
      const path = (prog === 'sh' || prog === 'bash' ? args[0] : prog)?.replace(/^\.\//, '');
      const script = path ? this.files[path] : undefined;
      if (script === undefined) {
        this.lines.push(`/bin/sh: ${path ?? ''}: No such file or directory`);
        return 127;
      }
      if (this.depth > 5) return 0;
      this.depth++;
      const s = this.shell(script.replace(/^#!.*\n/, ''));
      this.depth--;
      return s;
    }
    if (KNOWN.has(prog)) return 0;
    this.lines.push(`/bin/sh: ${prog}: command not found`);
    return 127;
  }

  private npm(script: string): number {
    let pkg: { name?: string; version?: string; scripts?: Record<string, string> } = {};
    try {
      pkg = JSON.parse(this.files['package.json'] ?? '{}');
    } catch {
      pkg = {};
    }
    const body = pkg.scripts?.[script];
    if (!body) {
      this.lines.push(
        `npm error Missing script: "${script}"`,
        'npm error',
        'npm error To see a list of scripts, run:',
        'npm error   npm run',
      );
      return 1;
    }
    this.lines.push('', `> ${pkg.name ?? 'app'}@${pkg.version ?? '1.0.0'} ${script}`, `> ${body}`, '');
    const status = this.shell(body.replace(/\|\s*tap-spec/, ''));
    if (status !== 0)
      this.lines.push(
        `npm error Lifecycle script \`${script}\` failed with error:`,
        `npm error code ${status}`,
      );
    return status;
  }

  /** A test runner over the files (globs expanded); fails when any file fails. */
  private tests(runner: string, patterns: string[]): number {
    const files = [
      ...new Set(
        patterns.flatMap((p) =>
          p.includes('*') ? glob(this.files, p) : this.files[p] !== undefined ? [p] : [],
        ),
      ),
    ];
    if (files.length === 0) {
      this.lines.push(
        runner === 'mocha' ? `Error: No test files found: "${patterns.join(' ')}"` : 'no tests found',
      );
      return 1;
    }
    let passed = 0;
    const failed: string[] = [];
    this.lines.push('');
    for (const f of files) {
      const bad = FAILING.test(this.files[f]);
      for (const t of titles(this.files[f])) {
        if (bad) {
          failed.push(t);
          this.lines.push(`  ${failed.length}) ${t}`);
        } else {
          passed++;
          this.lines.push(`  ✔ ${t}`);
        }
      }
    }
    this.lines.push('', `  ${passed} passing (${12 * files.length}ms)`);
    if (failed.length) {
      this.lines.push(`  ${failed.length} failing`, '');
      for (const [i, t] of failed.entries())
        this.lines.push(`  ${i + 1}) ${t}:`, '     AssertionError [ERR_ASSERTION]: Failed');
      return 1;
    }
    return 0;
  }
}

/** Run the hook; undefined when the BuildConfig has none. */
export function runPostCommitHook(
  hook: HookSpec | undefined,
  files: Record<string, string>,
): HookResult | undefined {
  const script = hook?.script ?? '';
  const command = hook?.command ?? [];
  const args = hook?.args ?? [];
  if (!script && command.length === 0 && args.length === 0) return undefined;
  const r = new Runner(files);
  if (script) {
    // `/bin/sh -i` without a terminal says so before running the script.
    r.lines.push(
      'sh: cannot set terminal process group (-1): Inappropriate ioctl for device',
      'sh: no job control in this shell',
    );
    return { exitCode: r.shell(script), lines: r.lines };
  }
  const argv = command.length ? [...command, ...args] : args;
  const shellC = /^(\/bin\/)?(ba)?sh$/.test(argv[0] ?? '') && /^-i?c$/.test(argv[1] ?? '');
  const text = shellC ? argv.slice(2).join(' ') : argv.join(' ');
  return { exitCode: r.shell(text), lines: r.lines };
}
