/**
 * `oc describe` for the OpenShift kinds oc has its own describers for (openshift/oc pkg/helpers/describe):
 * BuildConfig (with its webhook URLs and builds), Build, ImageStream, ImageStreamTag, ImageStreamImage and
 * Route (describe-stream-route.ts). Other kinds
 * go to kubectl's describe.
 */
import { StatusError } from '../../engine/api/errors';
import type { StoredObject } from '../../engine/api/types';
import type { ImageCatalog } from '../../engine/images';
import {
  getImageStreamImage,
  getImageStreamTag,
  IMAGE_STREAM_TAGS,
  listImageStreamTags,
} from '../../engine/openshift/imagestreamtags';
import { EPOCH_MS } from '../../engine/sim/clock';
import { parseRFC3339 } from '../../engine/sim/timefmt';
import type { Command, CommandContext } from '../command';
import { eventsFor } from '../printers/describe/common';
import { rfc1123z } from '../printers/describe/writer';
import { humanDuration } from '../printers/index';
import { goDuration, unitsHumanDuration } from '../printers/tables/openshift';
import { describeImageStream, describeRoute } from './describe-stream-route';
import { serverUrl } from './server';
import { tabbed } from './tabbed';

type Any = any;

const KINDS: Record<string, string> = {
  bc: 'buildconfigs.build.openshift.io',
  buildconfig: 'buildconfigs.build.openshift.io',
  buildconfigs: 'buildconfigs.build.openshift.io',
  build: 'builds.build.openshift.io',
  builds: 'builds.build.openshift.io',
  istag: IMAGE_STREAM_TAGS,
  imagestreamtag: IMAGE_STREAM_TAGS,
  imagestreamtags: IMAGE_STREAM_TAGS,
  isimage: 'imagestreamimages.image.openshift.io',
  imagestreamimage: 'imagestreamimages.image.openshift.io',
  imagestreamimages: 'imagestreamimages.image.openshift.io',
  is: 'imagestreams.image.openshift.io',
  imagestream: 'imagestreams.image.openshift.io',
  imagestreams: 'imagestreams.image.openshift.io',
  route: 'routes.route.openshift.io',
  routes: 'routes.route.openshift.io',
};

/** The resource `describe` names if oc describes it itself (`bc`, `bc/x`, `builds.build.openshift.io`). */
export function ocDescribedResource(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const type = word
    .split('/')[0]
    .toLowerCase()
    .replace(/\.(build|image|route)\.openshift\.io$/, '');
  return KINDS[type];
}

/** Go's `%v` of a time.Time in UTC: `2025-01-15 09:02:00 +0000 UTC`. */
function goTime(ts: string | undefined): string {
  return ts ? `${ts.slice(0, 10)} ${ts.slice(11, 19)} +0000 UTC` : '0001-01-01 00:00:00 +0000 UTC';
}

class Out {
  text = '';
  /** formatString: `Label:` then each line of the value after a tab; empty values print `<none>`. */
  str(label: string, v: unknown): void {
    const value = v === undefined || v === null || String(v) === '' ? '<none>' : String(v);
    this.text += `${label}:`;
    for (const l of value.split('\n')) this.text += `\t${l}\n`;
  }
  map(label: string, m: Record<string, string> | undefined): void {
    const keys = Object.keys(m ?? {}).sort();
    if (keys.length === 0) this.str(label, '');
    keys.forEach((k, i) => {
      if (i === 0) this.str(label, `${k}=${m?.[k]}`);
      else this.text += `\t${k}=${m?.[k]}\n`;
    });
  }
  raw(s: string): void {
    this.text += s;
  }
}

function meta(o: Out, m: Any, now: number): void {
  o.str('Name', m.name);
  if (m.namespace) o.str('Namespace', m.namespace);
  if (m.creationTimestamp)
    o.raw(`Created:\t${unitsHumanDuration(now - parseRFC3339(m.creationTimestamp))} ago\n`);
  o.map('Labels', m.labels);
  const { description, ...rest } = m.annotations ?? {};
  if (description) o.str('Description', description);
  o.map('Annotations', rest);
}

function gitInfo(o: Out, rev: Any): void {
  const git = rev?.git;
  if (!git) return;
  o.str('Commit', `${String(git.commit ?? '').slice(0, 7)} (${git.message ?? ''})`);
  const author = git.author?.name ?? '';
  const committer = git.committer?.name ?? '';
  if (author && committer)
    o.str('Author/Committer', author === committer ? author : `${author} / ${committer}`);
  else if (author) o.str('Author', author);
  else if (committer) o.str('Committer', committer);
}

const ref = (r: Any) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

