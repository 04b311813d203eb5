/** The parts of `oc new-app` / `oc new-build` reports: "--> Found ..." and "--> Creating resources ...". */
import type { KObject } from '../../engine/api/types';
import { S2I_BUILDERS } from '../../engine/images/catalog-openshift';
import type { CommandContext } from '../command';
import type { Plan } from './new-app';

const RESOURCE_NAMES: Record<string, string> = {
  ImageStream: 'imagestream.image.openshift.io',
  BuildConfig: 'buildconfig.build.openshift.io',
  Deployment: 'deployment.apps',
  Service: 'service',
};

const RUNTIMES: Record<string, string> = {
  nodejs: 'Node.js',
  python: 'Python',
  ruby: 'Ruby',
  php: 'PHP',
  java: 'Java',
};

/** The "--> Found ..." part of new-app's report: the builder or image, and what will be created. */
/** Create what new-app / new-build planned, reporting each as oc does (an existing builder stream is kept). */
export function createAll(ctx: CommandContext, objs: KObject[], p: Plan, out: string[]): void {
  for (const o of objs) {
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
}

export function describePlan(p: Plan, short: string, deploy = false): string[] {
  const out: string[] = [];
  const ref = p.streamRef;
  if (ref) {
    out.push(
      `--> Found image ${short} (2 weeks old) in image stream "${ref.namespace}/${ref.stream}" under tag "${ref.tag}" for "${p.builderLabel}"`,
      '',
    );
    const version = ref.tag.replace(/-ubi\d+$/, '').replace(/^openjdk-/, '');
    const title = `${RUNTIMES[ref.stream] ?? ref.stream} ${version}`;
    // A builder stream's image describes itself; an application's own stream tag has no such block.
    if (RUNTIMES[ref.stream] || p.source || p.binary)
      out.push(
        `    ${title}`,
        `    ${'-'.repeat(title.length)}`,
        `    ${title} available as container is a base platform for building and running various ${title} applications and frameworks.`,
        '',
        `    Tags: builder, ${ref.stream}, ${ref.stream}${version.replace(/\./g, '')}`,
        '',
      );
    if (p.detected) out.push(`    * The source repository appears to match: ${ref.stream}`);
  } else {
    out.push(
      `--> Found container image ${short} (2 weeks old) from ${hostOf(p.builderRepo)} for "${p.builderLabel}"`,
      '',
    );
    const b = Object.values(S2I_BUILDERS).find((x) => x.repository === p.builderRepo);
    if (b) {
      const title = `${b.runtime} ${b.version}`;
      out.push(
        `    ${title}`,
        `    ${'-'.repeat(title.length)}`,
        `    ${title} available as container is a base platform for building and running various ${title} applications and frameworks.`,
        '',
        `    Tags: builder, ${p.builderStream}`,
        '',
      );
    }
    out.push(
      `    * An image stream tag will be created as "${p.builderStream}:latest" that will track ${p.source ? 'the source image' : 'this image'}`,
    );
  }
  if (p.binary) {
    out.push(
      `    * A ${p.strategy === 'Docker' ? 'Docker' : 'source'} build using binary input will be created`,
      `      * The resulting image will be pushed to image stream tag "${p.name}:latest"`,
      "      * A binary build was created, use 'oc start-build --from-dir' to trigger a new build",
    );
  }
  if (p.source) {
    out.push(
      `    * A ${p.strategy === 'Docker' ? 'Docker' : 'source'} build using source code from ${p.source} will be created`,
    );
    out.push(`      * The resulting image will be pushed to image stream tag "${p.name}:latest"`);
    out.push(
      ref
        ? "      * Use 'oc start-build' to trigger a new build"
        : `      * Every time "${p.builderStream}:latest" changes a new build will be triggered`,
    );
  }
  if (deploy) {
    out.push(`    * This image will be deployed in deployment "${p.name}"`);
    for (const port of p.ports)
      out.push(`    * Port ${port}/tcp will be load balanced by service "${p.name}"`);
    if (p.ports.length)
      out.push(`      * Other containers can access this service through the hostname "${p.name}"`);
  }
  return out;
}

function hostOf(repo: string): string {
  return repo.startsWith('docker.io/') ? 'Docker Hub' : repo;
}
