/** `kubectl top nodes|pods`: usage from the engine's 'metrics' service (metrics-server), as kubectl prints it. */
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { F } from '../globals';
import { TABLE_SETTINGS, tabwrite } from '../printers/tabwriter';
import { labelSelector } from '../select';

/** CPU in millicores and memory in bytes, per node and per container (see src/engine/metrics). */
export interface MetricsForCli {
  available?(): boolean;
  nodeUsage?(node: string): { cpuMilli: number; memoryBytes: number } | undefined;
  podUsage?(
    namespace: string,
    pod: string,
  ): { containers: { name: string; cpuMilli: number; memoryBytes: number }[] } | undefined;
}

function metrics(ctx: CommandContext): MetricsForCli {
  const m = ctx.engine.services.get('metrics') as MetricsForCli | undefined;
  if (!m || m.available?.() === false) throw new CliError('Metrics API not available');
  return m;
}

const mi = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))}Mi`;

function parseQuantityBytes(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return 0;
  const mult: Record<string, number> = {
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
}

function parseCpuMilli(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

function sortRows<T extends { name: string; cpu: number; mem: number }>(rows: T[], sortBy: string): T[] {
  if (sortBy === 'cpu') return [...rows].sort((a, b) => b.cpu - a.cpu);
  if (sortBy === 'memory') return [...rows].sort((a, b) => b.mem - a.mem);
  return rows;
}

const topNode: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  long: `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.`,
  examples: `  # Show metrics for all nodes
  kubectl top node

  # Show metrics for a given node
  kubectl top node NODE_NAME`,
  usage: 'top node [NAME | -l label] [options]',
  completion: 'nodes',
  flags: [
    F.selector,
    {
      name: 'sort-by',
      type: 'string',
      usage:
        "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.",
    },
    F.noHeaders,
    {
      name: 'show-capacity',
      type: 'bool',
      usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.',
    },
  ],
  run(ctx: CommandContext, inv: Invocation) {
    const m = metrics(ctx);
    const nodes = inv.args.length
      ? inv.args.map((n) => ctx.api.get('nodes', undefined, n))
      : ctx.api.list('nodes', { labelSelector: labelSelector(inv.flags.str('selector')) });
    const rows = nodes.flatMap((n) => {
      const u = m.nodeUsage?.(n.metadata.name);
      if (!u) return [];
      const alloc = inv.flags.bool('show-capacity') ? n.status?.capacity : n.status?.allocatable;
      const cpuPct = Math.floor((u.cpuMilli / Math.max(1, parseCpuMilli(alloc?.cpu))) * 100);
      const memPct = Math.floor((u.memoryBytes / Math.max(1, parseQuantityBytes(alloc?.memory))) * 100);
      return [
        {
          name: n.metadata.name,
          cpu: u.cpuMilli,
          mem: u.memoryBytes,
          cells: [n.metadata.name, `${u.cpuMilli}m`, `${cpuPct}%`, mi(u.memoryBytes), `${memPct}%`],
        },
      ];
    });
    if (rows.length === 0) throw new CliError('metrics not available yet');
    const lines = sortRows(rows, inv.flags.str('sort-by')).map((r) => `${r.cells.join('\t')}\t`);
    if (!inv.flags.bool('no-headers')) lines.unshift('NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t');
    ctx.print(tabwrite(`${lines.join('\n')}\n`, TABLE_SETTINGS));
    return 0;
  },
};

const topPod: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  long: `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.`,
  examples: `  # Show metrics for all pods in the default namespace
  kubectl top pod

  # Show metrics for all pods in the given namespace
  kubectl top pod --namespace=NAMESPACE

  # Show metrics for a given pod and its containers
  kubectl top pod POD_NAME --containers

  # Show metrics for the pods defined by label name=myLabel
  kubectl top pod -l name=myLabel`,
  usage: 'top pod [NAME | -l label] [options]',
  completion: 'pods',
  flags: [
    F.allNamespaces,
    F.selector,
    F.fieldSelector,
    { name: 'containers', type: 'bool', usage: 'If present, print usage of containers within a pod.' },
    {
      name: 'sort-by',
      type: 'string',
      usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.",
    },
    F.noHeaders,
    { name: 'sum', type: 'bool', usage: 'Print the sum of the resource usage' },
  ],
  run(ctx, inv) {
    const m = metrics(ctx);
    const allNs = inv.flags.bool('all-namespaces');
    const pods = inv.args.length
      ? inv.args.map((n) => ctx.api.get('pods', ctx.namespace, n))
      : ctx.api.list('pods', {
          namespace: allNs ? undefined : ctx.namespace,
          labelSelector: labelSelector(inv.flags.str('selector')),
        });
    const withContainers = inv.flags.bool('containers');
    const rows = pods.flatMap((p) => {
      const u = m.podUsage?.(p.metadata.namespace ?? 'default', p.metadata.name);
      if (!u) return [];
      const cpu = u.containers.reduce((s, c) => s + c.cpuMilli, 0);
      const mem = u.containers.reduce((s, c) => s + c.memoryBytes, 0);
      const ns = allNs ? [p.metadata.namespace ?? ''] : [];
      if (withContainers) {
        return u.containers.map((c) => ({
          name: p.metadata.name,
          cpu,
          mem,
          cells: [...ns, p.metadata.name, c.name, `${c.cpuMilli}m`, mi(c.memoryBytes)],
        }));
      }
      return [{ name: p.metadata.name, cpu, mem, cells: [...ns, p.metadata.name, `${cpu}m`, mi(mem)] }];
    });
    if (rows.length === 0) {
      if (inv.args.length)
        throw new CliError(`Metrics not available for pod ${ctx.namespace}/${inv.args[0]}, age: 0s`);
      ctx.print(`No resources found in ${allNs ? 'any' : ctx.namespace} namespace.\n`);
      return 0;
    }
    const header = [
      ...(allNs ? ['NAMESPACE'] : []),
      withContainers ? 'POD' : 'NAME',
      ...(withContainers ? ['NAME'] : []),
      'CPU(cores)',
      'MEMORY(bytes)',
    ];
    const lines = sortRows(rows, inv.flags.str('sort-by')).map((r) => `${r.cells.join('\t')}\t`);
    if (!inv.flags.bool('no-headers')) lines.unshift(`${header.join('\t')}\t`);
    ctx.print(tabwrite(`${lines.join('\n')}\n`, TABLE_SETTINGS));
    return 0;
  },
};

export const topCommand: Command = {
  name: 'top',
  group: 'Cluster Management Commands',
  short: 'Display resource (CPU/memory) usage',
  long: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`,
  usage: 'top [flags] [options]',
  subcommands: [topNode, topPod],
};
