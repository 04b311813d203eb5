/**
 * kubectl's output printers: `get` tables, `-o` formats and `describe`. Everything here is a pure function
 * of the objects handed in (plus the API server for describe's Events), so the same text comes out in the
 * terminal, the script runner and the tests.
 */
import type { ResourceType } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import type { EngineContext } from '../../engine/context';
import { EPOCH_MS } from '../../engine/sim/clock';
import { describeImpl } from './describe/index';
import { humanDurationImpl } from './duration';
import { parseImpl, printObjectsImpl } from './output';
import { sortImpl } from './sort';
import { tableImpl } from './table';

export interface TableOptions {
  wide?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  noHeaders?: boolean;
  withNamespace?: boolean;
  withKind?: boolean;
  /**
   * Column widths kept between calls, for `get -w`: pass the same array to the first printTable and every
   * later printRows so columns only ever grow (kubectl's tabwriter RememberWidths).
   */
  rememberedWidths?: number[];
}

export type OutputFormat =
  | { kind: 'table' }
  | { kind: 'wide' }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string /** jsonpath-as-json */; asJson?: boolean }
  | { kind: 'custom-columns'; spec: string }
  | { kind: 'go-template'; template: string };

/**
 * `nowMs` everywhere may be the engine clock's `now()` (virtual ms since the cluster started, which the
 * stored timestamps count from EPOCH_MS) or Unix ms; anything before 1973 is taken as virtual time.
 */
function unixMs(nowMs: number): number {
  return nowMs < 1e11 ? EPOCH_MS + nowMs : nowMs;
}

/** The `kubectl get` table for objects of one kind ('' for none); rows in the given order; ends with '\n'. */
export function printTable(
  rt: ResourceType,
  objects: StoredObject[],
  opts: TableOptions,
  nowMs: number,
): string {
  return tableImpl(rt, objects, opts, unixMs(nowMs), true);
}

/** Just the rows (no header) for `get -w` updates. */
export function printRows(
  rt: ResourceType,
  objects: StoredObject[],
  opts: TableOptions,
  nowMs: number,
): string {
  return tableImpl(rt, objects, opts, unixMs(nowMs), false);
}

/** Parse the value of -o / --output; throws Error with kubectl's message for unknown formats. */
export function parseOutputFormat(value: string): OutputFormat {
  return parseImpl(value);
}

/** yaml/json/name/jsonpath/custom-columns for one or several objects. `single` = one named object asked for. */
export function printObjects(
  rt: ResourceType | undefined,
  objects: StoredObject[],
  format: OutputFormat,
  opts: { single: boolean; nowMs: number; noHeaders?: boolean },
): string {
  return printObjectsImpl(rt, objects, format, { ...opts, nowMs: unixMs(opts.nowMs) });
}

/** `kubectl describe` text for one object, with its Events section. */
export function describeObject(ctx: EngineContext, rt: ResourceType, obj: StoredObject): string {
  return describeImpl(ctx, rt, obj);
}

/** kubectl's human duration (AGE column): 45s, 3m20s, 47m, 5h12m, 30h, 3d4h, 12d, 1y20d. */
export function humanDuration(ms: number): string {
  return humanDurationImpl(ms);
}

/** `--sort-by` with a JSONPath expression like `.metadata.creationTimestamp` or `{.spec.replicas}`. */
export function sortObjects(objects: StoredObject[], jsonPath: string): StoredObject[] {
  return sortImpl(objects, jsonPath);
}

/** For `-o custom-columns-file=FILE`: turns the file's content into a custom-columns spec. */
export { customColumnsSpecFromFile } from './output';
export { type PrinterColumn, printerColumnsTable } from './tables/custom';

/** Extension points: printer columns for kinds registered later (OpenShift, Istio, custom resources). */
export { registerTableHandler } from './tables/registry';
export type { Cell, ColumnDef, TableHandler } from './tables/types';
