/** `oc tag` and `oc import-image`: ImageStream spec tags, imported from the image catalog. */
import { StatusError } from '../../engine/api/errors';
import type { KObject, StoredObject } from '../../engine/api/types';
import { syncImageStream } from '../../engine/openshift/imagestreams';
import { IMAGE_STREAMS, latestItem } from '../../engine/openshift/registry';
import type { Command, CommandContext } from '../command';
import { CliError, usageError } from '../errors';
import { humanDuration } from './format';

function splitStreamTag(ref: string): { stream: string; tag: string; namespace?: string } {
  const slash = ref.indexOf('/');
  const namespace = slash >= 0 ? ref.slice(0, slash) : undefined;
  const rest = slash >= 0 ? ref.slice(slash + 1) : ref;
  const [stream, tag = 'latest'] = rest.split(':');
  return { stream, tag, namespace };
}

/** Set spec tag `tag` of `stream` (creating the stream), keeping the other tags. */
function setSpecTag(
  ctx: CommandContext,
  namespace: string,
  stream: string,
  tag: string,
  from: KObject['spec'],
): StoredObject {
  const is = ctx.api.tryGet(IMAGE_STREAMS, namespace, stream);
  const entry = { name: tag, from, referencePolicy: { type: 'Source' }, importPolicy: {} };
  if (!is) {
    return ctx.api.create(
      {
        apiVersion: 'image.openshift.io/v1',
        kind: 'ImageStream',
        metadata: { name: stream, namespace },
        spec: { tags: [entry] },
      },
      { user: ctx.user },
    );
  }
  const tags = [...(is.spec?.tags ?? []).filter((t: { name: string }) => t.name !== tag), entry];
  return ctx.api.update({ ...is, spec: { ...is.spec, tags } }, { user: ctx.user });
}

