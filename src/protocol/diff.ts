/**
 * The worker-to-UI patch, modelled on tldraw's RecordsDiff: every change since the last frame squashed
 * into one added / updated / removed set keyed by uid (the worker's ViewMirror does the squashing), so
 * 50 status updates of one pod in a frame cost one entry.
 */
import type { ObjectView } from './views';

export interface ViewDiff {
  added: ObjectView[];
  updated: ObjectView[];
  /** uids */
  removed: string[];
}

export function isEmptyDiff(d: ViewDiff): boolean {
  return d.added.length === 0 && d.updated.length === 0 && d.removed.length === 0;
}

/**
 * Apply a diff to a uid map without touching unchanged entries, so selectors that read one uid keep
 * returning the same object and their components do not re-render. Returns a new Map (or the same one
 * when nothing changed).
 */
export function applyViewDiff(
  objects: ReadonlyMap<string, ObjectView>,
  diff: ViewDiff,
): Map<string, ObjectView> {
  if (isEmptyDiff(diff)) return objects as Map<string, ObjectView>;
  const next = new Map(objects);
  for (const v of diff.added) next.set(v.uid, v);
  for (const v of diff.updated) next.set(v.uid, v);
  for (const uid of diff.removed) next.delete(uid);
  return next;
}
