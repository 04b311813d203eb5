/**
 * The few text filters learners pipe kubectl into (`| grep web`, `| head -n 3`, `| wc -l`, `| sort`,
 * `| tail`). Anything else is reported as bash would when the program is missing.
 */

export interface FilterResult {
  output: string;
  exitCode: number;
}

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

const join = (l: string[]) => (l.length ? `${l.join('\n')}\n` : '');

function countArg(args: string[], name: string): number | string {
  let n = 10;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--lines') {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v)) return `${name}: invalid number of lines: '${v ?? ''}'`;
      n = Number(v);
    } else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else return `${name}: cannot open '${a}' for reading: No such file or directory`;
  }
  return n;
}

export function runFilter(words: string[], input: string): FilterResult {
  const [name, ...args] = words;
  const inLines = lines(input);
  switch (name) {
    case 'grep': {
      let invert = false;
      let ignoreCase = false;
      let count = false;
      let pattern: string | undefined;
      for (const a of args) {
        if (pattern === undefined && /^-[ivcE]+$/.test(a)) {
          invert ||= a.includes('v');
          ignoreCase ||= a.includes('i');
          count ||= a.includes('c');
        } else if (pattern === undefined) pattern = a;
      }
      if (pattern === undefined)
        return {
          output: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
          exitCode: 2,
        };
      let re: RegExp;
      try {
        re = new RegExp(pattern, ignoreCase ? 'i' : '');
      } catch {
        return { output: `grep: Unmatched ( or \\(\n`, exitCode: 2 };
      }
      const hit = inLines.filter((l) => re.test(l) !== invert);
      return { output: count ? `${hit.length}\n` : join(hit), exitCode: hit.length ? 0 : 1 };
    }
    case 'head':
    case 'tail': {
      const n = countArg(args, name);
      if (typeof n === 'string') return { output: `${n}\n`, exitCode: 1 };
      return {
        output: join(name === 'head' ? inLines.slice(0, n) : inLines.slice(Math.max(0, inLines.length - n))),
        exitCode: 0,
      };
    }
    case 'wc': {
      const l = inLines.length;
      const w = input.split(/\s+/).filter(Boolean).length;
      const c = new TextEncoder().encode(input).length;
      if (args.includes('-l')) return { output: `${l}\n`, exitCode: 0 };
      if (args.includes('-w')) return { output: `${w}\n`, exitCode: 0 };
      if (args.includes('-c')) return { output: `${c}\n`, exitCode: 0 };
      return {
        output: `${String(l).padStart(7)} ${String(w).padStart(7)} ${String(c).padStart(7)}\n`,
        exitCode: 0,
      };
    }
    case 'sort': {
      const sorted = [...inLines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (args.includes('-r')) sorted.reverse();
      return { output: join(sorted), exitCode: 0 };
    }
    case 'cat':
      return { output: input, exitCode: 0 };
    default:
      return { output: `${name}: command not found\n`, exitCode: 127 };
  }
}