export const tag: Command = {
  name: 'tag',
  short: 'Tag existing images into image streams',
  usage: 'tag [--source=SOURCETYPE] SOURCE DEST [DEST ...] [flags]',
  flags: [
    {
      name: 'alias',
      type: 'bool',
      default: false,
      usage: 'Should the destination tag be updated whenever the source tag changes.',
    },
    {
      name: 'source',
      type: 'string',
      default: '',
      usage:
        "Optional hint for the source type; valid values are 'imagestreamtag', 'istag', 'imagestreamimage', 'isimage', and 'docker'.",
    },
    { name: 'delete', short: 'd', type: 'bool', default: false, usage: 'Delete the provided spec tags.' },
  ],
  run(ctx, inv) {
    if (inv.flags.bool('delete')) {
      for (const a of inv.args) {
        const t = splitStreamTag(a);
        const ns = t.namespace ?? ctx.namespace;
        const is = ctx.api.tryGet(IMAGE_STREAMS, ns, t.stream);
        if (!is)
          throw new StatusError(404, 'NotFound', `imagestreams.image.openshift.io "${t.stream}" not found`);
        const tags = (is.spec?.tags ?? []).filter((x: { name: string }) => x.name !== t.tag);
        const statusTags = (is.status?.tags ?? []).filter((x: { tag: string }) => x.tag !== t.tag);
        const updated = ctx.api.update({ ...is, spec: { ...is.spec, tags } }, { user: ctx.user });
        ctx.api.updateStatus(
          { ...updated, status: { ...updated.status, tags: statusTags } },
          { user: ctx.user },
        );
        ctx.print(`Deleted tag ${ns}/${t.stream}:${t.tag}.\n`);
      }
      return 0;
    }
    if (inv.args.length < 2)
      throw usageError(
        inv.path,
        'you must specify a source and at least one destination or one or more tags to delete',
      );
    const [source, ...dests] = inv.args;
    const kind = inv.flags.str('source');
    const external =
      kind === 'docker' ||
      (!kind && /[./].*\//.test(source)) ||
      (!kind && source.includes('.') && source.includes('/'));
    let from: { kind: string; name: string; namespace?: string };
    let shown: string;
    if (external) {
      from = { kind: 'DockerImage', name: source };
      shown = source;
    } else if (source.includes('@') || kind === 'imagestreamimage' || kind === 'isimage') {
      // An ImageStreamImage (`app@sha256:...`): that exact image of the stream's history.
      const slash = source.indexOf('/');
      const srcNs = slash >= 0 ? source.slice(0, slash) : undefined;
      const [stream, digest = ''] = (slash >= 0 ? source.slice(slash + 1) : source).split('@');
      const ns = srcNs ?? ctx.namespace;
      const is = ctx.api.tryGet(IMAGE_STREAMS, ns, stream);
      const known = (is?.status?.tags ?? []).some((t: { items?: { image: string }[] | null }) =>
        (t.items ?? []).some((i) => i.image === digest),
      );
      if (!known)
        throw new StatusError(
          404,
          'NotFound',
          `imagestreamimages.image.openshift.io "${stream}@${digest}" not found`,
        );
      from = { kind: 'ImageStreamImage', name: `${stream}@${digest}`, ...(srcNs ? { namespace: ns } : {}) };
      shown = source;
    } else {
      const s = splitStreamTag(source);
      const ns = s.namespace ?? ctx.namespace;
      const item = latestItem(ctx.api.tryGet(IMAGE_STREAMS, ns, s.stream), s.tag);
      if (!item)
        throw new CliError(
          `"${s.stream}:${s.tag}" is not currently pointing to an image, cannot use it as the source of a tag`,
        );
      if (inv.flags.bool('alias')) {
        from = {
          kind: 'ImageStreamTag',
          name: `${s.stream}:${s.tag}`,
          ...(s.namespace ? { namespace: ns } : {}),
        };
        shown = `${s.stream}:${s.tag}`;
      } else {
        from = {
          kind: 'ImageStreamImage',
          name: `${s.stream}@${item.image}`,
          ...(s.namespace ? { namespace: ns } : {}),
        };
        shown = `${s.namespace ? `${ns}/` : ''}${s.stream}@${item.image}`;
      }
    }
    for (const d of dests) {
      const t = splitStreamTag(d);
      setSpecTag(ctx, t.namespace ?? ctx.namespace, t.stream, t.tag, from);
      // The API server resolves in-cluster references as part of the write: usable at once.
      if (from.kind !== 'DockerImage')
        syncImageStream(ctx.engine, t.namespace ?? ctx.namespace, t.stream, true);
      const name = `${t.namespace ? `${t.namespace}/` : ''}${t.stream}:${t.tag}`;
      ctx.print(
        inv.flags.bool('alias')
          ? `Tag ${name} set up to track ${shown}.\n`
          : `Tag ${name} set to ${shown}.\n`,
      );
    }
    return 0;
  },
};

export const importImage: Command = {
  name: 'import-image',
  short: 'Import images from a container image registry',
  usage: 'import-image IMAGESTREAM[:TAG] [flags]',
  flags: [
    { name: 'from', type: 'string', default: '', usage: 'A Docker image repository to import images from' },
    {
      name: 'confirm',
      type: 'bool',
      default: false,
      usage: 'If true, allow the image stream import location to be set or changed',
    },
    {
      name: 'all',
      type: 'bool',
      default: false,
      usage: 'If true, import all tags from the provided source on creation or if --from is specified',
    },
  ],
  run(ctx, inv) {
    const [arg] = inv.args;
    if (!arg) throw usageError(inv.path, 'you must specify the name of an image stream');
    const t = splitStreamTag(arg);
    const existing = ctx.api.tryGet(IMAGE_STREAMS, ctx.namespace, t.stream);
    let from = inv.flags.str('from');
    if (!existing && !from) throw new CliError(`imagestreams.image.openshift.io "${t.stream}" not found`);
    if (!existing && !inv.flags.bool('confirm'))
      throw new CliError(
        `the tag "${t.tag}" does not exist on the image stream - choose an existing tag to import or use the 'confirm' flag to create a new tag`,
      );
    if (!from) {
      const spec = (existing?.spec?.tags ?? []).find((x: { name: string }) => x.name === t.tag);
      if (spec?.from?.kind !== 'DockerImage')
        throw new CliError(`tag "${t.tag}" has not been defined on image stream ${t.stream}`);
      from = spec.from.name;
    }
    if (!/:[^/]+$/.test(from) && !from.includes('@')) from = `${from}:${t.tag}`;
    setSpecTag(ctx, ctx.namespace, t.stream, t.tag, { kind: 'DockerImage', name: from });
    ctx.cluster.advance(300);
    const is = ctx.api.get(IMAGE_STREAMS, ctx.namespace, t.stream);
    const item = latestItem(is, t.tag);
    if (!item) {
      const cond = (is.status?.tags ?? []).find((x: { tag: string }) => x.tag === t.tag)?.conditions?.[0];
      throw new CliError(`tag ${t.tag} failed: ${cond?.message ?? 'import failed'}`);
    }
    ctx.print(`imagestream.image.openshift.io/${t.stream} ${existing ? 'imported' : 'imported'}\n\n`);
    ctx.print(describeStream(ctx, is));
    return 0;
  },
};

/** The summary part of `oc describe is` (what import-image prints after importing). */
export function describeStream(ctx: CommandContext, is: StoredObject): string {
  const now = ctx.cluster.clock.now();
  const tags: { tag: string; items: { dockerImageReference: string; created: string }[] }[] =
    is.status?.tags ?? [];
  const unique = new Set(tags.flatMap((t) => (t.items ?? []).map((i) => i.dockerImageReference)));
  let out =
    `Name:\t\t\t${is.metadata.name}\n` +
    `Namespace:\t\t${is.metadata.namespace}\n` +
    `Created:\t\t${humanDuration(now, is.metadata.creationTimestamp)} ago\n` +
    'Labels:\t\t\t<none>\n' +
    `Image Repository:\t${is.status?.dockerImageRepository ?? ''}\n` +
    `Image Lookup:\t\tlocal=${is.spec?.lookupPolicy?.local ? 'true' : 'false'}\n` +
    `Unique Images:\t\t${unique.size}\n` +
    `Tags:\t\t\t${tags.length}\n\n`;
  for (const t of tags) {
    const spec = (is.spec?.tags ?? []).find((x: { name: string }) => x.name === t.tag);
    out += `${t.tag}\n`;
    if (spec?.from?.kind === 'DockerImage') out += `  tagged from ${spec.from.name}\n`;
    out += '\n';
    (t.items ?? []).forEach((i, n) => {
      out += `  ${n === 0 ? '*' : ' '} ${i.dockerImageReference}\n      ${humanDuration(now, i.created)} ago\n`;
    });
    out += '\n';
  }
  return out;
}
