/** `-o` handling shared by get, create, apply, run, expose...: parse once, with kubectl's error. */
import { CliError } from './errors';
import { type OutputFormat, parseOutputFormat } from './printers/index';

export function outputFormat(value: string): OutputFormat | undefined {
  if (!value) return undefined;
  try {
    return parseOutputFormat(value);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}