function commonSpec(o: Out, spec: Any): void {
  const s = spec.strategy ?? {};
  const type = s.type ?? (s.dockerStrategy ? 'Docker' : s.customStrategy ? 'Custom' : 'Source');
  o.str('\nStrategy', type);
  let none = true;
  const src = spec.source ?? {};
  if (src.git) {
    none = false;
    o.str('URL', src.git.uri);
    if (src.git.ref) o.str('Ref', src.git.ref);
    if (src.contextDir) o.str('ContextDir', src.contextDir);
    if (src.sourceSecret) o.str('Source Secret', src.sourceSecret.name);
    gitInfo(o, spec.revision);
  }
  if (typeof src.dockerfile === 'string') {
    if (!src.dockerfile.trim()) o.str('Dockerfile', '');
    else
      o.raw(
        `Dockerfile:\n${src.dockerfile
          .split('\n')
          .map((l: string) => `  ${l}\n`)
          .join('')}`,
      );
  }
  if (s.dockerStrategy) {
    if (s.dockerStrategy.from?.name) o.str('From Image', ref(s.dockerStrategy.from));
    if (s.dockerStrategy.dockerfilePath) o.str('Dockerfile Path', s.dockerStrategy.dockerfilePath);
    o.str('Volumes', '');
  } else if (s.sourceStrategy) {
    if (s.sourceStrategy.from?.name) o.str('From Image', ref(s.sourceStrategy.from));
    if (s.sourceStrategy.incremental) o.str('Incremental Build', 'yes');
    if (s.sourceStrategy.forcePull) o.str('Force Pull', 'yes');
    o.str('Volumes', '');
  } else if (s.customStrategy) {
    if (s.customStrategy.from?.name) o.str('Image Reference', ref(s.customStrategy.from));
  }
  if (spec.output?.to) o.str('Output to', ref(spec.output.to));
  if (src.binary) {
    none = false;
    o.str(
      'Binary',
      src.binary.asFile ? `provided as file "${src.binary.asFile}" on build` : 'provided on build',
    );
  }
  if (none) o.str('Empty Source', 'no input source provided');
  const hook = spec.postCommit ?? {};
  if (hook.script || hook.command?.length || hook.args?.length) {
    let command: string[] = hook.command ?? [];
    let args: string[] = hook.args ?? [];
    if (hook.script) {
      command = ['/bin/sh', '-ic'];
      args = args.length ? [hook.script, command[0], ...args] : [hook.script];
    }
    if (command.length === 0) command = ['<image-entrypoint>'];
    o.str('Post Commit Hook', `[${[...command, ...args].map((v) => JSON.stringify(v)).join(', ')}]`);
  }
  if (spec.output?.pushSecret) o.str('Push Secret', spec.output.pushSecret.name);
}

/** The Events section (DescribeEvents): the events of `objs` merged, oldest first. */
function events(o: Out, ctx: CommandContext, objs: StoredObject[], now: number): string {
  const list = objs
    .flatMap((x) => eventsFor(ctx.engine, x))
    .sort((a, b) => parseRFC3339(a.lastTimestamp ?? '') - parseRFC3339(b.lastTimestamp ?? ''));
  if (list.length === 0) {
    o.raw('Events:\t<none>\n');
    return tabbed(o.text);
  }
  let table = 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const e of list) {
    const first = humanDuration(now - parseRFC3339(e.firstTimestamp ?? e.eventTime ?? ''));
    const age =
      (e.count ?? 0) > 1
        ? `${humanDuration(now - parseRFC3339(e.lastTimestamp))} (x${e.count} over ${first})`
        : first;
    table += `  ${e.type}\t${e.reason}\t${age}\t${e.source?.component ?? ''}\t${String(e.message ?? '').trim()}\n`;
  }
  return tabbed(o.text) + tabbed(table);
}

function buildDuration(b: Any, now: number): string {
  const st = b.status ?? {};
  const created = parseRFC3339(b.metadata.creationTimestamp);
  const done = ['Cancelled', 'Failed', 'Error'].includes(st.phase);
  if (!st.startTimestamp && st.completionTimestamp && done)
    return `waited for ${goDuration((parseRFC3339(st.completionTimestamp) - created) * 1e6)}`;
  if (!st.startTimestamp && st.phase !== 'Cancelled')
    return `waiting for ${goDuration((now - created) * 1e6)}`;
  if (st.startTimestamp && !st.completionTimestamp)
    return `running for ${goDuration((now - parseRFC3339(st.startTimestamp)) * 1e6)}`;
  if (!st.startTimestamp) return '<none>';
  return goDuration((parseRFC3339(st.completionTimestamp) - parseRFC3339(st.startTimestamp)) * 1e6);
}

