/**
 * Golden transcripts: every examples/<name>.script is replayed through the runner and must print exactly
 * examples/<name>.transcript. After a deliberate change, regenerate with
 * `UPDATE_GOLDENS=1 npx vitest run src/runner/golden.test.ts` and review the diff by eye.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskFiles } from './disk-files';
import { runScript } from './run';

const EXAMPLES = resolve(__dirname, '../../examples');
const scripts = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.script'))
  .sort();

describe('golden transcripts (examples/)', () => {
  it('has one script per command family', () => {
    for (const family of ['apply', 'get', 'describe', 'rollout', 'logs', 'exec', 'errors']) {
      expect(scripts).toContain(`${family}.script`);
    }
  });

  for (const script of scripts) {
    it(script, () => {
      const text = readFileSync(join(EXAMPLES, script), 'utf8');
      const { transcript } = runScript(text, { cwd: EXAMPLES, files: diskFiles(EXAMPLES) });
      const goldenPath = join(EXAMPLES, script.replace(/\.script$/, '.transcript'));
      if (process.env.UPDATE_GOLDENS) writeFileSync(goldenPath, transcript);
      expect(transcript).toBe(readFileSync(goldenPath, 'utf8'));
    });
  }
});
