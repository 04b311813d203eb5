/** `oc new-build`: the ImageStream(s) and BuildConfig of `oc new-app`, without the Deployment and Service. */
import { service } from '../../engine/context';
import type { ImageCatalog } from '../../engine/images';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, usageError } from '../errors';
import { findStreamTag, objects, type Plan, plan } from './new-app';
import { createAll, describePlan } from './new-app-report';

/** `oc new-build [IMAGESTREAM] --binary`: a BuildConfig whose source `oc start-build --from-dir` uploads. */
function binaryBuild(ctx: CommandContext, from: string, inv: Invocation): number {
  const docker = inv.flags.str('strategy') === 'docker';
  const name = inv.flags.str('name');
  const streamRef = from ? findStreamTag(ctx, from) : undefined;
  if (from && !streamRef)
    throw new CliError(`unable to locate any images in image streams with name "${from}"`);
  if (!name && !streamRef)
    throw new CliError('you must provide a --name for a binary build without a builder image');
  const p: Plan = {
    name: name || (streamRef?.stream ?? 'app'),
    builderRepo: '',
    builderStream: streamRef?.stream ?? '',
    builderLabel: from,
    strategy: docker ? 'Docker' : 'Source',
    ports: [],
    binary: true,
    ...(streamRef ? { streamRef } : {}),
  };
  const out = streamRef ? describePlan(p, streamRef.image.slice(7, 14)) : describePlan(p, '').slice(-3);
  out.push('', `--> Creating resources with label build=${p.name} ...`);
  const objs = objects(ctx, p, 'latest', { build: p.name }).filter(
    (o) => (o.kind === 'ImageStream' && o.metadata.name === p.name) || o.kind === 'BuildConfig',
  );
  createAll(ctx, objs, p, out);
  out.push('--> Success');
  ctx.print(`${out.join('\n')}\n`);
  return 0;
}

export const newBuild: Command = {
  name: 'new-build',
  short: 'Create a new build configuration',
  usage: 'new-build (IMAGE | IMAGESTREAM | PATH | URL ...) [flags]',
  flags: [
    { name: 'name', type: 'string', default: '', usage: 'Set name to use for generated build artifacts' },
    {
      name: 'strategy',
      type: 'string',
      default: '',
      usage: "Specify the build strategy to use if you don't want to detect (docker|pipeline|source).",
    },
    {
      name: 'binary',
      type: 'bool',
      default: false,
      usage:
        'Instead of expecting a source URL, set the build to expect binary contents. Will disable triggers.',
    },
    {
      name: 'image-stream',
      short: 'i',
      type: 'string',
      default: '',
      usage: 'Name of an existing image stream to use to build.',
    },
  ],
  run(ctx, inv) {
    if (inv.flags.bool('binary')) return binaryBuild(ctx, inv.args[0] || inv.flags.str('image-stream'), inv);
    const [arg] = inv.args;
    if (!arg)
      throw usageError(
        inv.path,
        'You must specify one or more images, image streams, or source code locations to create a build configuration.',
      );
    const p = plan(ctx, arg, inv.flags.str('name'));
    if (!p.source)
      throw new CliError(
        'you must specify at least one source repository URL, provide a Dockerfile, or indicate you wish to use binary builds',
      );
    if (inv.flags.str('strategy') === 'docker') p.strategy = 'Docker';
    const r = service<ImageCatalog>(ctx.engine, 'images').resolve(`${p.builderRepo}:latest`);
    const out = describePlan(
      p,
      p.streamRef ? p.streamRef.image.slice(7, 14) : r.ok ? r.tag.digest.slice(7, 14) : '0000000',
    );
    out.push('', `--> Creating resources with label build=${p.name} ...`);
    const objs = objects(ctx, p, 'latest', { build: p.name }).filter(
      (o) => o.kind === 'ImageStream' || o.kind === 'BuildConfig',
    );
    createAll(ctx, objs, p, out);
    out.push('--> Success');
    ctx.print(`${out.join('\n')}\n`);
    return 0;
  },
};
