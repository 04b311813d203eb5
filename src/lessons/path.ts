/**
 * Field paths in checks: `status.readyReplicas`, `spec.template.spec.containers[0].image`,
 * `status.conditions[type=Ready].status` (the first list item whose field equals a value) and
 * `metadata.labels["app.kubernetes.io/name"]` (keys with dots).
 */

export type PathPart = { key: string } | { index: number } | { field: string; equals: string };

export class PathSyntaxError extends Error {}

export function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  let i = 0;
  const n = path.length;
  while (i < n) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw new PathSyntaxError(`unclosed "[" in path "${path}"`);
      const inner = path.slice(i + 1, end);
      i = end + 1;
      if (/^\d+$/.test(inner)) parts.push({ index: Number(inner) });
      else if (/^"[^"]*"$/.test(inner)) parts.push({ key: inner.slice(1, -1) });
      else {
        const eq = inner.indexOf('=');
        if (eq <= 0)
          throw new PathSyntaxError(`"[${inner}]" in path "${path}" must be [N], ["key"] or [field=value]`);
        parts.push({ field: inner.slice(0, eq), equals: inner.slice(eq + 1) });
      }
      continue;
    }
    let j = i;
    while (j < n && path[j] !== '.' && path[j] !== '[') j++;
    parts.push({ key: path.slice(i, j) });
    i = j;
  }
  if (parts.length === 0) throw new PathSyntaxError('empty path');
  return parts;
}

export function readPath(obj: unknown, path: string | PathPart[]): unknown {
  const parts = typeof path === 'string' ? parsePath(path) : path;
  let cur: unknown = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if ('key' in p) cur = (cur as Record<string, unknown>)[p.key];
    else if ('index' in p) cur = Array.isArray(cur) ? cur[p.index] : undefined;
    else
      cur = Array.isArray(cur)
        ? cur.find(
            (item) =>
              item !== null &&
              typeof item === 'object' &&
              String((item as Record<string, unknown>)[p.field]) === p.equals,
          )
        : undefined;
  }
  return cur;
}
