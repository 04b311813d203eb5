/**
 * `npm run --silent sim -- FILE [--seed N]`: replay a script against a fresh cluster and print the
 * transcript. Exits 0 when the script ran (even if commands failed), 2 for a malformed script or bad usage.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import '../engine/schema/descriptions-bundled';
import { diskFiles } from './disk-files';
import { runScript } from './run';
import { ScriptError } from './script';

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: npm run --silent sim -- FILE [--seed N]\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let file: string | undefined;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) usage(`invalid --seed value: ${v ?? '(missing)'}`);
      seed = Number(v);
    } else if (a.startsWith('-')) usage(`unknown option: ${a}`);
    else if (file === undefined) file = a;
    else usage(`unexpected argument: ${a}`);
  }
  if (!file) usage('missing script FILE');
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    usage(`cannot read script: ${file}`);
  }
  const cwd = dirname(path);
  try {
    const { transcript } = runScript(text, { seed, cwd, files: diskFiles(cwd) });
    process.stdout.write(transcript);
  } catch (err) {
    if (err instanceof ScriptError) {
      process.stderr.write(`${file}: malformed script: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

main(process.argv.slice(2));
