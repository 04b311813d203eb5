/** The runner's LabFiles: files on disk under the script's folder, by absolute path. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { LabFiles } from '../cli/types';

/** Files on disk under the script's folder, by absolute path (bounded, for `-f DIR`). */
export function diskFiles(root: string): LabFiles {
  return {
    read(path) {
      try {
        return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    list() {
      const out: string[] = [];
      const walk = (dir: string, depth: number) => {
        if (depth > 4 || out.length > 5000) return;
        let entries: string[] = [];
        try {
          entries = readdirSync(dir);
        } catch {
          return;
        }
        for (const e of entries) {
          if (e === 'node_modules' || e.startsWith('.')) continue;
          const p = `${dir}/${e}`;
          try {
            if (statSync(p).isDirectory()) walk(p, depth + 1);
            else out.push(p);
          } catch {
            // unreadable entries are skipped
          }
        }
      };
      walk(root, 0);
      return out;
    },
  };
}
