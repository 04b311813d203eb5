import { describe, expect, it } from 'vitest';
import type { FsEntry, ShellFs, ShellHost } from './host';
import { runToEnd, Shell } from './run';

function memFs(files: Record<string, string>): ShellFs {
  const f = new Map(Object.entries(files));
  const dirs = new Set<string>(['/']);
  const addDirs = (p: string) => {
    const parts = p.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  };
  for (const p of f.keys()) addDirs(p);
  return {
    read: (p) => f.get(p),
    write: (p, c, append) => {
      f.set(p, append ? (f.get(p) ?? '') + c : c);
      addDirs(p);
      return undefined;
    },
    list: (d) => {
      if (!dirs.has(d)) return undefined;
      const pre = d === '/' ? '/' : `${d}/`;
      const names = new Map<string, FsEntry>();
      for (const p of [...f.keys(), ...dirs]) {
        if (!p.startsWith(pre) || p === d) continue;
        const name = p.slice(pre.length).split('/')[0];
        names.set(name, { name, dir: dirs.has(pre + name), size: (f.get(pre + name) ?? '').length });
      }
      return [...names.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    },
    isDir: (p) => dirs.has(p),
    exists: (p) => dirs.has(p) || f.has(p),
    remove: (p) => {
      f.delete(p);
      return undefined;
    },
    mkdir: (p) => {
      dirs.add(p);
      return undefined;
    },
  };
}

function host(files: Record<string, string> = {}, busybox = true): ShellHost {
  return {
    now: () => 5000,
    hostname: 'web-1',
    shell: busybox ? 'sh' : 'bash',
    busybox,
    hasCommand: (c) => c !== 'curl',
    fs: memFs(files),
    processes: () => [{ pid: 1, user: 'root', command: 'sleep 3600' }],
    env: { PATH: '/bin', GREETING: 'hi there' },
    cwd: '/',
    user: 'root',
  };
}

function run(script: string, h = host()) {
  let out = '';
  const sh = new Shell(h, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
  const code = runToEnd(sh.runScript(script));
  return { out, code };
}

describe('simulated shell', () => {
  it('runs lists with && || ; and exit codes', () => {
    expect(run('echo a && echo b || echo c; false || echo d')).toEqual({ out: 'a\nb\nd\n', code: 0 });
    expect(run('exit 3')).toEqual({ out: '', code: 3 });
    expect(run('false; echo $?')).toEqual({ out: '1\n', code: 0 });
  });

  it('expands variables, quotes and arithmetic', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    expect(run('echo "$GREETING" \'$GREETING\' ${MISSING:-dflt}').out).toBe('hi there $GREETING dflt\n');
    expect(run('i=0; while [ $i -lt 3 ]; do echo n$i; i=$((i+1)); done').out).toBe('n0\nn1\nn2\n');
    expect(run('for x in a b; do echo $x; done').out).toBe('a\nb\n');
    expect(run('if [ -f /etc/x ]; then echo yes; else echo no; fi', host({ '/etc/x': '1' })).out).toBe(
      'yes\n',
    );
  });

  it('reads, writes and pipes files', () => {
    const h = host({ '/etc/config/app.properties': 'color=blue\nsize=3\n' });
    expect(run('cat /etc/config/app.properties | grep color', h).out).toBe('color=blue\n');
    expect(run('echo hello > /tmp/f; cat /tmp/f; ls /tmp', h).out).toBe('hello\nf\n');
    expect(run('cat /nope')).toEqual({
      out: "cat: can't open '/nope': No such file or directory\n",
      code: 1,
    });
    expect(run('cat /nope', host({}, false))).toEqual({
      out: 'cat: /nope: No such file or directory\n',
      code: 1,
    });
  });

  it('reports missing commands like sh and bash do', () => {
    expect(run('curl http://web')).toEqual({ out: 'sh: curl: not found\n', code: 127 });
    expect(run('curl http://web', host({}, false))).toEqual({
      out: 'bash: curl: command not found\n',
      code: 127,
    });
  });

  it('yields pauses for sleep so a main process can resume later', () => {
    let out = '';
    const sh = new Shell(host(), { stdout: (t) => (out += t), stderr: () => {} });
    const gen = sh.runScript('echo start; sleep 30; echo done');
    expect(gen.next()).toEqual({ done: false, value: { sleepMs: 30_000 } });
    expect(out).toBe('start\n');
    expect(gen.next()).toEqual({ done: true, value: 0 });
    expect(out).toBe('start\ndone\n');
  });

  it('curl without a network cannot resolve', () => {
    const h = { ...host(), hasCommand: () => true };
    expect(run('curl -s http://web:8080/', h)).toEqual({ out: '', code: 6 });
    expect(run('curl http://web:8080/', h)).toEqual({
      out: 'curl: (6) Could not resolve host: web\n',
      code: 6,
    });
    expect(run('wget -qO- http://web', h)).toEqual({ out: "wget: bad address 'web'\n", code: 1 });
  });

  it('handles redirections to /dev/null and 2>&1', () => {
    expect(run('cat /nope 2>/dev/null; echo $?').out).toBe('1\n');
    expect(run('ls /nope > /dev/null 2>&1 || echo missing').out).toBe('missing\n');
  });
});
