/**
 * Tables of the OpenShift kinds as `oc get` prints them (openshift-apiserver's server-side printers):
 * routes, builds, build configs, image streams, deployment configs and projects. Registered by resource
 * id, so they apply as soon as the OpenShift profile registers these kinds.
 */
import type { StoredObject } from '../../../engine/api/types';
import { parseRFC3339 } from '../../../engine/sim/timefmt';
import { NAME, type TableHandler } from './types';

type Any = any;

/** docker/go-units HumanDuration, which `oc` uses for build start and image stream update times. */
export function unitsHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`;
}

const ago = (ts: unknown, now: number) =>
  typeof ts === 'string' ? `${unitsHumanDuration(now - parseRFC3339(ts))} ago` : '';

export const routeTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Host/Port' },
    { name: 'Path' },
    { name: 'Services' },
    { name: 'Port' },
    { name: 'Termination' },
    { name: 'Wildcard' },
  ],
  row(o) {
    const spec: Any = o.spec ?? {};
    let host: string = spec.host ?? '';
    const ingress: Any[] | undefined = o.status?.ingress;
    if (ingress) {
      let admitted = 0;
      let errors = 0;
      let matched = false;
      let reason = '';
      for (const ing of ingress) {
        const c = (ing.conditions ?? []).find((x: Any) => x.type === 'Admitted');
        if (c?.status === 'True') {
          admitted++;
          matched ||= ing.host === spec.host;
        } else if (c?.status === 'False') {
          reason = c.reason ?? '';
          errors++;
        }
      }
      if (admitted === 0 && errors > 0) host = reason;
      else if (errors > 0) host = `${host} ... ${errors} rejected`;
      else if (admitted > 0 && !matched && ingress[0]?.host) host = ingress[0].host;
    }
    const backends: Any[] = [spec.to, ...(spec.alternateBackends ?? [])].filter(Boolean);
    const total = backends.reduce((n, b) => n + (b.weight ?? 100), 0);
    const services =
      backends.length > 1 && total > 0
        ? backends.map((b) => `${b.name}(${Math.round(((b.weight ?? 100) * 100) / total)}%)`).join(',')
        : (spec.to?.name ?? '');
    const tls: Any = spec.tls;
    const termination = tls
      ? tls.insecureEdgeTerminationPolicy
        ? `${tls.termination}/${tls.insecureEdgeTerminationPolicy}`
        : tls.termination
      : '';
    return [
      o.metadata.name,
      host,
      spec.path ?? '',
      services,
      spec.port ? String(spec.port.targetPort) : '<all>',
      termination,
      spec.wildcardPolicy ?? 'None',
    ];
  },
};

function strategyType(strategy: Any): string {
  if (strategy?.sourceStrategy || strategy?.type === 'Source') return 'Source';
  if (strategy?.dockerStrategy || strategy?.type === 'Docker') return 'Docker';
  if (strategy?.customStrategy || strategy?.type === 'Custom') return 'Custom';
  if (strategy?.jenkinsPipelineStrategy || strategy?.type === 'JenkinsPipeline') return 'JenkinsPipeline';
  return strategy?.type ?? '';
}

/** `Git`, `Git@main`, `Git@1a2b3c4`, `Binary`, `Dockerfile` (describeSourceShort). */
function sourceShort(spec: Any): string {
  const source: Any = spec?.source ?? {};
  const commit: string | undefined = spec?.revision?.git?.commit;
  const rev = commit ? commit.slice(0, 7) : (source.git?.ref ?? '');
  if (source.binary) return rev ? `Binary@${rev}` : 'Binary';
  if (source.dockerfile && source.git) return rev ? `Dockerfile,Git@${rev}` : 'Dockerfile,Git';
  if (source.dockerfile) return 'Dockerfile';
  if (source.git) return rev ? `Git@${rev}` : 'Git';
  return source.type ?? 'None';
}

export const buildConfigTable: TableHandler = {
  columns: [NAME, { name: 'Type' }, { name: 'From' }, { name: 'Latest' }],
  row(o) {
    const spec: Any = o.spec ?? {};
    const from = spec.strategy?.customStrategy
      ? (spec.strategy.customStrategy.from?.name ?? '')
      : sourceShort(spec);
    return [o.metadata.name, strategyType(spec.strategy), from, o.status?.lastVersion ?? 0];
  },
};

/** Go's time.Duration String() for a whole number of nanoseconds: `1m23s`, `45s`, `1h2m3s`. */
export function goDuration(nanos: number): string {
  let s = Math.round(nanos / 1e9);
  if (s === 0) return '0s';
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

export const buildTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Type' },
    { name: 'From' },
    { name: 'Status' },
    { name: 'Started' },
    { name: 'Duration' },
  ],
  row(o, now) {
    const st: Any = o.status ?? {};
    const status = st.reason ? `${st.phase} (${st.reason})` : (st.phase ?? '');
    return [
      o.metadata.name,
      strategyType(o.spec?.strategy),
      sourceShort(o.spec),
      status,
      ago(st.startTimestamp, now),
      st.duration > 0 ? goDuration(st.duration) : '',
    ];
  },
};

export const imageStreamTable: TableHandler = {
  columns: [NAME, { name: 'Image Repository' }, { name: 'Tags' }, { name: 'Updated' }],
  row(o, now) {
    const tags: Any[] = o.status?.tags ?? [];
    let latest = Number.NEGATIVE_INFINITY;
    let latestTs: string | undefined;
    for (const t of tags) {
      const created = t.items?.[0]?.created;
      if (created && parseRFC3339(created) > latest) {
        latest = parseRFC3339(created);
        latestTs = created;
      }
    }
    const repo =
      o.status?.publicDockerImageRepository ||
      o.spec?.dockerImageRepository ||
      o.status?.dockerImageRepository ||
      '';
    return [
      o.metadata.name,
      repo,
      tagsUpToWidth(
        tags.map((t) => t.tag),
        40,
      ),
      latestTs ? ago(latestTs, now) : '',
    ];
  },
};

/** `latest,v2,v1` sorted (latest first) and cut at 40 characters with ` + N more...`. */
function tagsUpToWidth(tags: string[], width: number): string {
  const sorted = [...tags].sort((a, b) =>
    a === 'latest' ? -1 : b === 'latest' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const shown: string[] = [];
  let length = 0;
  for (const t of sorted) {
    if (length + t.length + (shown.length ? 1 : 0) > width && shown.length) break;
    length += t.length + (shown.length ? 1 : 0);
    shown.push(t);
  }
  const more = sorted.length - shown.length;
  return more > 0 ? `${shown.join(',')} + ${more} more...` : shown.join(',');
}

export const deploymentConfigTable: TableHandler = {
  columns: [NAME, { name: 'Revision' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Triggered By' }],
  row(o) {
    const triggers = new Set<string>();
    for (const t of o.spec?.triggers ?? []) {
      if (t.type === 'ConfigChange') triggers.add('config');
      else if (t.type === 'ImageChange') {
        if (t.imageChangeParams?.automatic) triggers.add(`image(${t.imageChangeParams.from?.name})`);
      } else triggers.add(t.type);
    }
    return [
      o.metadata.name,
      o.status?.latestVersion ?? 0,
      o.spec?.replicas ?? 0,
      o.status?.replicas ?? 0,
      [...triggers].sort().join(','),
    ];
  },
};

export const projectTable: TableHandler = {
  columns: [NAME, { name: 'Display Name' }, { name: 'Status' }],
  row: (o: StoredObject) => [
    o.metadata.name,
    o.metadata.annotations?.['openshift.io/display-name'] ?? '',
    o.status?.phase ?? '',
  ],
};

export const OPENSHIFT_TABLES: [string, TableHandler][] = [
  ['routes.route.openshift.io', routeTable],
  ['buildconfigs.build.openshift.io', buildConfigTable],
  ['builds.build.openshift.io', buildTable],
  ['imagestreams.image.openshift.io', imageStreamTable],
  ['deploymentconfigs.apps.openshift.io', deploymentConfigTable],
  ['projects.project.openshift.io', projectTable],
];
