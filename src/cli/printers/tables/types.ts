import type { StoredObject } from '../../../engine/api/types';

/** A table cell as the server's Table rows carry it: strings, numbers and booleans print with Go's %v. */
export type Cell = string | number | boolean | null | undefined;

export interface ColumnDef {
  /** As in the server's column definitions ("Nominated Node"); the header is this upper-cased. */
  name: string;
  /** 1 = only with `-o wide`. */
  priority?: number;
  /** The column that holds the object name (gets the `kind/` prefix with --show-kind). */
  isName?: boolean;
}

/** How one kind prints in `kubectl get`: the server's column definitions and its row function. */
export interface TableHandler {
  columns: ColumnDef[];
  /** Cells for every column, wide ones included (the API server always generates the wide row). */
  row(obj: StoredObject, nowMs: number): Cell[];
}

export const NAME: ColumnDef = { name: 'Name', isName: true };
export const AGE: ColumnDef = { name: 'Age' };
export const WIDE = (name: string): ColumnDef => ({ name, priority: 1 });
