/**
 * `oc new-app`: from an image (`nginx`), a builder and a repository (`nodejs~https://...`), or a repository
 * alone (a Dockerfile in it means a Docker build, otherwise the language picks the S2I builder). Creates
 * the ImageStreams, BuildConfig, Deployment (with the `image.openshift.io/triggers` annotation) and
 * Service, and prints oc's report.
 */
import { StatusError } from '../../engine/api/errors';
import type { KObject } from '../../engine/api/types';
import { service } from '../../engine/context';
import type { ImageCatalog } from '../../engine/images';
import { S2I_BUILDERS } from '../../engine/images/catalog-openshift';
import { IMAGE_STREAMS, latestItem } from '../../engine/openshift/registry';
import type { GitServer } from '../../engine/openshift/repos';
import type { Command, CommandContext } from '../command';
import { CliError, usageError } from '../errors';
import { createAll, describePlan } from './new-app-report';
import { newAppFromTemplate } from './templates';

const GENERATED_BY = { 'openshift.io/generated-by': 'OpenShiftNewApp' };

export interface Plan {
  name: string;
  builderRepo: string;
  builderStream: string;
  builderLabel: string;
  source?: string;
  strategy?: 'Source' | 'Docker';
  ports: number[];
  /** The builder is a tag of an existing ImageStream (`openshift/nodejs:22-ubi9`): no stream is created for it. */
  streamRef?: { namespace: string; stream: string; tag: string; image: string };
  /** The language was detected from the repository (not given as `builder~repo`). */
  detected?: boolean;
  /** `oc new-build --binary`: the source is uploaded with `oc start-build --from-dir`. */
  binary?: boolean;
}

/** `nodejs` or `nodejs:20-ubi9` as a tag of an ImageStream in the project or `openshift`, aliases followed. */
export function findStreamTag(ctx: CommandContext, word: string): Plan['streamRef'] {
  const [stream, given] = word.split(':');
  for (const namespace of [ctx.namespace, 'openshift']) {
    const is = ctx.api.tryGet(IMAGE_STREAMS, namespace, stream);
    if (!is) continue;
    let tag = given ?? 'latest';
    const spec = (is.spec?.tags ?? []).find((t: { name: string }) => t.name === tag);
    if (spec?.from?.kind === 'ImageStreamTag' && !String(spec.from.name).includes(':')) tag = spec.from.name;
    const item = latestItem(is, tag);
    if (item) return { namespace, stream, tag, image: item.image };
  }
  return undefined;
}

function resolveBuilder(word: string): { repo: string; stream: string } {
  const known = S2I_BUILDERS[word.replace(/:.*$/, '')];
  if (known) return { repo: known.repository, stream: word.replace(/:.*$/, '') };
  const repo = word.replace(/:[^/:]+$/, '');
  return { repo, stream: repo.split('/').pop() ?? repo };
}

