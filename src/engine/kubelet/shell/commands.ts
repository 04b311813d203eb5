/** The commands the simulated shell knows: coreutils/BusyBox basics plus a few server CLIs used in probes. */
import { dateCommandTime } from '../../images/logtime';
import { type CommandContext, type CommandImpl, inputs, splitFlags } from './cmd-util';
import type { Pause } from './host';
import { curl, nslookup, wget } from './net';
import { cut, grep, headTail, sed, sortCmd, tr, uniq, wc } from './text-commands';

function* sleep(ctx: CommandContext, args: string[]): Generator<Pause, number> {
  const spec = args[0];
  if (spec === undefined) {
    ctx.io.stderr(
      ctx.host.busybox
        ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n'
        : "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    );
    return 1;
  }
  if (spec === 'infinity' || spec === 'inf') {
    for (;;) yield { sleepMs: 86_400_000 };
  }
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(spec);
  if (!m) {
    ctx.io.stderr(
      ctx.host.busybox ? `sleep: invalid number '${spec}'\n` : `sleep: invalid time interval '${spec}'\n`,
    );
    return 1;
  }
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as '' | 's' | 'm' | 'h' | 'd'
  ];
  yield { sleepMs: Number(m[1]) * mult };
  return 0;
}

function echo(ctx: CommandContext, args: string[]): number {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
  }
  let text = args.slice(i).join(' ');
  if (escapes || (ctx.host.busybox && false)) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  ctx.io.stdout(newline ? `${text}\n` : text);
  return 0;
}

function printf(ctx: CommandContext, args: string[]): number {
  const [fmt = '', ...vals] = args;
  let i = 0;
  const out = fmt
    .replace(/%([sdi%])/g, (_m, t) =>
      t === '%' ? '%' : t === 's' ? (vals[i++] ?? '') : String(Number.parseInt(vals[i++] ?? '0', 10) || 0),
    )
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
  ctx.io.stdout(out);
  return 0;
}

function test(ctx: CommandContext, args: string[]): number {
  const a = ctx.name === '[' ? args.slice(0, args[args.length - 1] === ']' ? -1 : undefined) : args;
  const truth = (x: string[]): boolean => {
    if (x[0] === '!') return !truth(x.slice(1));
    if (x.length === 0) return false;
    if (x.length === 1) return x[0] !== '';
    if (x.length === 2) {
      const p = ctx.resolve(x[1]);
      switch (x[0]) {
        case '-f':
          return ctx.host.fs.exists(p) && !ctx.host.fs.isDir(p);
        case '-d':
          return ctx.host.fs.isDir(p);
        case '-e':
        case '-r':
          return ctx.host.fs.exists(p);
        case '-s':
          return (ctx.host.fs.read(p) ?? '').length > 0;
        case '-z':
          return x[1] === '';
        case '-n':
          return x[1] !== '';
      }
    }
    const [l, op, r] = x;
    const n = (s: string) => Number.parseInt(s, 10) || 0;
    switch (op) {
      case '=':
      case '==':
        return l === r;
      case '!=':
        return l !== r;
      case '-eq':
        return n(l) === n(r);
      case '-ne':
        return n(l) !== n(r);
      case '-lt':
        return n(l) < n(r);
      case '-le':
        return n(l) <= n(r);
      case '-gt':
        return n(l) > n(r);
      case '-ge':
        return n(l) >= n(r);
    }
    return false;
  };
  return truth(a) ? 0 : 1;
}

function ls(ctx: CommandContext, args: string[]): number {
  const { flags, rest } = splitFlags(args);
  const targets = rest.length ? rest : ['.'];
  let status = 0;
  const long = flags.has('l');
  const all = flags.has('a');
  const one = flags.has('1') || long;
  const multiple = targets.length > 1;
  targets.forEach((t, i) => {
    const p = ctx.resolve(t);
    if (!ctx.host.fs.exists(p)) {
      ctx.io.stderr(
        ctx.host.busybox
          ? `ls: ${t}: No such file or directory\n`
          : `ls: cannot access '${t}': No such file or directory\n`,
      );
      status = ctx.host.busybox ? 1 : 2;
      return;
    }
    if (!ctx.host.fs.isDir(p)) {
      ctx.io.stdout(
        long
          ? `-rw-r--r--    1 root     root    ${String((ctx.host.fs.read(p) ?? '').length).padStart(8)} Jan 15 09:00 ${t}\n`
          : `${t}\n`,
      );
      return;
    }
    let entries = ctx.host.fs.list(p) ?? [];
    if (!all) entries = entries.filter((e) => !e.name.startsWith('.'));
    else entries = [{ name: '.', dir: true, size: 4096 }, { name: '..', dir: true, size: 4096 }, ...entries];
    if (multiple) ctx.io.stdout(`${i > 0 ? '\n' : ''}${t}:\n`);
    if (long) {
      ctx.io.stdout(`total ${entries.length * 4}\n`);
      for (const e of entries)
        ctx.io.stdout(
          `${e.dir ? 'drwxr-xr-x' : '-rw-r--r--'}    ${e.dir ? 2 : 1} root     root    ${String(e.size).padStart(8)} Jan 15 09:00 ${e.name}\n`,
        );
    } else if (entries.length)
      ctx.io.stdout(
        one ? entries.map((e) => `${e.name}\n`).join('') : `${entries.map((e) => e.name).join('  ')}\n`,
      );
  });
  return status;
}

