/**
 * resource.Quantity as the API server parses it: `500m`, `1.5Gi`, `2`, `1e3`. Decoding rejects what Go's
 * ParseQuantity rejects, with its messages; other parts use `quantityValue` to compare amounts.
 */

export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const FORMAT_RE = new RegExp(QUANTITY_REGEX);
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** Binary (power of 2) and decimal suffix multipliers, shared by everything that reads quantities. */
export const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
export const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Parse a quantity string to its value in base units, or return the API server's error message. */
export function parseQuantity(input: string): number | string {
  const s = input.trim();
  if (s === '' || !FORMAT_RE.test(s)) return ERR_FORMAT_WRONG;
  let i = 0;
  if (s[i] === '+' || s[i] === '-') i++;
  const numStart = i;
  while (i < s.length && /[0-9]/.test(s[i])) i++;
  if (s[i] === '.') {
    i++;
    while (i < s.length && /[0-9]/.test(s[i])) i++;
  }
  const numeric = s.slice(0, i);
  if (
    i === numStart ||
    numeric === '.' ||
    numeric.endsWith('+') ||
    numeric.endsWith('-') ||
    /^[+-]?\.$/.test(numeric)
  ) {
    return ERR_NUMERIC;
  }
  const suffix = s.slice(i);
  const n = Number(numeric);
  if (Number.isNaN(n)) return ERR_NUMERIC;
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (exp) return n * 10 ** Number(exp[1]);
  return ERR_SUFFIX;
}

/** The error message for a JSON value given where a Quantity is expected, or null when it is valid. */
export function quantityError(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : ERR_FORMAT_WRONG;
  if (typeof value !== 'string') return ERR_FORMAT_WRONG;
  const parsed = parseQuantity(value);
  return typeof parsed === 'string' ? parsed : null;
}

/** Value of a valid quantity (string or number) in base units; NaN when invalid. */
export function quantityValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const parsed = parseQuantity(value);
  return typeof parsed === 'string' ? Number.NaN : parsed;
}

const DECIMAL_STEPS: [string, number][] = [
  ['E', 18],
  ['P', 15],
  ['T', 12],
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
  ['m', -3],
  ['u', -6],
  ['n', -9],
];
const BINARY_STEPS: [string, number][] = [
  ['Ei', 60],
  ['Pi', 50],
  ['Ti', 40],
  ['Gi', 30],
  ['Mi', 20],
  ['Ki', 10],
];

/**
 * The canonical form Quantity.String() prints (`1000m` → `1`, `1.5Gi` → `1536Mi`, `0.5` → `500m`), in the
 * format family of the input's suffix. Invalid input comes back unchanged.
 */
export function canonicalQuantity(input: string | number, roundUpToMilli = false): string {
  const text = String(input).trim();
  const parsed = typeof input === 'number' ? input : parseQuantity(text);
  if (typeof parsed === 'string') return text;
  // Exponent forms (`1e3`) keep their own notation; we leave them as written.
  if (/^[+-]?[0-9.]+[eE]/.test(text)) return text;
  const value = roundUpToMilli ? Math.ceil(Math.round(parsed * 1e6) / 1e3) / 1e3 : parsed;
  const binary = /[KMGTPE]i$/.test(text);
  if (binary && Number.isInteger(value)) {
    for (const [suffix, exp] of BINARY_STEPS) {
      const unit = 2 ** exp;
      if (value !== 0 && value % unit === 0) return `${value / unit}${suffix}`;
    }
    if (Math.abs(value) < 1024) return String(value);
  }
  // Decimal SI: the largest suffix that keeps the mantissa whole (values round up to the nano scale).
  const nanos = Math.ceil(Math.round(value * 1e9 * 1e3) / 1e3);
  if (nanos === 0) return '0';
  for (const [suffix, exp] of DECIMAL_STEPS) {
    const unitNanos = 10 ** (exp + 9);
    if (nanos % unitNanos === 0) return `${nanos / unitNanos}${suffix}`;
  }
  return `${nanos}n`;
}

/**
 * SetDefaults_ResourceList and the Quantity serialiser: every amount rounded up to the milli scale and
 * printed canonically (`cpu: 0.5` is stored as `500m`, `1000m` as `1`). Returns the list itself when
 * nothing changes.
 */
export function canonicalResourceList<T extends Record<string, unknown>>(list: T): T {
  let out = list;
  for (const key in list) {
    const v = list[key];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const c = canonicalQuantity(v, true);
    if (c !== v) {
      if (out === list) out = { ...list };
      (out as Record<string, unknown>)[key] = c;
    }
  }
  return out;
}