export function plan(ctx: CommandContext, arg: string, nameFlag: string): Plan {
  const git = service<GitServer>(ctx.engine, 'openshift-git');
  const images = service<ImageCatalog>(ctx.engine, 'images');
  const tilde = arg.indexOf('~');
  if (tilde > 0 || /^https?:\/\//.test(arg)) {
    const source = tilde > 0 ? arg.slice(tilde + 1) : arg;
    const repo = git.get(source);
    if (!repo) throw new CliError(`unable to load build source from "${source}": repository not found`);
    const name =
      nameFlag ||
      source
        .replace(/\.git$/, '')
        .replace(/\/$/, '')
        .split('/')
        .pop() ||
      'app';
    if (tilde < 0 && repo.dockerfile) {
      const from = /^FROM\s+(\S+)/m.exec(repo.dockerfile)?.[1] ?? S2I_BUILDERS.ruby.repository;
      const b = resolveBuilder(from);
      return {
        name,
        builderRepo: b.repo,
        builderStream: b.stream,
        builderLabel: from,
        source: repo.url,
        strategy: 'Docker',
        ports: [8080],
      };
    }
    const word = tilde > 0 ? arg.slice(0, tilde) : repo.language;
    const streamRef = findStreamTag(ctx, word);
    if (streamRef) {
      const builder = S2I_BUILDERS[streamRef.stream] ?? S2I_BUILDERS.nodejs;
      return {
        name,
        builderRepo: builder.repository,
        builderStream: streamRef.stream,
        builderLabel: word,
        source: repo.url,
        strategy: 'Source',
        ports: [8080],
        streamRef,
        detected: tilde < 0,
      };
    }
    const b = resolveBuilder(word);
    if (!images.resolve(`${b.repo}:latest`).ok)
      throw new CliError(
        `unable to locate any images in image streams, local docker images with name "${word}"`,
      );
    return {
      name,
      builderRepo: b.repo,
      builderStream: b.stream,
      builderLabel: word,
      source: repo.url,
      strategy: 'Source',
      ports: [8080],
    };
  }
  // `app:dev`: a tag of an image stream in the project (or `openshift`) is deployed from the stream.
  const tagged = arg.includes('/') ? undefined : findStreamTag(ctx, arg);
  if (tagged) {
    const item = latestItem(ctx.api.tryGet(IMAGE_STREAMS, tagged.namespace, tagged.stream), tagged.tag);
    const ri = item ? images.resolve(item.dockerImageReference) : undefined;
    let ports: number[] = [];
    try {
      ports = ri?.ok
        ? (ri.profile.server?.ports({ env: ri.profile.env, args: ri.profile.cmd } as never) ?? [])
        : [];
    } catch {
      ports = [];
    }
    return {
      name: nameFlag || tagged.stream,
      builderRepo: item?.dockerImageReference ?? '',
      builderStream: tagged.stream,
      builderLabel: arg,
      ports,
      streamRef: tagged,
    };
  }
  const r = images.resolve(arg);
  if (!r.ok) {
    throw new CliError(
      ` local file access failed with: stat ${arg}: no such file or directory\nerror: unable to locate any images in image streams, templates loaded in accessible projects, template files, local docker images with name "${arg}"\n\n` +
        `Argument '${arg}' was classified as an image, image~source, or loaded template reference.\n\n` +
        "The 'oc new-app' command will match arguments to the following types:\n\n" +
        "  1. Images tagged into image streams in the current project or the 'openshift' project\n" +
        "     - if you don't specify a tag, we'll add ':latest'\n" +
        '  2. Images in the container storage, on remote registries, or on the local container engine\n' +
        "  3. Templates in the current project or the 'openshift' project\n" +
        '  4. Git repository URLs or local paths that point to Git repositories\n\n' +
        '--allow-missing-images can be used to point to an image that does not exist yet.\n\n' +
        "See 'oc new-app -h' for examples.",
    );
  }
  const stream = r.ref.path.split('/').pop() ?? arg;
  let ports: number[] = [];
  try {
    ports = r.profile.server?.ports({ env: r.profile.env, args: r.profile.cmd } as never) ?? [];
  } catch {
    ports = [];
  }
  return {
    name: nameFlag || stream,
    builderRepo: r.ref.repository,
    builderStream: stream,
    builderLabel: arg,
    ports,
  };
}

export function objects(
  ctx: CommandContext,
  p: Plan,
  tagOf: string,
  labels: Record<string, string> = {
    app: p.name,
    'app.kubernetes.io/component': p.name,
    'app.kubernetes.io/instance': p.name,
  },
): KObject[] {
  const ns = ctx.namespace;
  const meta = (name: string) => ({ name, namespace: ns, labels, annotations: GENERATED_BY });
  const out: KObject[] = [];
  if (!p.streamRef) {
    out.push({
      apiVersion: 'image.openshift.io/v1',
      kind: 'ImageStream',
      metadata: meta(p.builderStream),
      spec: {
        lookupPolicy: { local: false },
        tags: [
          {
            name: 'latest',
            from: { kind: 'DockerImage', name: `${p.builderRepo}:${tagOf}` },
            referencePolicy: { type: 'Source' },
            importPolicy: {},
          },
        ],
      },
    });
  }
  const appStream = p.source || p.binary ? p.name : p.builderStream;
  if (p.source || p.binary) {
    out.push({
      apiVersion: 'image.openshift.io/v1',
      kind: 'ImageStream',
      metadata: meta(p.name),
      spec: { lookupPolicy: { local: false } },
    });
    const from = p.streamRef
      ? {
          kind: 'ImageStreamTag',
          namespace: p.streamRef.namespace,
          name: `${p.streamRef.stream}:${p.streamRef.tag}`,
        }
      : { kind: 'ImageStreamTag', name: `${p.builderStream}:latest` };
    out.push({
      apiVersion: 'build.openshift.io/v1',
      kind: 'BuildConfig',
      metadata: meta(p.name),
      spec: {
        source: p.binary ? { type: 'Binary', binary: {} } : { type: 'Git', git: { uri: p.source } },
        strategy:
          p.strategy === 'Docker'
            ? { type: 'Docker', dockerStrategy: p.builderStream ? { from } : {} }
            : { type: 'Source', sourceStrategy: { from } },
        output: { to: { kind: 'ImageStreamTag', name: `${p.name}:latest` } },
        // A binary build needs its upload, so `--binary` disables the triggers.
        triggers: p.binary
          ? []
          : [
              { type: 'GitHub', github: { secret: secretFor(ctx, 'gh') } },
              { type: 'Generic', generic: { secret: secretFor(ctx, 'gen') } },
              { type: 'ConfigChange' },
              { type: 'ImageChange', imageChange: {} },
            ],
        runPolicy: 'Serial',
      },
    });
  }
  // Deployed from an existing stream tag (`oc new-app app:dev`): the trigger follows that tag.
  const deployedTag =
    p.streamRef && !p.source && !p.binary
      ? {
          kind: 'ImageStreamTag',
          name: `${p.streamRef.stream}:${p.streamRef.tag}`,
          ...(p.streamRef.namespace !== ns ? { namespace: p.streamRef.namespace } : {}),
        }
      : { kind: 'ImageStreamTag', name: `${appStream}:latest` };
  const trigger = JSON.stringify([
    {
      from: deployedTag,
      fieldPath: `spec.template.spec.containers[?(@.name=="${p.name}")].image`,
    },
  ]);
  out.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...meta(p.name), annotations: { ...GENERATED_BY, 'image.openshift.io/triggers': trigger } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { deployment: p.name } },
      template: {
        metadata: { labels: { deployment: p.name }, annotations: GENERATED_BY },
        spec: {
          containers: [
            { name: p.name, image: ' ', ports: p.ports.map((n) => ({ containerPort: n, protocol: 'TCP' })) },
          ],
        },
      },
    },
  });
  if (p.ports.length) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(p.name),
      spec: {
        ports: p.ports.map((n) => ({ name: `${n}-tcp`, port: n, protocol: 'TCP', targetPort: n })),
        selector: { deployment: p.name },
      },
    });
  }
  return out;
}

