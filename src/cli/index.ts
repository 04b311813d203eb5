/**
 * The lab's command line. `createShell` is what the UI terminal, lesson checks, UI buttons and the script
 * runner all use.
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
