/**
 * oc's ImageStream and Route describers (openshift/oc pkg/helpers/describe: DescribeImageStream with
 * formatImageStreamTags, RouteDescriber with formatRouteIngress), written through oc's tab-padded writer.
 */
import type { StoredObject } from '../../engine/api/types';
import { parseRFC3339 } from '../../engine/sim/timefmt';
import type { CommandContext } from '../command';
import { unitsHumanDuration } from '../printers/tables/openshift';
import { tabbed } from './tabbed';

type Any = any;

/** formatString: the label, then each line of the value after a tab (`<none>` when empty). */
function str(label: string, v: unknown): string {
  const value = v === undefined || v === null || String(v) === '' ? '<none>' : String(v);
  return `${label}:${value
    .split('\n')
    .map((l) => `\t${l}\n`)
    .join('')}`;
}

function mapLines(label: string, m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return str(label, '');
  return keys.map((k, i) => (i === 0 ? str(label, `${k}=${m?.[k]}`) : `\t${k}=${m?.[k]}\n`)).join('');
}

/** formatMeta. */
function meta(m: Any, now: number): string {
  let out = str('Name', m.name);
  if (m.namespace) out += str('Namespace', m.namespace);
  if (m.creationTimestamp)
    out += `Created:\t${unitsHumanDuration(now - parseRFC3339(m.creationTimestamp))} ago\n`;
  out += mapLines('Labels', m.labels);
  const { description, ...rest } = m.annotations ?? {};
  if (description) out += str('Description', description);
  return out + mapLines('Annotations', rest);
}

const ago = (now: number, ts: string | undefined) =>
  `${unitsHumanDuration(now - (ts ? parseRFC3339(ts) : now))} ago`;

/** library-go's PrioritizeTags: latest, then minor versions (5.1, v5.1-rc1) and full semvers, newest first, then the rest by name. */
function prioritize(tags: string[]): string[] {
  const rank = (t: string): { p: number; v: number[]; prefix: string } => {
    if (t === 'latest') return { p: 0, v: [], prefix: '' };
    const prefix = t.startsWith('v') ? 'v' : '';
    const short = t.slice(prefix.length);
    const full = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(short);
    if (full) return { p: 2, v: full.slice(1, 4).map(Number), prefix };
    const minor = /^(\d+)\.(\d+)(?:-[\w-]+)?$/.exec(short);
    if (minor) return { p: 1, v: [Number(minor[1]), Number(minor[2]), 0], prefix };
    return { p: 3, v: [], prefix };
  };
  return [...tags].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra.p !== rb.p) return ra.p - rb.p;
    if (ra.p === 3) return a < b ? -1 : a > b ? 1 : 0;
    for (let i = 0; i < 3; i++) if (ra.v[i] !== rb.v[i]) return rb.v[i] - ra.v[i];
    return ra.prefix < rb.prefix ? -1 : ra.prefix > rb.prefix ? 1 : 0;
  });
}

/** FollowTagReference: the tag a spec tag points at inside the same stream, if it is such a reference. */
function followsLocal(is: Any, tag: string): string | undefined {
  const specTags: Any[] = is.spec?.tags ?? [];
  let current = tag;
  let followed = false;
  for (let i = 0; i < 10; i++) {
    const t = specTags.find((x) => x.name === current);
    const from = t?.from;
    if (from?.kind !== 'ImageStreamTag') break;
    if (from.namespace && from.namespace !== is.metadata.namespace) break;
    const [stream, name] = String(from.name).includes(':') ? String(from.name).split(':') : ['', from.name];
    if (stream && stream !== is.metadata.name) break;
    current = name;
    followed = true;
  }
  return followed ? current : undefined;
}

function imageStreamTags(is: Any, now: number): string {
  const statusTags: Any[] = is.status?.tags ?? [];
  const specTags: Any[] = is.spec?.tags ?? [];
  if (statusTags.length === 0 && specTags.length === 0) return 'Tags:\t<none>\n';
  const images = new Set<string>();
  for (const t of statusTags) for (const item of t.items ?? []) if (item.image) images.add(item.image);
  const tags: string[] = statusTags.map((t) => t.tag);
  const local = new Set<string>();
  const referential = new Map<string, string[]>();
  for (const t of specTags) {
    const target = followsLocal(is, t.name);
    if (target) {
      local.add(t.name);
      referential.set(target, [...(referential.get(target) ?? []), t.name]);
    }
    if (!statusTags.some((s) => s.tag === t.name)) tags.push(t.name);
  }
  let out = `Unique Images:\t${images.size}\nTags:\t${tags.length}\n\n`;
  let first = true;
  for (const tag of prioritize(tags)) {
    if (local.has(tag)) continue;
    if (!first) out += '\n';
    first = false;
    const status = statusTags.find((s) => s.tag === tag);
    const spec = specTags.find((s) => s.name === tag);
    const from = spec?.from;
    const name = from
      ? from.namespace && from.namespace !== is.metadata.namespace
        ? `${from.namespace}/${from.name}`
        : from.name
      : '';
    const refs = referential.get(tag);
    out += refs?.length ? `${tag} (${prioritize(refs).join(', ')})\n` : `${tag}\n`;
    const scheduled = spec?.importPolicy?.scheduled === true;
    if (!spec) out += '  no spec tag\n';
    else if (!from) out += '  tag without source image\n';
    else if (from.kind === 'ImageStreamTag')
      out += spec.reference
        ? `  reference to ${name}\n`
        : scheduled
          ? `  updates automatically from ${name}\n`
          : `  tagged from ${name}\n`;
    else if (from.kind === 'DockerImage')
      out += spec.reference
        ? `  reference to registry ${name}\n`
        : scheduled
          ? `  updates automatically from registry ${name}\n`
          : `  tagged from ${name}\n`;
    else if (from.kind === 'ImageStreamImage')
      out += spec.reference ? `  reference to image ${name}\n` : `  tagged from ${name}\n`;
    else
      out += spec.reference
        ? `  reference to ${from.kind} ${name}\n`
        : `  updates from ${from.kind} ${name}\n`;
    if (spec?.importPolicy?.insecure) out += '    will use insecure HTTPS or HTTP connections\n';
    if (spec?.referencePolicy?.type === 'Local')
      out += '    prefer registry pullthrough when referencing this tag\n';
    out += '\n';
    const a = spec?.annotations ?? {};
    let extra = '';
    if (a.description) extra += `  ${a.description}\n`;
    if (a.tags) extra += `  Tags: ${String(a.tags).split(',').join(', ')}\n`;
    if (a.supports) extra += `  Supports: ${String(a.supports).split(',').join(', ')}\n`;
    if (a.sampleRepo) extra += `  Example Repo: ${a.sampleRepo}\n`;
    if (extra) out += `${extra}\n`;
    for (const c of status?.conditions ?? [])
      if (c.type === 'ImportSuccess' && c.status === 'False')
        out += `  ! error: Import failed (${c.reason}): ${c.message}\n      ${ago(now, c.lastTransitionTime)}\n`;
    (status?.items ?? []).forEach((item: Any, i: number) => {
      out += `${i === 0 ? '  * ' : '    '}${item.dockerImageReference}\n`;
      const id = String(item.dockerImageReference ?? '').split('@')[1];
      out +=
        item.image && id !== item.image
          ? `      ${ago(now, item.created)}\t${item.image}\n`
          : `      ${ago(now, item.created)}\n`;
    });
  }
  return out;
}

