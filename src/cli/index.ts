/**
 * The lab's command line. `createShell` is what the UI terminal, lesson checks, UI buttons and the script
 * runner all use. A host calls `shell.run(line, { stdin, cwd })`, prints `output`, then:
 * - `stream`: subscribe and keep printing chunks while advancing the cluster's clock, until `done(code)`
 *   or the learner presses Ctrl-C (call the returned stop function);
 * - `session`: wait until `ready()` (advancing time), show `prompt()`, send each typed line to `input`,
 *   and print `close(code)` when it ends (`exited`, Ctrl-D or Ctrl-C);
 * - `effects`: `clear-screen`; `open-editor` (on save, print `completeEdit(shell, effect, text)`);
 *   `write-file` (`> file`: store the text in the lab's files).
 * `src/runner/run.ts` is the reference host.
 */
import type { UserInfo } from '../engine/api/apiserver';
import type { Cluster } from '../engine/cluster';
import { LabShell } from './shell';
import type { LabFiles } from './types';

export type { InteractiveSession, ShellState } from './command';
export { COMMANDS } from './commands/index';
export { completeEdit } from './edit-complete';
export type { KubectlResult } from './shell';
export { LabShell } from './shell';
export type * from './types';

export function createShell(
  cluster: Cluster,
  opts: { files?: LabFiles; user?: UserInfo; namespace?: string } = {},
): LabShell {
  return new LabShell(cluster, opts);
}