function ps(ctx: CommandContext): number {
  const procs = ctx.host.processes();
  if (ctx.host.busybox) {
    ctx.io.stdout('PID   USER     TIME  COMMAND\n');
    for (const p of procs)
      ctx.io.stdout(`${String(p.pid).padStart(5)} ${p.user.padEnd(8)}  0:00 ${p.command}\n`);
  } else {
    ctx.io.stdout('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
    for (const p of procs)
      ctx.io.stdout(
        `${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.1   4324  3420 ?        Ss   09:00   0:00 ${p.command}\n`,
      );
  }
  return 0;
}

function fsOp(ctx: CommandContext, args: string[], op: 'touch' | 'mkdir' | 'rm'): number {
  const { flags, rest } = splitFlags(args);
  let status = 0;
  for (const f of rest) {
    const p = ctx.resolve(f);
    let err: string | undefined;
    if (op === 'touch') err = ctx.host.fs.exists(p) ? undefined : ctx.host.fs.write(p, '', true);
    else if (op === 'mkdir') err = ctx.host.fs.mkdir(p, flags.has('p'));
    else {
      if (!ctx.host.fs.exists(p)) {
        if (!flags.has('f')) {
          ctx.io.stderr(
            ctx.host.busybox
              ? `rm: can't remove '${f}': No such file or directory\n`
              : `rm: cannot remove '${f}': No such file or directory\n`,
          );
          status = 1;
        }
        continue;
      }
      err = ctx.host.fs.remove(p, flags.has('r') || flags.has('R'));
    }
    if (err) {
      ctx.io.stderr(
        `${op}: ${ctx.host.busybox ? `${f}: ` : `cannot ${op === 'touch' ? 'touch' : op === 'mkdir' ? 'create directory' : 'remove'} '${f}': `}${err}\n`,
      );
      status = 1;
    }
  }
  return status;
}

const say =
  (text: string, code = 0): CommandImpl =>
  (ctx) => {
    ctx.io.stdout(text);
    return code;
  };

export const COMMANDS: Record<string, CommandImpl> = {
  sort: sortCmd,
  uniq,
  cut,
  tr,
  sed,
  echo,
  printf,
  true: () => 0,
  false: () => 1,
  test,
  '[': test,
  sleep,
  pwd: (ctx) => say(`${ctx.cwd}\n`)(ctx, []),
  cat: (ctx, args) => {
    const { text, ok } = inputs(
      ctx,
      'cat',
      args.filter((a) => a !== '-'),
    );
    ctx.io.stdout(text);
    return ok ? 0 : 1;
  },
  env: (ctx, args) => {
    if (args.length) return ctx.shell.invoke(args, ctx.io, ctx.stdin);
    ctx.io.stdout(
      Object.entries(ctx.shell.vars)
        .filter(([k]) => k !== 'PWD' || true)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  },
  printenv: (ctx, args) => {
    if (args.length === 0) return COMMANDS.env(ctx, []);
    let status = 0;
    for (const a of args) {
      const v = ctx.shell.vars[a];
      if (v === undefined) status = 1;
      else ctx.io.stdout(`${v}\n`);
    }
    return status;
  },
  ls,
  ps,
  hostname: (ctx) => say(`${ctx.host.hostname}\n`)(ctx, []),
  id: (ctx) =>
    say(
      ctx.host.user === 'root'
        ? ctx.host.busybox
          ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'
          : 'uid=0(root) gid=0(root) groups=0(root)\n'
        : `uid=1000(${ctx.host.user}) gid=1000(${ctx.host.user}) groups=1000(${ctx.host.user})\n`,
    )(ctx, []),
  whoami: (ctx) => say(`${ctx.host.user}\n`)(ctx, []),
  uname: (ctx, args) =>
    say(
      args.includes('-a')
        ? `Linux ${ctx.host.hostname} 6.8.0-51-generic #52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024 x86_64${ctx.host.busybox ? ' GNU/Linux' : ' GNU/Linux'}\n`
        : args.includes('-r')
          ? '6.8.0-51-generic\n'
          : 'Linux\n',
    )(ctx, []),
  date: (ctx) => say(`${dateCommandTime(ctx.host.now())}\n`)(ctx, []),
  head: (ctx, args) => headTail(ctx, args, true),
  tail: (ctx, args) => headTail(ctx, args, false),
  grep,
  wc,
  touch: (ctx, args) => fsOp(ctx, args, 'touch'),
  mkdir: (ctx, args) => fsOp(ctx, args, 'mkdir'),
  rm: (ctx, args) => fsOp(ctx, args, 'rm'),
  tee: (ctx, args) => {
    const { flags, rest } = splitFlags(args);
    for (const f of rest) ctx.host.fs.write(ctx.resolve(f), ctx.stdin, flags.has('a'));
    ctx.io.stdout(ctx.stdin);
    return 0;
  },
  seq: (ctx, args) => {
    const nums = args.map(Number);
    const [from, to] = nums.length === 1 ? [1, nums[0]] : [nums[0], nums[nums.length - 1]];
    const step = nums.length === 3 ? nums[1] : 1;
    let out = '';
    for (let i = from; step > 0 ? i <= to : i >= to; i += step) out += `${i}\n`;
    ctx.io.stdout(out);
    return 0;
  },
  expr: (ctx, args) => {
    const v = ctx.shell.arith(args.join(' '));
    ctx.io.stdout(`${v}\n`);
    return v === 0 ? 1 : 0;
  },
  basename: (ctx, args) => say(`${(args[0] ?? '').replace(/\/+$/, '').split('/').pop()}\n`)(ctx, []),
  dirname: (ctx, args) => say(`${(args[0] ?? '').replace(/\/[^/]*$/, '') || '/'}\n`)(ctx, []),
  which: (ctx, args) => {
    let status = 0;
    for (const a of args) {
      if (ctx.host.hasCommand(a)) ctx.io.stdout(`${a === 'sh' || a === 'bash' ? '/bin' : '/usr/bin'}/${a}\n`);
      else status = 1;
    }
    return status;
  },
  df: say(
    'Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay              102625208  18123456  79234560  19% /\ntmpfs                    65536         0     65536   0% /dev\n',
  ),
  free: say(
    '              total        used        free      shared  buff/cache   available\nMem:       16365636     2345678    10234567       12345     3785391    13654321\nSwap:             0           0           0\n',
  ),
  uptime: (ctx) =>
    say(
      ` ${dateCommandTime(ctx.host.now()).slice(11, 19)} up 3 days,  2:41,  0 users,  load average: 0.21, 0.18, 0.12\n`,
    )(ctx, []),
  kill: (ctx, args) => {
    const sig = args.find((a) => a.startsWith('-'))?.slice(1) ?? 'TERM';
    let status = 0;
    for (const p of args.filter((a) => !a.startsWith('-'))) {
      if (!ctx.host.signal?.(Number(p), sig)) {
        ctx.io.stderr(`${ctx.host.shell}: kill: (${p}) - No such process\n`);
        status = 1;
      }
    }
    return status;
  },
  curl,
  wget,
  nslookup,
  nginx: (ctx, args) => {
    const v = ctx.shell.vars.NGINX_VERSION ?? '1.27.3';
    if (args.includes('-v')) ctx.io.stderr(`nginx version: nginx/${v}\n`);
    else if (args.includes('-t'))
      ctx.io.stderr(
        'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
      );
    else if (args.includes('-s')) return 0;
    else {
      ctx.io.stderr('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
      return 1;
    }
    return 0;
  },
  'redis-cli': (ctx, args) =>
    say(args.map((a) => a.toLowerCase()).includes('ping') ? 'PONG\n' : 'OK\n')(ctx, []),
  pg_isready: say('/var/run/postgresql:5432 - accepting connections\n'),
  mysqladmin: (ctx, args) => say(args.includes('ping') ? 'mysqld is alive\n' : '')(ctx, []),
  nodetool: (ctx) =>
    say(
      `Datacenter: DC1-K8Demo\n=====================\nStatus=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n--  Address       Load       Tokens       Owns (effective)  Host ID                               Rack\nUN  ${ctx.shell.vars.POD_IP ?? '10.244.1.2'}  104.55 KiB  32           100.0%            2f1dbd25-6f4b-4c5c-9b5d-0e2f6c7bd4a1  Rack1-K8Demo\n`,
    )(ctx, []),
};

export type { CommandContext, CommandImpl } from './cmd-util';
