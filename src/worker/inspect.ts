/**
 * The inspector's texts, produced by the CLI itself (a private shell instance) so they match what the
 * learner would see typing the same commands.
 */
import type { Shell } from '../cli/types';
import type { InspectResult } from '../protocol/messages';

export interface ObjectLocation {
  resource: string;
  namespace: string | undefined;
  name: string;
}

export function inspectCommands(where: ObjectLocation): {
  yaml: string;
  describe: string;
  events: string;
  logs?: string;
} {
  const ns = where.namespace ? ` -n ${where.namespace}` : '';
  const target = `${where.resource} ${where.name}`;
  return {
    yaml: `kubectl get ${target}${ns} -o yaml`,
    describe: `kubectl describe ${target}${ns}`,
    events: `kubectl get events${ns} --field-selector involvedObject.name=${where.name}`,
    ...(where.resource === 'pods'
      ? { logs: `kubectl logs ${where.name}${ns} --all-containers --tail=200` }
      : {}),
  };
}

export function inspectObject(shell: Shell, where: ObjectLocation): InspectResult {
  const cmds = inspectCommands(where);
  const run = (line: string) => {
    try {
      return shell.run(line).output;
    } catch (err) {
      return `${(err as Error).message}\n`;
    }
  };
  return {
    found: true,
    yaml: run(cmds.yaml),
    describe: run(cmds.describe),
    events: run(cmds.events),
    ...(cmds.logs ? { logs: run(cmds.logs) } : {}),
  };
}
