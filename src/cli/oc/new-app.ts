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
import type { GitServer } from '../../engine/openshift/repos';
import type { Command, CommandContext } from '../command';
import { CliError, usageError } from '../errors';

const GENERATED_BY = { 'openshift.io/generated-by': 'OpenShiftNewApp' };

interface Plan {
  name: string;
  builderRepo: string;
  builderStream: string;
  builderLabel: string;
  source?: string;
  strategy?: 'Source' | 'Docker';
  ports: number[];
}

function resolveBuilder(word: string): { repo: string; stream: string } {
  const known = S2I_BUILDERS[word.replace(/:.*$/, '')];
  if (known) return { repo: known.repository, stream: word.replace(/:.*$/, '') };
  const repo = word.replace(/:[^/:]+$/, '');
  return { repo, stream: repo.split('/').pop() ?? repo };
}

function plan(ctx: CommandContext, arg: string, nameFlag: string): Plan {
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
  const r = images.resolve(arg);
  if (!r.ok) {
    throw new CliError(
      `unable to locate any images in image streams, templates loaded in accessible projects, template files, local docker images with name "${arg}"\n\n` +
        "Argument 'arg' was classified as an image, image~source, or loaded template reference.\n\n" +
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

function objects(ctx: CommandContext, p: Plan, tagOf: string): KObject[] {
  const ns = ctx.namespace;
  const labels = { app: p.name, 'app.kubernetes.io/component': p.name, 'app.kubernetes.io/instance': p.name };
  const meta = (name: string) => ({ name, namespace: ns, labels, annotations: GENERATED_BY });
  const out: KObject[] = [
    {
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
    },
  ];
  const appStream = p.source ? p.name : p.builderStream;
  if (p.source) {
    out.push({
      apiVersion: 'image.openshift.io/v1',
      kind: 'ImageStream',
      metadata: meta(p.name),
      spec: { lookupPolicy: { local: false } },
    });
    const from = { kind: 'ImageStreamTag', name: `${p.builderStream}:latest` };
    out.push({
      apiVersion: 'build.openshift.io/v1',
      kind: 'BuildConfig',
      metadata: meta(p.name),
      spec: {
        source: { type: 'Git', git: { uri: p.source } },
        strategy:
          p.strategy === 'Docker'
            ? { type: 'Docker', dockerStrategy: { from } }
            : { type: 'Source', sourceStrategy: { from } },
        output: { to: { kind: 'ImageStreamTag', name: `${p.name}:latest` } },
        triggers: [
          { type: 'GitHub', github: { secret: secretFor(ctx, 'gh') } },
          { type: 'Generic', generic: { secret: secretFor(ctx, 'gen') } },
          { type: 'ConfigChange' },
          { type: 'ImageChange', imageChange: {} },
        ],
        runPolicy: 'Serial',
      },
    });
  }
  const trigger = JSON.stringify([
    {
      from: { kind: 'ImageStreamTag', name: `${appStream}:latest` },
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

const RESOURCE_NAMES: Record<string, string> = {
  ImageStream: 'imagestream.image.openshift.io',
  BuildConfig: 'buildconfig.build.openshift.io',
  Deployment: 'deployment.apps',
  Service: 'service',
};

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
  ],
  run(ctx, inv) {
    const [arg] = inv.args;
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
    const short = r.ok ? r.tag.digest.slice(7, 14) : '0000000';
    const out: string[] = [];
    out.push(
      `--> Found container image ${short} (2 weeks old) from ${hostOf(p.builderRepo)} for "${p.builderLabel}"`,
      '',
    );
    const b = Object.values(S2I_BUILDERS).find((x) => x.repository === p.builderRepo);
    if (b) {
      const title = `${b.runtime} ${b.version}`;
      out.push(
        `    ${title} `,
        `    ${'-'.repeat(title.length)} `,
        `    ${b.runtime} ${b.version} available as container is a base platform for building and running various ${b.runtime} ${b.version} applications and frameworks.`,
        '',
      );
      out.push(`    Tags: builder, ${p.builderStream}`, '');
    }
    out.push(
      `    * An image stream tag will be created as "${p.builderStream}:latest" that will track ${p.source ? 'the source image' : 'this image'}`,
    );
    if (p.source) {
      out.push(
        `    * A ${p.strategy === 'Docker' ? 'Docker' : 'source'} build using source code from ${p.source} will be created`,
      );
      out.push(`      * The resulting image will be pushed to image stream tag "${p.name}:latest"`);
      out.push(`      * Every time "${p.builderStream}:latest" changes a new build will be triggered`);
    }
    out.push('', '--> Creating resources ...');
    for (const o of objects(ctx, p, tagOf)) {
      const rt = ctx.api.typeOf(o);
      const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
      const exists = ctx.api.tryGet(resource, ctx.namespace, String(o.metadata.name));
      if (exists && o.kind === 'ImageStream' && o.metadata.name === p.builderStream) {
        out.push(`    ${RESOURCE_NAMES[o.kind]} "${o.metadata.name}" already exists`);
        continue;
      }
      ctx.api.create(o, { user: ctx.user });
      out.push(`    ${RESOURCE_NAMES[o.kind]} "${o.metadata.name}" created`);
    }
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

function hostOf(repo: string): string {
  return repo.startsWith('docker.io/library/') ? repo.slice('docker.io/library/'.length) : repo;
}
