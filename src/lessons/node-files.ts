/** Reads `lessons/` from disk for tests and build scripts (Node only; the browser uses bundle.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { LessonFiles } from './loader';

export const LESSONS_DIR = join(import.meta.dirname, '..', '..', 'lessons');

export function readLessonFiles(root = LESSONS_DIR): LessonFiles {
  const out: LessonFiles = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|md)$/.test(entry.name))
        out[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}
