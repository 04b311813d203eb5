/**
 * `lab mesh load start|stop|list`, `lab mesh stats`, `lab mesh signals`: the Istio mesh's own load
 * generators (sent from a pod with a sidecar, or through the ingress gateway, so VirtualService rules
 * apply, unlike `lab traffic`) and what the proxies report (mesh.telemetry): per edge between workloads,
 * and the four golden signals per workload.
 */
import { INGRESS_GATEWAY, ISTIO_NAMESPACE, type Mesh, type MeshLoadStatus } from '../../engine/istio';
import type { TelemetryStats } from '../../engine/istio/telemetry';
import { CliError } from '../errors';
import type { FlagSpec, FlagValues } from '../flags';
import { printTable } from './lab-table';
import { workloadTarget } from './lab-target';
import { type LabCommand, type LabContext, NAMESPACE_FLAG } from './lab-types';

function mesh(ctx: LabContext): Mesh {
  const m = ctx.engine.services.get('istio') as Mesh | undefined;
  if (!m) throw new CliError('the Istio mesh is not running in this cluster');
  return m;
}

function requireInstalled(ctx: LabContext): void {
  if (!ctx.engine.api.store.get('services', ISTIO_NAMESPACE, 'istiod'))
    throw new CliError('Istio is not installed: run istioctl install -y first');
}

/** `end-user: jason` (curl's -H) or `end-user=jason`. */
function parseHeader(h: string): [string, string] {
  const i = h.search(/[:=]/);
  if (i <= 0) throw new CliError(`--header must be NAME: VALUE (e.g. "end-user: jason"), got "${h}"`);
  return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
}

/** The name a generator gets by default: its source and the target host (or first path segment). */
export function defaultLoadName(source: string, to: string): string {
  const url = /^https?:\/\/([^/:]+)/.exec(to);
  const target = url ? url[1].split('.')[0] : (to.replace(/^\/+/, '').split(/[/?]/)[0] ?? '');
  return `${source}-${target || 'root'}`;
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(v % 1000 ? 2 : 0)}s` : `${Math.round(v)}ms`);
const pct = (v: number) => `${v.toFixed(1)}%`;

const startCommand: LabCommand = {
  name: 'start',
  short: 'Send requests from inside the mesh (or through the ingress gateway) at a steady rate',
  long: 'Start a load generator whose requests go through Envoy: from a client pod that has an istio-proxy sidecar (picked by the app label of the Deployment or pod given), or from outside through istio-ingressgateway. VirtualService and DestinationRule rules apply to these requests, and the mesh telemetry (lab mesh stats) counts them. Arrivals are random (Poisson) around the rate, in simulated time. Starting a generator with the same name replaces it.',
  usage:
    'lab mesh load start --from (ingress | deploy/NAME | pod/NAME) --to URL [--rps 10] [-H "NAME: VALUE"]... [--name NAME]',
  examples: `  # Users through the ingress gateway: paths go to the Gateway's VirtualServices
  lab mesh load start --from ingress --to /productpage --rps 20

  # One tester calling reviews from the sleep pod, with a header
  lab mesh load start --name jason --from deploy/sleep --to http://reviews:9080/reviews/0 -H "end-user: jason"`,
  flags: [
    NAMESPACE_FLAG,
    {
      name: 'from',
      type: 'string',
      usage: 'ingress, or the client workload: deploy/NAME or pod/NAME (its pods must have a sidecar).',
    },
    {
      name: 'to',
      type: 'string',
      usage: 'A URL for pod clients (http://reviews:9080/reviews/0); a path for the ingress (/productpage).',
    },
    { name: 'rps', type: 'int', default: 10, usage: 'Average requests per second (1-1000).' },
    { name: 'header', short: 'H', type: 'stringArray', usage: 'A request header, as curl -H "NAME: VALUE".' },
    {
      name: 'name',
      type: 'string',
      usage: 'The generator name (default: SOURCE-TARGET, e.g. sleep-reviews).',
    },
    { name: 'timeout', type: 'duration', default: '10s', usage: 'How long a client waits for an answer.' },
  ],
  run(ctx, args, flags, path) {
    if (args.length)
      throw new CliError(`unexpected argument "${args[0]}"\nSee '${path} -h' for help and examples`);
    const from = flags.str('from');
    const to = flags.str('to');
    if (!from || !to)
      throw new CliError(`--from and --to are required\nSee '${path} -h' for help and examples`);
    const m = mesh(ctx);
    requireInstalled(ctx);
    let source: MeshLoadStatus['from'];
    let label: string;
    if (from === 'ingress') {
      if (/^https?:/.test(to))
        throw new CliError(
          'with --from ingress, --to is a path on the gateway (e.g. /productpage), not a URL',
        );
      source = 'ingress';
      label = 'ingress';
    } else {
      if (!/^https?:\/\//.test(to))
        throw new CliError(`--to must be a URL for a pod client (e.g. http://reviews:9080/), got "${to}"`);
      const t = workloadTarget(ctx.engine, ctx.namespace, from, path);
      const labels = t.kind === 'pod' ? t.object.metadata.labels : t.object.spec?.template?.metadata?.labels;
      const app = (labels as Record<string, string> | undefined)?.app;
      if (!app)
        throw new CliError(
          `${t.kind === 'pod' ? 'pod' : 'deployment'} "${t.name}" has no app label: the generator picks its client pod by that label`,
        );
      source = { namespace: ctx.namespace, app };
      label = app;
    }
    const headers = Object.fromEntries(flags.list('header').map(parseHeader));
    const name = flags.str('name') || defaultLoadName(label, to);
    const gen = m.load.start({
      id: name,
      from: source,
      url: to,
      rps: flags.int('rps'),
      ...(Object.keys(headers).length ? { headers } : {}),
      timeoutMs: flags.durationMs('timeout') || 10_000,
    });
    const fromText =
      gen.from === 'ingress' ? `the ${INGRESS_GATEWAY}` : `app=${gen.from.app} in ${gen.from.namespace}`;
    ctx.print(`mesh load "${name}" started: ${gen.rps} requests/s from ${fromText} to ${gen.url}\n`);
    return 0;
  },
};