function describeBuildConfig(ctx: CommandContext, bc: Any, now: number): string {
  const o = new Out();
  meta(o, bc.metadata, now);
  o.str('Latest Version', bc.status?.lastVersion ? String(bc.status.lastVersion) : 'Never built');
  commonSpec(o, bc.spec ?? {});
  o.str('\nBuild Run Policy', bc.spec?.runPolicy ?? 'Serial');
  const triggers: Any[] = bc.spec?.triggers ?? [];
  if (triggers.length === 0) o.str('Triggered by', '<none>');
  else {
    const labels = triggers
      .filter((t) => !['GitHub', 'Generic', 'GitLab', 'Bitbucket'].includes(t.type))
      .map((t) =>
        t.type === 'ConfigChange'
          ? 'Config'
          : t.type === 'ImageChange' && t.imageChange?.from?.name
            ? `Image(${t.imageChange.from.kind} ${t.imageChange.from.name})`
            : t.type || '<unknown>',
      );
    o.str('Triggered by', labels.join(', '));
    const base = `${serverUrl(ctx)}/apis/build.openshift.io/v1/namespaces/${bc.metadata.namespace}/buildconfigs/${bc.metadata.name}/webhooks/<secret>`;
    const seen = new Set<string>();
    for (const t of triggers) {
      if (!['GitHub', 'Generic', 'GitLab', 'Bitbucket'].includes(t.type)) continue;
      if (t.type !== 'Generic' && seen.has(t.type)) continue;
      if (!seen.has(t.type)) o.raw(`Webhook ${t.type}:\n`);
      seen.add(t.type);
      o.raw(`\tURL:\t${base}/${t.type.toLowerCase()}\n`);
      if (t.type === 'Generic') o.raw(`\tAllowEnv:\t${t.generic?.allowEnv === true}\n`);
    }
  }
  const spec = bc.spec ?? {};
  if (spec.successfulBuildsHistoryLimit !== undefined || spec.failedBuildsHistoryLimit !== undefined) {
    o.raw('Builds History Limit:\n');
    if (spec.successfulBuildsHistoryLimit !== undefined)
      o.raw(`\tSuccessful:\t${spec.successfulBuildsHistoryLimit}\n`);
    if (spec.failedBuildsHistoryLimit !== undefined) o.raw(`\tFailed:\t${spec.failedBuildsHistoryLimit}\n`);
  }
  const builds = ctx.api
    .list('builds.build.openshift.io', { namespace: bc.metadata.namespace })
    .filter((b) => b.metadata.labels?.['openshift.io/build-config.name'] === bc.metadata.name)
    .sort(
      (a, b) =>
        parseRFC3339(b.metadata.creationTimestamp ?? '') - parseRFC3339(a.metadata.creationTimestamp ?? '') ||
        (b.metadata.name > a.metadata.name ? 1 : -1),
    )
    .slice(0, 10);
  if (builds.length) {
    o.raw('\nBuild\tStatus\tDuration\tCreation Time\n');
    for (const b of builds)
      o.raw(
        `${b.metadata.name} \t${String(b.status?.phase ?? '').toLowerCase()} \t${buildDuration(b, now)} \t${goTime(b.metadata.creationTimestamp)}\n`,
      );
  }
  o.raw('\n');
  return events(o, ctx, [bc], now);
}

function describeBuild(ctx: CommandContext, b: Any, now: number): string {
  const o = new Out();
  meta(o, b.metadata, now);
  o.raw('\n');
  const st = b.status ?? {};
  o.str('Status', `\u001b[1m${st.phase || '<none>'}\u001b[0m${st.message ? ` (${st.message})` : ''}`);
  if (st.startTimestamp) o.str('Started', rfc1123z(st.startTimestamp).replace(/ \+0000$/, ' UTC'));
  o.str('Duration', buildDuration(b, now));
  o.raw('\n');
  if (st.config) o.str('Build Config', st.config.name);
  o.str('Build Pod', `${b.metadata.name}-build`);
  if (st.output?.to?.imageDigest) o.str('Image Digest', st.output.to.imageDigest);
  commonSpec(o, b.spec ?? {});
  const causes: Any[] | undefined = b.spec?.triggeredBy;
  if (!causes) o.str('\nBuild trigger cause', '<unknown>');
  for (const c of causes ?? []) {
    o.str('\nBuild trigger cause', c.message);
    const hook = c.githubWebHook ?? c.gitlabWebHook ?? c.bitbucketWebHook ?? c.genericWebHook;
    if (hook) {
      gitInfo(o, hook.revision);
      o.str('Secret', hook.secret);
    } else if (c.imageChangeBuild) {
      o.str('Image ID', c.imageChangeBuild.imageID);
      o.str('Image Name/Kind', `${c.imageChangeBuild.fromRef?.name} / ${c.imageChangeBuild.fromRef?.kind}`);
    }
  }
  o.raw('\n');
  if (st.logSnippet) o.str('Log Tail', st.logSnippet);
  // The build pod's events (scheduling, pulling) show with the build's own.
  const pod = ctx.api.tryGet('pods', b.metadata.namespace, `${b.metadata.name}-build`);
  return events(o, ctx, pod ? [b, pod] : [b], now);
}

