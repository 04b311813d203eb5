/**
 * Starting a build from a BuildConfig (what `oc start-build`, triggers and webhooks all do): the next
 * version number, a Build `<bc>-<n>` owned by the BuildConfig with its spec copied from the config, and
 * `status.lastVersion` bumped.
 */
import { notFound } from '../api/errors';
import type { KObject, StoredObject } from '../api/types';
import { type EngineContext, service } from '../context';
import type { BuildLogs } from './build-controller';
import type { GitServer } from './repos';

export const BUILD_CONFIGS = 'buildconfigs.build.openshift.io';
export const BUILDS = 'builds.build.openshift.io';
export const BUILD_CONFIG_LABEL = 'openshift.io/build-config.name';
export const BUILD_NUMBER_ANNOTATION = 'openshift.io/build.number';

export interface BuildCause {
  message: string;
  imageChangeBuild?: { imageID: string; fromRef: { kind: string; name: string; namespace?: string } };
  webhook?: { type: 'GitHub' | 'Generic' | 'GitLab'; secret: string };
  /** A specific commit (`oc start-build --commit`). */
  commit?: string;
  /** Binary input (`oc start-build --from-dir/--from-file`): replaces the Git source. */
  binary?: { asFile?: string; files: Record<string, string> };
}

/** The BuildTriggerCause field of each webhook type. */
const WEBHOOK_CAUSE = {
  GitHub: 'githubWebHook',
  GitLab: 'gitlabWebHook',
  Generic: 'genericWebHook',
} as const;

export function strategyType(strategy: KObject['spec']): 'Source' | 'Docker' | 'Custom' {
  if (strategy?.type) return strategy.type;
  if (strategy?.dockerStrategy) return 'Docker';
  if (strategy?.customStrategy) return 'Custom';
  return 'Source';
}

/** Create the next Build of a BuildConfig; returns it. */
export function instantiateBuild(
  ctx: EngineContext,
  namespace: string,
  name: string,
  cause: BuildCause,
): StoredObject {
  const bc = ctx.api.tryGet(BUILD_CONFIGS, namespace, name);
  if (!bc) throw notFound('buildconfigs.build.openshift.io', name);
  const version = (bc.status?.lastVersion ?? 0) + 1;
  const buildName = `${name}-${version}`;
  const git = service<GitServer>(ctx, 'openshift-git');
  const spec = bc.spec ?? {};
  const repo = spec.source?.git?.uri && !cause.binary ? git.get(spec.source.git.uri) : undefined;
  const commit = cause.commit
    ? repo?.commits.find((c) => c.sha.startsWith(cause.commit ?? ''))
    : repo?.commits[0];
  const revision = commit
    ? {
        type: 'Git',
        git: {
          commit: commit.sha,
          author: { name: commit.author.replace(/ <.*$/, ''), email: commit.author.replace(/^.*<|>$/g, '') },
          committer: {},
          message: commit.message,
        },
      }
    : undefined;
  const triggeredBy = [
    {
      message: cause.message,
      ...(cause.imageChangeBuild ? { imageChangeBuild: cause.imageChangeBuild } : {}),
      ...(cause.webhook ? { [WEBHOOK_CAUSE[cause.webhook.type]]: { secret: '<secret>', revision } } : {}),
    },
  ];
  const build: KObject = {
    apiVersion: 'build.openshift.io/v1',
    kind: 'Build',
    metadata: {
      name: buildName,
      namespace,
      labels: {
        ...(bc.metadata.labels ?? {}),
        buildconfig: name,
        [BUILD_CONFIG_LABEL]: name,
        'openshift.io/build.start-policy': spec.runPolicy ?? 'Serial',
      },
      annotations: { [BUILD_CONFIG_LABEL]: name, [BUILD_NUMBER_ANNOTATION]: String(version) },
      ownerReferences: [
        {
          apiVersion: 'build.openshift.io/v1',
          kind: 'BuildConfig',
          name,
          uid: bc.metadata.uid,
          controller: true,
        },
      ],
    },
    spec: {
      serviceAccount: spec.serviceAccount ?? 'builder',
      source: cause.binary
        ? {
            type: 'Binary',
            binary: cause.binary.asFile ? { asFile: cause.binary.asFile } : {},
            ...(spec.source?.contextDir ? { contextDir: spec.source.contextDir } : {}),
          }
        : (spec.source ?? {}),
      strategy: { ...spec.strategy, type: strategyType(spec.strategy) },
      output: spec.output ?? {},
      resources: spec.resources ?? {},
      postCommit: spec.postCommit ?? {},
      nodeSelector: spec.nodeSelector ?? null,
      ...(revision ? { revision } : {}),
      triggeredBy,
    },
    status: {
      phase: 'New',
      config: { kind: 'BuildConfig', namespace, name },
      outputDockerImageReference: outputReference(namespace, spec.output),
    },
  };
  const created = ctx.api.create(build, { internal: true });
  if (cause.binary)
    service<BuildLogs>(ctx, 'openshift-builds').binaryInputs.set(
      `${namespace}/${buildName}`,
      cause.binary.files,
    );
  ctx.api.updateStatus({ ...bc, status: { ...bc.status, lastVersion: version } }, { internal: true });
  return created;
}

/** `image-registry.openshift-image-registry.svc:5000/<ns>/<stream>:<tag>` for an ImageStreamTag output. */
export function outputReference(namespace: string, output: KObject['spec'] | undefined): string | undefined {
  const to = output?.to;
  if (!to) return undefined;
  if (to.kind === 'DockerImage') return to.name;
  const [stream, tag = 'latest'] = String(to.name).split(':');
  return `image-registry.openshift-image-registry.svc:5000/${to.namespace || namespace}/${stream}:${tag}`;
}