function secretFor(ctx: CommandContext, salt: string): string {
  return `${salt}${ctx.rng.string(18, 'abcdefghijklmnopqrstuvwxyz0123456789')}`.slice(0, 20);
}

export const newApp: Command = {
  name: 'new-app',
  short: 'Create a new application',
  usage: 'new-app (IMAGE | IMAGESTREAM | TEMPLATE | PATH | URL ...) [flags]',
  flags: [
    {
      name: 'name',
      type: 'string',
      default: '',
      usage: 'Set name to use for generated application artifacts',
    },
    {
      name: 'strategy',
      type: 'string',
      default: '',
      usage: "Specify the build strategy to use if you don't want to detect (docker|pipeline|source).",
    },
    {
      name: 'file',
      short: 'f',
      type: 'string',
      default: '',
      usage: 'Path to a template file to use for the app.',
    },
    { name: 'template', type: 'string', default: '', usage: 'Name of a stored template to use in the app.' },
    {
      name: 'param',
      short: 'p',
      type: 'stringArray',
      default: '',
      usage: 'Specify a key-value pair (e.g., -p FOO=BAR) to set/override a parameter value in the template.',
    },
  ],
  run(ctx, inv) {
    const [arg] = inv.args;
    const templates = 'templates.template.openshift.io';
    const stored =
      arg && (ctx.api.tryGet(templates, ctx.namespace, arg) || ctx.api.tryGet(templates, 'openshift', arg));
    const templateName = inv.flags.str('template') || (stored ? arg : '');
    if (inv.flags.str('file') || templateName) {
      return newAppFromTemplate(ctx, inv.flags.str('file'), templateName, inv.flags.list('param'));
    }
    if (!arg)
      throw usageError(
        inv.path,
        'You must specify one or more images, image streams, templates, or source code locations to create an application.',
      );
    if (!ctx.api.tryGet('namespaces', undefined, ctx.namespace))
      throw new StatusError(404, 'NotFound', `namespaces "${ctx.namespace}" not found`);
    const p = plan(ctx, arg, inv.flags.str('name'));
    if (inv.flags.str('strategy') === 'docker' && p.source) p.strategy = 'Docker';
    const images = service<ImageCatalog>(ctx.engine, 'images');
    const tagOf =
      p.builderLabel.includes(':') && !p.builderLabel.includes('/')
        ? (p.builderLabel.split(':')[1] ?? 'latest')
        : 'latest';
    const r = images.resolve(`${p.builderRepo}:${tagOf}`);
    const out = describePlan(
      p,
      p.streamRef ? p.streamRef.image.slice(7, 14) : r.ok ? r.tag.digest.slice(7, 14) : '0000000',
      true,
    );
    out.push('', '--> Creating resources ...');
    createAll(ctx, objects(ctx, p, tagOf), p, out);
    out.push('--> Success');
    if (p.source)
      out.push(`    Build scheduled, use 'oc logs -f buildconfig/${p.name}' to track its progress.`);
    if (p.ports.length) {
      out.push(
        '    Application is not exposed. You can expose services to the outside world by executing one or more of the commands below:',
        `     'oc expose service/${p.name}' `,
      );
    }
    out.push("    Run 'oc status' to see your app and the services it exposes.");
    ctx.print(`${out.join('\n')}\n`);
    return 0;
  },
};
