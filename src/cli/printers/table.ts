/**
 * `kubectl get` tables: the server's columns for the kind, decorated the way kubectl's table printer does
 * (NAMESPACE first with -A, kind/name with several kinds, -L label columns, LABELS last), then aligned
 * with kubectl's tabwriter settings.
 */
import { type ResourceType, resourceId } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import { formatLabels, kindPrefix } from './format';
import type { TableOptions } from './index';
import { tableHandler } from './tables/registry';
import type { Cell } from './tables/types';
import { TABLE_SETTINGS, tabwrite } from './tabwriter';

export function tableImpl(
  rt: ResourceType,
  objects: StoredObject[],
  opts: TableOptions,
  nowMs: number,
  header: boolean,
): string {
  if (objects.length === 0) return '';
  const handler = tableHandler(resourceId(rt));
  const visible = handler.columns.map((c, i) => ({ c, i })).filter(({ c }) => !c.priority || opts.wide);
  const withNamespace = !!opts.withNamespace && rt.namespaced;
  const labelColumns = opts.labelColumns ?? [];
  const lines: string[] = [];
  if (header && !opts.noHeaders) {
    const cells: string[] = [];
    if (withNamespace) cells.push('NAMESPACE');
    for (const { c } of visible) cells.push(c.name.toUpperCase());
    for (const l of labelColumns) cells.push(labelHeader(l));
    if (opts.showLabels) cells.push('LABELS');
    lines.push(cells.join('\t'));
  }
  const prefix = opts.withKind ? `${kindPrefix(rt.kind, rt.group)}/` : '';
  for (const obj of objects) {
    const row = handler.row(obj, nowMs);
    const cells: string[] = [];
    if (withNamespace) cells.push(obj.metadata.namespace ?? '');
    for (const { c, i } of visible) {
      const text = cellText(row[i]);
      cells.push(c.isName && prefix ? prefix + text : text);
    }
    const labels = obj.metadata.labels ?? {};
    for (const l of labelColumns) cells.push(labels[l] ?? '');
    if (opts.showLabels) cells.push(formatLabels(labels));
    lines.push(cells.join('\t'));
  }
  return tabwrite(`${lines.join('\n')}\n`, { ...TABLE_SETTINGS, remembered: opts.rememberedWidths });
}

/** `-L app.kubernetes.io/name` prints as NAME: the last path segment, upper-cased. */
function labelHeader(label: string): string {
  const parts = label.split('/');
  return parts[parts.length - 1].toUpperCase();
}

/** Strings are cut at the first line break (with `...`), as kubectl's table printer does. */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const i = cell.search(/[\f\n\r]/);
  return i >= 0 ? `${cell.slice(0, i)}...` : cell;
}
