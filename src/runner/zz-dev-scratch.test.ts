// TEMPORARY dev harness (H5b) — deleted before hand-off.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { it } from 'vitest';
import { diskFiles } from './disk-files';
import { runScript } from './run';

it('dev', () => {
  const f = process.env.KD_SCRIPT ?? '/tmp/kd/t1.sh';
  const { transcript } = runScript(readFileSync(f, 'utf8'), {
    cwd: dirname(f),
    files: diskFiles(dirname(f)),
  });
  writeFileSync('/tmp/kd/out.txt', transcript);
});
