/**
 * YAML exactly as `kubectl get -o yaml` prints it (sigs.k8s.io/yaml → go-yaml v2): keys sorted with
 * go-yaml's natural order, sequences not indented under their key (`- ` at the key's column), `{}` and
 * `[]` for empty collections, scalars quoted only when needed (see yaml-scalar.ts).
 */
import { writeScalar } from './yaml-scalar';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function toYaml(value: unknown): string {
  const v = value as Json;
  if (isMap(v)) {
    if (Object.keys(v).length === 0) return '{}\n';
    return `${mapping(v, 0).join('\n')}\n`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n';
    return `${sequence(v, 0).join('\n')}\n`;
  }
  return `${scalar(v, 0, 2)}\n`;
}

function isMap(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lines of a block mapping whose keys sit at column `indent`. */
function mapping(obj: { [k: string]: Json }, indent: number): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  for (const key of sortedKeys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const k = writeScalar(key, indent, indent + 2, true);
    const head = `${pad}${k}:`;
    lines.push(...entry(head, value, indent, [...head].length));
  }
  return lines;
}

/** `head` is `key:` or `-`; the value follows on the same line when it is a scalar or empty. */
function entry(head: string, value: Json, indent: number, headWidth: number): string[] {
  if (isMap(value)) {
    if (Object.keys(value).length === 0) return [`${head} {}`];
    return [head, ...mapping(value, indent + 2)];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${head} []`];
    // go-yaml v2 writes a sequence inside a mapping without extra indentation.
    return [head, ...sequence(value, indent)];
  }
  return [`${head} ${scalar(value, headWidth + 1, indent + 2)}`];
}

/** Lines of a block sequence whose `- ` sits at column `indent`. */
function sequence(items: Json[], indent: number): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (isMap(item) && Object.keys(item).length > 0) {
      // The first key shares the line with the dash; the rest line up under it.
      const inner = mapping(item, indent + 2);
      inner[0] = `${pad}- ${inner[0].slice(indent + 2)}`;
      lines.push(...inner);
    } else if (Array.isArray(item) && item.length > 0) {
      const inner = sequence(item, indent + 2);
      inner[0] = `${pad}- ${inner[0].slice(indent + 2)}`;
      lines.push(...inner);
    } else {
      lines.push(...entry(`${pad}-`, item, indent, indent + 1));
    }
  }
  return lines;
}

function scalar(v: Json, column: number, indent: number): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloatOrInt(v);
  return writeScalar(String(v), column, indent);
}

/** Integers as Go ints; other numbers as strconv.FormatFloat(f, 'g', -1, 64). */
export function goFloatOrInt(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[-+]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  return String(n);
}

/** go-yaml v2's key order: numbers inside keys compare by value, non-letters sort before letters. */
export function sortedKeys(obj: object): string[] {
  return Object.keys(obj).sort(yamlKeyCompare);
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}
function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function yamlKeyCompare(a: string, b: string): number {
  if (a === b) return 0;
  return yamlKeyLess(a, b) ? -1 : 1;
}

function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}
