/** Text-processing commands: head, tail, grep, wc, sort, uniq, cut, tr, sed. */
import { type CommandContext, inputs, lines, splitFlags } from './cmd-util';

export function headTail(ctx: CommandContext, args: string[], head: boolean): number {
  const { rest, values } = splitFlags(args);
  const n = Number(values.n ?? 10);
  const { text, ok } = inputs(ctx, head ? 'head' : 'tail', rest);
  const ls = lines(text);
  const picked = head ? ls.slice(0, n) : ls.slice(Math.max(0, ls.length - n));
  if (picked.length) ctx.io.stdout(`${picked.join('\n')}\n`);
  return ok ? 0 : 1;
}

export function grep(ctx: CommandContext, args: string[]): number {
  const { flags, rest } = splitFlags(args);
  const [pattern, ...files] = rest;
  if (pattern === undefined) {
    ctx.io.stderr('Usage: grep [OPTIONS] PATTERN [FILE]...\n');
    return 2;
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags.has('i') ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.has('i') ? 'i' : '');
  }
  const { text, ok } = inputs(ctx, 'grep', files);
  const hits = lines(text).filter((l) => re.test(l) !== flags.has('v'));
  if (flags.has('c')) ctx.io.stdout(`${hits.length}\n`);
  else if (!flags.has('q') && hits.length) ctx.io.stdout(`${hits.join('\n')}\n`);
  return !ok ? 2 : hits.length ? 0 : 1;
}

export function wc(ctx: CommandContext, args: string[]): number {
  const { flags, rest } = splitFlags(args);
  const { text, ok } = inputs(ctx, 'wc', rest);
  const l = (text.match(/\n/g) ?? []).length;
  const w = text.split(/\s+/).filter(Boolean).length;
  const c = text.length;
  const parts =
    flags.size === 0
      ? [l, w, c]
      : [...(flags.has('l') ? [l] : []), ...(flags.has('w') ? [w] : []), ...(flags.has('c') ? [c] : [])];
  const suffix = rest.length ? ` ${rest[0]}` : '';
  ctx.io.stdout(
    `${parts.map((p) => (flags.size === 0 ? String(p).padStart(ctx.host.busybox ? 9 : 7) : String(p))).join(' ')}${suffix}\n`,
  );
  return ok ? 0 : 1;
}

export function sortCmd(ctx: CommandContext, args: string[]): number {
  const { flags, rest } = splitFlags(args);
  const { text, ok } = inputs(ctx, 'sort', rest);
  let ls = lines(text);
  ls = flags.has('n') ? ls.sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b)) : ls.sort();
  if (flags.has('r')) ls.reverse();
  if (flags.has('u')) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
  if (ls.length) ctx.io.stdout(`${ls.join('\n')}\n`);
  return ok ? 0 : 2;
}

export function uniq(ctx: CommandContext, args: string[]): number {
  const { flags, rest } = splitFlags(args);
  const { text } = inputs(ctx, 'uniq', rest);
  const out: [string, number][] = [];
  for (const l of lines(text)) {
    if (out.length && out[out.length - 1][0] === l) out[out.length - 1][1]++;
    else out.push([l, 1]);
  }
  ctx.io.stdout(
    out.map(([l, n]) => (flags.has('c') ? `${String(n).padStart(7)} ${l}\n` : `${l}\n`)).join(''),
  );
  return 0;
}

export function cut(ctx: CommandContext, args: string[]): number {
  let delim = '\t';
  let fields = '';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d') delim = args[++i] ?? '\t';
    else if (a.startsWith('-d')) delim = a.slice(2);
    else if (a === '-f') fields = args[++i] ?? '';
    else if (a.startsWith('-f')) fields = a.slice(2);
    else files.push(a);
  }
  const want = new Set(fields.split(',').map(Number));
  const { text } = inputs(ctx, 'cut', files);
  ctx.io.stdout(
    lines(text)
      .map(
        (l) =>
          `${l
            .split(delim)
            .filter((_, i) => want.has(i + 1))
            .join(delim)}\n`,
      )
      .join(''),
  );
  return 0;
}

export function tr(ctx: CommandContext, args: string[]): number {
  const [from = '', to = ''] = args.filter((a) => !a.startsWith('-'));
  const expand = (set: string) =>
    set.replace(/(.)-(.)/g, (_m, a: string, b: string) => {
      let out = '';
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out += String.fromCharCode(c);
      return out;
    });
  const f = expand(from);
  const t = expand(to);
  const del = args.includes('-d');
  let out = '';
  for (const ch of ctx.stdin) {
    const i = f.indexOf(ch);
    out += i < 0 ? ch : del ? '' : (t[Math.min(i, t.length - 1)] ?? '');
  }
  ctx.io.stdout(out);
  return 0;
}

export function sed(ctx: CommandContext, args: string[]): number {
  const quiet = args.includes('-n');
  const rest = args.filter((a) => a !== '-n' && a !== '-e');
  const [script = '', ...files] = rest;
  const { text, ok } = inputs(ctx, 'sed', files);
  const m = /^s(.)(.*?)\1(.*?)\1(g?)$/.exec(script);
  let out = text;
  if (m) {
    let re: RegExp;
    try {
      re = new RegExp(m[2], m[4] ? 'g' : '');
    } catch {
      ctx.io.stderr(`sed: bad regex '${m[2]}'\n`);
      return 1;
    }
    out = lines(text)
      .map((l) => `${l.replace(re, m[3].replace(/\\\//g, '/').replace(/&/g, '$&'))}\n`)
      .join('');
  } else if (/^\d+p$/.test(script) && quiet) {
    const n = Number(script.slice(0, -1));
    out = lines(text)[n - 1] !== undefined ? `${lines(text)[n - 1]}\n` : '';
  }
  ctx.io.stdout(out);
  return ok ? 0 : 2;
}