const stopCommand: LabCommand = {
  name: 'stop',
  short: 'Stop a mesh load generator, or all of them',
  usage: 'lab mesh load stop (NAME | --all)',
  flags: [{ name: 'all', type: 'bool', default: false, usage: 'Stop every mesh load generator.' }],
  run(ctx, args, flags, path) {
    const m = mesh(ctx);
    if (flags.bool('all')) {
      const n = m.load.list().length;
      m.load.stopAll();
      ctx.print(
        n
          ? `stopped ${n} mesh load generator${n === 1 ? '' : 's'}\n`
          : 'no mesh load generators are running\n',
      );
      return 0;
    }
    if (args.length !== 1)
      throw new CliError(`specify a generator NAME or --all\nSee '${path} -h' for help and examples`);
    if (!m.load.stop(args[0])) throw new CliError(`no mesh load generator named "${args[0]}"`);
    ctx.print(`mesh load "${args[0]}" stopped\n`);
    return 0;
  },
};

const listCommand: LabCommand = {
  name: 'list',
  short: 'List the mesh load generators',
  usage: 'lab mesh load list',
  run(ctx) {
    const rows = mesh(ctx)
      .load.list()
      .map((g) => {
        const from = g.from === 'ingress' ? 'ingress' : `app=${g.from.app}`;
        const headers = Object.entries(g.headers ?? {})
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ');
        const state = g.lastError ? `error: ${g.lastError}` : 'running';
        return [g.id, from, g.url, String(g.rps), headers || '<none>', String(g.sent), state];
      });
    return printTable(
      ctx,
      ['NAME', 'FROM', 'TO', 'RPS', 'HEADERS', 'SENT', 'STATE'],
      rows,
      'No mesh load generators are running.\n',
    );
  },
};

const loadCommand: LabCommand = {
  name: 'load',
  short: 'Load generators inside the mesh or through the ingress gateway',
  usage: 'lab mesh load (start|stop|list) [flags]',
  subcommands: [startCommand, stopCommand, listCommand],
};

const SCOPE_FLAGS: FlagSpec[] = [
  NAMESPACE_FLAG,
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'Show every namespace.' },
  { name: 'window', type: 'duration', default: '10s', usage: 'How far back rates and percentiles look.' },
];

