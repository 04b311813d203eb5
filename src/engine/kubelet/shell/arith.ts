/** Shell arithmetic ($((...)), expr): integers with + - * / %, parentheses and comparisons. */
export function evalArith(src: string): number {
  if (!/^[\d\s+\-*/%()<>=!&|]*$/.test(src)) return 0;
  const tokens = src.match(/\d+|[-+*/%()]|[<>=!]=|&&|\|\||[<>]/g) ?? [];
  let pos = 0;
  const primary = (): number => {
    const t = tokens[pos++];
    if (t === '(') {
      const v = comparison();
      pos++;
      return v;
    }
    if (t === '-') return -primary();
    return Number(t) || 0;
  };
  const term = (): number => {
    let v = primary();
    while (tokens[pos] === '*' || tokens[pos] === '/' || tokens[pos] === '%') {
      const op = tokens[pos++];
      const r = primary();
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / (r || 1)) : v % (r || 1);
    }
    return v;
  };
  const sum = (): number => {
    let v = term();
    while (tokens[pos] === '+' || tokens[pos] === '-') v = tokens[pos++] === '+' ? v + term() : v - term();
    return v;
  };
  const comparison = (): number => {
    const v = sum();
    const op = tokens[pos];
    if (op && ['<', '>', '<=', '>=', '==', '!='].includes(op)) {
      pos++;
      const r = sum();
      return Number(
        op === '<'
          ? v < r
          : op === '>'
            ? v > r
            : op === '<='
              ? v <= r
              : op === '>='
                ? v >= r
                : op === '=='
                  ? v === r
                  : v !== r,
      );
    }
    return v;
  };
  return comparison();
}
