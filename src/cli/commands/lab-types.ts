/** The shapes the `lab` program's commands share (kept apart from lab.ts so its commands can import them). */
import type { Cluster } from '../../engine/cluster';
import type { EngineContext } from '../../engine/context';
import type { FlagSpec, FlagValues } from '../flags';

export interface LabContext {
  readonly cluster: Cluster;
  readonly engine: EngineContext;
  /** `-n`, else the shell's current namespace. */
  readonly namespace: string;
  print(text: string): void;
}

export interface LabCommand {
  name: string;
  short: string;
  long?: string;
  usage: string;
  examples?: string;
  flags?: FlagSpec[];
  subcommands?: LabCommand[];
  run?(ctx: LabContext, args: string[], flags: FlagValues, path: string): number | undefined;
}

export const NAMESPACE_FLAG: FlagSpec = {
  name: 'namespace',
  short: 'n',
  type: 'string',
  usage: 'The namespace of the Service, Pod or Deployment (default: the current namespace).',
};
