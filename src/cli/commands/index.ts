/** The one command registry: every kubectl command the lab knows, in `kubectl --help` order. */
import type { Command } from '../command';
import { applyCommand } from './apply';
import { createCommand } from './create';
import { deleteCommand } from './delete';
import { getCommand } from './get';

export const COMMANDS: Command[] = [createCommand, getCommand, deleteCommand, applyCommand];

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
  const parts = ['kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n'];
  for (const g of GROUPS) {
    const cmds = COMMANDS.filter((c) => (c.group ?? 'Other Commands') === g);
    if (!cmds.length) continue;
    parts.push(`${g}:\n${cmds.map((c) => `  ${c.name.padEnd(16)}${c.short}\n`).join('')}`);
  }
  parts.push('Usage:\n  kubectl [flags] [options]\n');
  parts.push(
    'Use "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
  );
  return parts.join('\n');
}
