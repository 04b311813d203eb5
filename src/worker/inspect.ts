/**
 * The inspector's texts, produced by the CLI itself (a private shell instance) so they match what the
 * learner would see typing the same commands.
 */
import type { Shell } from '../cli/types';
import type { Cluster } from '../engine/cluster';
import type { InspectResult } from '../protocol/messages';
import { probeTimeline } from './probe-timeline';

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

/** The inspector's texts; for a pod (when `cluster` is given) also its probe timeline. */
export function inspectObject(shell: Shell, where: ObjectLocation, cluster?: Cluster): InspectResult {
  const cmds = inspectCommands(where);
  const run = (line: string) => {
    try {
      return shell.run(line).output;
    } catch (err) {
      return `${(err as Error).message}\n`;
    }
  };
  const probes =
    cluster && where.resource === 'pods' && where.namespace
      ? probeTimeline(cluster, where.namespace, where.name)
      : undefined;
  return {
    found: true,
    yaml: run(cmds.yaml),
    describe: run(cmds.describe),
    events: run(cmds.events),
    ...(cmds.logs ? { logs: run(cmds.logs) } : {}),
    ...(probes ? { probes } : {}),
  };
}