/** DescribeImage for the image behind a tag: name, reference, digest, size and the image's config. */
function describeImage(ctx: CommandContext, isObj: Any, now: number): string {
  const o = new Out();
  const img = isObj.image ?? {};
  o.str('Image Name', img.metadata?.name);
  o.str('Docker Image', img.dockerImageReference);
  o.str('Name', img.metadata?.name);
  if (img.metadata?.creationTimestamp)
    o.raw(`Created:\t${unitsHumanDuration(now - parseRFC3339(img.metadata.creationTimestamp))} ago\n`);
  const images = ctx.engine.services.get('images') as ImageCatalog | undefined;
  const r = images?.resolve(img.dockerImageReference ?? '');
  const p = r?.ok ? r.profile : undefined;
  if (r?.ok) o.str('Layer Size', unitsHumanSize(r.tag.sizeBytes));
  o.str(
    'Image Created',
    `${unitsHumanDuration(now - parseRFC3339(img.dockerImageMetadata?.Created ?? ''))} ago`,
  );
  o.str('Author', '');
  o.str('Arch', img.dockerImageMetadata?.Architecture ?? 'amd64');
  if (p?.entrypoint?.length) o.str('Entrypoint', p.entrypoint.join(' '));
  if (p?.cmd?.length || !p?.entrypoint?.length) o.str('Command', (p?.cmd ?? []).join(' '));
  o.str('Working Dir', p?.workingDir ?? '');
  // The UBI S2I images run as 1001.
  o.str('User', p?.env?.STI_SCRIPTS_PATH ? '1001' : '');
  let ports: number[] = [];
  try {
    ports = p?.server?.ports({ env: p.env, args: p.cmd } as never) ?? [];
  } catch {
    ports = [];
  }
  o.str('Exposes Ports', ports.map((n) => `${n}/tcp`).join(', '));
  o.str('Docker Labels', '');
  Object.entries(p?.env ?? {}).forEach(([k, v], i) => {
    if (i === 0) o.str('Environment', `${k}=${v}`);
    else o.raw(`\t${k}=${v}\n`);
  });
  return tabbed(o.text);
}

/** docker/go-units HumanSize: decimal units with 4 significant digits (`244.7MB`). */
function unitsHumanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

function objectsFor(ctx: CommandContext, resource: string, name: string | undefined): StoredObject[] {
  const ns = ctx.namespace;
  if (resource === IMAGE_STREAM_TAGS)
    return name ? [getImageStreamTag(ctx.engine, ns, name)] : listImageStreamTags(ctx.engine, ns);
  if (resource === 'imagestreamimages.image.openshift.io') {
    if (!name)
      throw new StatusError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource (get imagestreamimages.image.openshift.io)',
      );
    return [getImageStreamImage(ctx.engine, ns, name)];
  }
  if (name) return [ctx.api.get(resource, ns, name)];
  return ctx.api.list(resource, { namespace: ns });
}

export const ocDescribe: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  run(ctx, inv) {
    const [first, ...rest] = inv.args;
    const resource = ocDescribedResource(first) ?? '';
    const names = first.includes('/') ? [first.slice(first.indexOf('/') + 1), ...rest] : rest;
    const now = EPOCH_MS + ctx.engine.clock.now();
    const objects = names.length
      ? names.flatMap((n) => objectsFor(ctx, resource, n))
      : objectsFor(ctx, resource, undefined);
    if (objects.length === 0) {
      ctx.print(`No resources found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    const texts = objects.map((obj) => {
      if (resource === 'buildconfigs.build.openshift.io') return describeBuildConfig(ctx, obj, now);
      if (resource === 'builds.build.openshift.io') return describeBuild(ctx, obj, now);
      if (resource === 'imagestreams.image.openshift.io') return describeImageStream(obj, now);
      if (resource === 'routes.route.openshift.io') return describeRoute(ctx, obj, now);
      return describeImage(ctx, obj, now);
    });
    ctx.print(texts.join('\n\n'));
    return 0;
  },
};