/** `oc describe is NAME`. */
export function describeImageStream(is: Any, now: number): string {
  const repo = is.status?.publicDockerImageRepository || is.status?.dockerImageRepository;
  return tabbed(
    meta(is.metadata, now) +
      str('Image Repository', repo) +
      str('Image Lookup', `local=${is.spec?.lookupPolicy?.local === true}`) +
      imageStreamTags(is, now),
  );
}

function routeIngress(ingress: Any, short: boolean, now: number): string {
  const host = ingress.routerCanonicalHostname ? ` (host ${ingress.routerCanonicalHostname})` : '';
  const c = (ingress.conditions ?? []).find((x: Any) => x.type === 'Admitted');
  if (c?.status === 'True') {
    const when = c.lastTransitionTime ? ` ${ago(now, c.lastTransitionTime).toLowerCase()}` : '';
    return `\t  ${short ? '' : ingress.host} exposed on router ${ingress.routerName}${host}${when}\n`;
  }
  if (c?.status === 'False') {
    const when = c.lastTransitionTime ? ` (${ago(now, c.lastTransitionTime).toLowerCase()})` : '';
    return `\trejected by router ${ingress.routerName}: ${host}${c.reason ?? ''}${when}\n${c.message ? `\t  ${c.message}\n` : ''}`;
  }
  return '';
}

/** `oc describe route NAME`: hosts and admission, TLS, then each backend with its weight and endpoints. */
export function describeRoute(ctx: CommandContext, route: StoredObject, now: number): string {
  const spec = route.spec ?? {};
  const ns = route.metadata.namespace;
  const backends: Any[] = [spec.to, ...(spec.alternateBackends ?? [])].filter(Boolean);
  const total = backends.reduce((s, b) => s + (b.weight ?? 0), 0);
  // A Route without spec.port filters endpoints by an empty target port (0), as oc does.
  const target = spec.port ? String(spec.port.targetPort) : '0';
  let out = meta(route.metadata, now);
  const ingresses: Any[] = route.status?.ingress ?? [];
  if (spec.host) {
    out += str('Requested Host', spec.host);
    for (const i of ingresses) if (i.host === spec.host) out += routeIngress(i, true, now);
  } else out += str('Requested Host', '<auto>');
  for (const i of ingresses) if (i.host !== spec.host) out += routeIngress(i, false, now);
  out += str('Path', spec.path);
  out += str('TLS Termination', spec.tls?.termination);
  out += str('Insecure Policy', spec.tls?.insecureEdgeTerminationPolicy);
  out += str('Endpoint Port', spec.port ? String(spec.port.targetPort) : '<all endpoint ports>');
  for (const b of backends) {
    out += '\n';
    out += str('Service', b.name);
    const weight = b.weight ?? 0;
    out += weight > 0 ? `Weight:\t${weight} (${Math.trunc((weight * 100) / total)}%)\n` : str('Weight', '0');
    const ep = ctx.api.tryGet('endpoints', ns, b.name);
    if (!ep) {
      out += str('Endpoints', `<error: endpoints "${b.name}" not found>`);
      continue;
    }
    const subsets = (ep.subsets ?? []) as Any[];
    if (subsets.length === 0) {
      out += str('Endpoints', '<none>');
      continue;
    }
    const list: string[] = [];
    let count = 0;
    for (const ss of subsets)
      for (const p of ss.ports ?? []) {
        if (target !== p.name && Number(target) !== p.port) continue;
        for (const a of ss.addresses ?? []) {
          if (list.length < 3) list.push(`${a.ip}:${p.port}`);
          count++;
        }
      }
    out += str('Endpoints', list.join(', ') + (count > 3 ? ` + ${count - 3} more...` : ''));
  }
  return tabbed(out);
}
