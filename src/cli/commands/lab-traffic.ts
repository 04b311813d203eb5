/** `lab traffic start|stop|status`: load generators aimed at Services, and what the Services see. */
import type { WindowStats } from '../../engine/traffic';
import { DEFAULT_WINDOW_MS, type Traffic, type TrafficVia } from '../../engine/traffic';
import { CliError } from '../errors';
import { printTable } from './lab-table';
import { serviceName } from './lab-target';
import { type LabCommand, type LabContext, NAMESPACE_FLAG } from './lab-types';

const VIAS: Record<string, TrafficVia> = {
  clusterip: 'clusterip',
  nodeport: 'nodeport',
  ingress: 'ingress',
};
const VIA_LABEL: Record<TrafficVia, string> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  ingress: 'Ingress',
};

function traffic(ctx: LabContext): Traffic {
  const t = ctx.engine.services.get('traffic') as Traffic | undefined;
  if (!t) throw new CliError('the traffic model is not running in this cluster');
  return t;
}

const startCommand: LabCommand = {
  name: 'start',
  short: 'Send requests to a Service at a steady rate',
  long: 'Start a load generator that sends GET requests to a Service (through its ClusterIP, a NodePort, or the Ingress that routes to it). Arrivals are random (Poisson) around the rate, in simulated time; kube-proxy spreads them over the ready endpoints. Starting again for the same Service replaces its generator.',
  usage: 'lab traffic start svc/NAME [-n NAMESPACE] [--rps 20] [--path /] [--via clusterip|nodeport|ingress]',
  examples: `  # 20 requests per second to Service web through its ClusterIP
  lab traffic start svc/web --rps 20

  # Through the Ingress that routes to Service web (its host and path)
  lab traffic start svc/web --via ingress`,
  flags: [
    NAMESPACE_FLAG,
    { name: 'rps', type: 'int', default: 20, usage: 'Average requests per second (1-1000).' },
    {
      name: 'path',
      type: 'string',
      default: '/',
      usage: "The request path (with --via ingress: the Ingress rule's path).",
    },
    {
      name: 'via',
      type: 'string',
      default: 'clusterip',
      usage: 'How clients reach the Service: clusterip, nodeport (a node IP and the node port) or ingress.',
    },
    {
      name: 'port',
      type: 'string',
      usage: "The Service port (number or name); default: the Service's first port.",
    },
    { name: 'timeout', type: 'duration', default: '10s', usage: 'How long a client waits for an answer.' },
  ],
  run(ctx, args, flags, path) {
    if (args.length !== 1)
      throw new CliError(
        `exactly one Service is required: lab traffic start svc/NAME\nSee '${path} -h' for help and examples`,
      );
    const name = serviceName(args[0], path);
    const via = VIAS[flags.str('via').toLowerCase()];
    if (!via)
      throw new CliError(`--via must be one of clusterip, nodeport, ingress, got "${flags.str('via')}"`);
    const gen = traffic(ctx).start({
      namespace: ctx.namespace,
      service: name,
      rps: flags.int('rps'),
      via,
      ...(flags.changed('path') || via !== 'ingress' ? { path: flags.str('path') } : {}),
      ...(flags.changed('port')
        ? { port: /^\d+$/.test(flags.str('port')) ? Number(flags.str('port')) : flags.str('port') }
        : {}),
      timeoutMs: flags.durationMs('timeout') || 10_000,
    });
    ctx.print(
      `traffic to service/${name} started: ${gen.rps} requests/s via ${VIA_LABEL[gen.via]}${gen.path ? ` to ${gen.path}` : ''}\n`,
    );
    return 0;
  },
};

const stopCommand: LabCommand = {
  name: 'stop',
  short: 'Stop a Service’s load generator, or all of them',
  usage: 'lab traffic stop (svc/NAME [-n NAMESPACE] | --all)',
  examples: `  lab traffic stop svc/web
  lab traffic stop --all`,
  flags: [NAMESPACE_FLAG, { name: 'all', type: 'bool', default: false, usage: 'Stop every generator.' }],
  run(ctx, args, flags, path) {
    const t = traffic(ctx);
    if (flags.bool('all')) {
      if (args.length) throw new CliError(`--all takes no Service\nSee '${path} -h' for help and examples`);
      const n = t.stopAll();
      ctx.print(
        n ? `stopped ${n} traffic generator${n === 1 ? '' : 's'}\n` : 'no traffic generators are running\n',
      );
      return 0;
    }
    if (args.length !== 1)
      throw new CliError(`specify a Service (svc/NAME) or --all\nSee '${path} -h' for help and examples`);
    const name = serviceName(args[0], path);
    if (!t.stop(ctx.namespace, name))
      throw new CliError(`no traffic is being sent to service/${name} in namespace "${ctx.namespace}"`);
    ctx.print(`traffic to service/${name} stopped\n`);
    return 0;
  },
};

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(v % 1000 ? 1 : 0)}s` : `${v}ms`);

function errorsCell(s: WindowStats): string {
  const kinds = Object.entries(s.errorKinds)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`);
  return kinds.length ? `${pct(s.errorRate)} (${kinds.join(', ')})` : pct(s.errorRate);
}

const statusCommand: LabCommand = {
  name: 'status',
  short: 'Show the generators and what each Service saw in the last 10 seconds',
  long: 'List the running load generators, then for every Service that received requests in the window (from generators, kubectl exec ... curl/wget, or an ingress controller): requests per second, the share of errors (no answer, or a 5xx) and latency percentiles.',
  usage: 'lab traffic status [-n NAMESPACE | -A] [--window 10s]',
  flags: [
    NAMESPACE_FLAG,
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: false,
      usage: 'Show Services in every namespace.',
    },
    {
      name: 'window',
      type: 'duration',
      default: '10s',
      usage: 'How far back the rates and percentiles look.',
    },
  ],
  run(ctx, _args, flags) {
    const t = traffic(ctx);
    const all = flags.bool('all-namespaces');
    const inScope = (key: string) => all || key.startsWith(`${ctx.namespace}/`);
    const windowMs = flags.durationMs('window') || DEFAULT_WINDOW_MS;
    const gens = t.list().filter((g) => inScope(g.id));
    printTable(
      ctx,
      ['NAMESPACE', 'SERVICE', 'VIA', 'TARGET-RPS', 'PATH', 'SENT', 'STATE'],
      gens.map((g) => [
        g.namespace,
        g.service,
        VIA_LABEL[g.via],
        String(g.rps),
        g.path ?? '(ingress)',
        String(g.sent),
        g.lastError ? `error: ${g.lastError}` : 'running',
      ]),
      'No traffic generators are running.\n',
    );
    ctx.print('\n');
    const rows = t
      .services()
      .filter(inScope)
      .map((k) => [k, t.stats(k, windowMs)] as const)
      .filter(([, s]) => s.requests > 0);
    return printTable(
      ctx,
      ['NAMESPACE', 'SERVICE', 'RPS', 'ERRORS', 'P50', 'P95', 'P99'],
      rows.map(([k, s]) => [
        ...k.split('/'),
        s.rps.toFixed(1),
        errorsCell(s),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
      ]),
      `No requests reached a Service in the last ${windowMs / 1000}s.\n`,
    );
  },
};

export const trafficCommand: LabCommand = {
  name: 'traffic',
  short: 'Send traffic to Services and watch what they answer',
  usage: 'lab traffic (start|stop|status) [flags]',
  subcommands: [startCommand, stopCommand, statusCommand],
};
