/** The one command registry: every kubectl command the lab knows, in `kubectl --help` order. */
import type { Command } from '../command';
import { applyCommand } from './apply';
import { attachCommand, optionsCommand } from './attach';
import { authCommand } from './auth';
import { configCommand } from './config';
import { createCommand } from './create';
import { debugCommand } from './debug';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { diffCommand } from './diff';
import { editCommand } from './edit';
import { eventsCommand } from './events';
import { execCommand } from './exec';
import { exposeCommand } from './expose';
import { getCommand } from './get';
import {
  apiResourcesCommand,
  apiVersionsCommand,
  clusterInfoCommand,
  explainCommand,
  versionCommand,
} from './info';
import { annotateCommand, labelCommand } from './label';
import { logsCommand } from './logs';
import { cordonCmd, drainCommand, taintCommand, uncordonCmd } from './node';
import { patchCommand } from './patch';
import { replaceCommand } from './replace';
import { rolloutCommand } from './rollout';
import { runCommand } from './run';
import { autoscaleCommand, scaleCommand } from './scale';
import { setCommand } from './set';
import { topCommand } from './top';
import { waitCommand } from './wait';

export const COMMANDS: Command[] = [
  // Basic Commands (Beginner)
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  // Basic Commands (Intermediate)
  explainCommand,
  getCommand,
  editCommand,
  deleteCommand,
  // Deploy Commands
  rolloutCommand,
  scaleCommand,
  autoscaleCommand,
  // Cluster Management Commands
  clusterInfoCommand,
  topCommand,
  cordonCmd,
  uncordonCmd,
  drainCommand,
  taintCommand,
  // Troubleshooting and Debugging Commands
  describeCommand,
  logsCommand,
  attachCommand,
  execCommand,
  authCommand,
  debugCommand,
  eventsCommand,
  // Advanced Commands
  diffCommand,
  applyCommand,
  patchCommand,
  replaceCommand,
  waitCommand,
  // Settings Commands
  labelCommand,
  annotateCommand,
  // Other Commands
  apiResourcesCommand,
  apiVersionsCommand,
  configCommand,
  optionsCommand,
  versionCommand,
];

const GROUPS = [
  'Basic Commands (Beginner)',
  'Basic Commands (Intermediate)',
  'Deploy Commands',
  'Cluster Management Commands',
  'Troubleshooting and Debugging Commands',
  'Advanced Commands',
  'Settings Commands',
  'Other Commands',
];

/** `kubectl` / `kubectl --help`. */
export function rootHelp(): string {
  const parts = [
    'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n',
  ];
  for (const g of GROUPS) {
    // `kubectl options` works but is not listed, as in kubectl.
    const cmds = COMMANDS.filter((c) => (c.group ?? 'Other Commands') === g && c.name !== 'options');
    if (!cmds.length) continue;
    parts.push(`${g}:\n${cmds.map((c) => `  ${c.name.padEnd(16)}${c.short}\n`).join('')}`);
  }
  parts.push('Usage:\n  kubectl [flags] [options]\n');
  parts.push(
    'Use "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
  );
  return parts.join('\n');
}
