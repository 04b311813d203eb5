/** `diff -u` of two texts (what `kubectl diff` shows through the system's diff), 3 lines of context. */

type Op = { kind: ' ' | '-' | '+'; line: string };

function lcsOps(a: string[], b: string[]): Op[] {
  // Classic LCS table; manifests are a few hundred lines at most.
  const n = a.length;
  const m = b.length;
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) ops.push({ kind: '-', line: a[i++] });
    else ops.push({ kind: '+', line: b[j++] });
  }
  while (i < n) ops.push({ kind: '-', line: a[i++] });
  while (j < m) ops.push({ kind: '+', line: b[j++] });
  return ops;
}

const lines = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));

/** The hunks of `diff -u` (without the ---/+++ header), or '' when the texts are equal. */
export function unifiedHunks(from: string, to: string, context = 3): string {
  const ops = lcsOps(lines(from), lines(to));
  if (ops.every((o) => o.kind === ' ')) return '';
  const changed = ops.map((o, idx) => (o.kind !== ' ' ? idx : -1)).filter((x) => x >= 0);
  // Group changes whose context windows touch into one hunk.
  const hunks: [number, number][] = [];
  for (const idx of changed) {
    const start = Math.max(0, idx - context);
    const end = Math.min(ops.length, idx + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  let out = '';
  for (const [start, end] of hunks) {
    let aLine = 1;
    let bLine = 1;
    for (let k = 0; k < start; k++) {
      if (ops[k].kind !== '+') aLine++;
      if (ops[k].kind !== '-') bLine++;
    }
    const slice = ops.slice(start, end);
    const aCount = slice.filter((o) => o.kind !== '+').length;
    const bCount = slice.filter((o) => o.kind !== '-').length;
    const range = (l: number, c: number) => (c === 1 ? `${l}` : `${c === 0 ? l - 1 : l},${c}`);
    out += `@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@\n`;
    for (const o of slice) out += `${o.kind}${o.line}\n`;
  }
  return out;
}