/** What SCOPE_FLAGS ask for: every namespace or the current one, and how far back to look. */
function scopeOf(flags: FlagValues): { all: boolean; windowMs: number } {
  return { all: flags.bool('all-namespaces'), windowMs: flags.durationMs('window') || 10_000 };
}

/** `reviews-v1` in the current namespace, `istio-ingressgateway.istio-system` elsewhere (istioctl style). */
function workloadName(ctx: LabContext, key: string, all: boolean): string {
  if (all || !key.includes('/')) return key;
  const [ns, name] = key.split('/');
  return ns === ctx.namespace ? name : `${name}.${ns}`;
}

const inNamespace = (key: string, ns: string) => key.startsWith(`${ns}/`);

const signalCells = (s: TelemetryStats) =>
  `${s.rps.toFixed(1)}\t${pct(s.errorPercent)}\t${ms(s.p50)}\t${ms(s.p95)}\t${ms(s.p99)}`;

const statsCommand: LabCommand = {
  name: 'stats',
  short: 'Per edge between workloads: requests/s, errors, latency percentiles, mTLS',
  long: 'What the Envoy proxies reported (istio_requests_total, istio_request_duration_milliseconds) for every edge source -> destination workload with requests in the window: requests per second, the share of 5xx or failed requests, p50/p95/p99 latency as the client saw it, and whether the edge used mutual TLS. "unknown" is a caller outside the mesh.',
  usage: 'lab mesh stats [-n NAMESPACE | -A] [--window 10s]',
  flags: SCOPE_FLAGS,
  run(ctx, _args, flags) {
    const m = mesh(ctx);
    const { all, windowMs } = scopeOf(flags);
    const edges = m.telemetry
      .edgeStats(ctx.engine.clock.now(), windowMs)
      .filter(
        (e) => all || inNamespace(e.source, ctx.namespace) || inNamespace(e.destination, ctx.namespace),
      );
    return printTable(
      ctx,
      ['SOURCE', 'DESTINATION', 'RPS', 'ERRORS', 'P50', 'P95', 'P99', 'MTLS'],
      edges.map((e) => [
        workloadName(ctx, e.source, all),
        workloadName(ctx, e.destination, all),
        signalCells(e),
        e.mtls ? 'yes' : 'no',
      ]),
      `No requests went through the mesh in the last ${windowMs / 1000}s.\n`,
    );
  },
};

const signalsCommand: LabCommand = {
  name: 'signals',
  short: 'The four golden signals of each workload: latency, traffic, errors, saturation',
  long: 'For every workload that received requests in the window, as its own proxy saw them: latency (p50/p95/p99), traffic (requests per second), errors (share of 5xx or failed requests) and saturation (requests in flight: rate x mean latency).',
  usage: 'lab mesh signals [WORKLOAD] [-n NAMESPACE | -A] [--window 10s]',
  flags: SCOPE_FLAGS,
  run(ctx, args, flags) {
    const m = mesh(ctx);
    const { all, windowMs } = scopeOf(flags);
    const now = ctx.engine.clock.now();
    const wanted = args[0]?.replace(/^(deploy|deployment|deployments)\//, '');
    const rows = m.telemetry
      .workloadNames()
      .filter(
        (w) => (all || inNamespace(w, ctx.namespace)) && (!wanted || w === `${ctx.namespace}/${wanted}`),
      )
      .map((w) => [w, m.telemetry.workloadStats(w, now, windowMs)] as const)
      .filter(([, s]) => s.requests > 0);
    return printTable(
      ctx,
      ['WORKLOAD', 'RPS', 'ERRORS', 'P50', 'P95', 'P99', 'SATURATION'],
      rows.map(([w, s]) => [workloadName(ctx, w, all), signalCells(s), s.saturation.toFixed(2)]),
      wanted
        ? `No requests reached workload "${wanted}" in the last ${windowMs / 1000}s.\n`
        : `No requests reached a workload in the last ${windowMs / 1000}s.\n`,
    );
  },
};

export const meshCommand: LabCommand = {
  name: 'mesh',
  short: 'Drive traffic through the Istio mesh and read what its proxies report',
  usage: 'lab mesh (load|stats|signals) [flags]',
  subcommands: [loadCommand, statsCommand, signalsCommand],
};
