/**
 * The build controller: a New build gets its build pod `<build>-build` (scheduled like any pod) once its
 * run policy allows; the pod's phase drives the build's (Pending → Running → Complete/Failed, Error when
 * the pod vanishes, Cancelled on request); on success the image is pushed to the output ImageStreamTag.
 * BuildConfigs start a build on ConfigChange and on ImageChange of their builder image, and prune history.
 */
import type { StoredObject } from '../api/types';
import { type EngineContext, service } from '../context';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';
import { builtAppProfile, S2I_BUILDERS } from '../images/catalog-openshift';
import { parseISO } from '../sim/clock';
import { buildLog, type LogLine } from './build-log';
import { BUILD_CONFIG_LABEL, BUILD_CONFIGS, BUILDS, instantiateBuild, strategyType } from './instantiate';
import { runPostCommitHook } from './post-commit';
import { IMAGE_STREAMS, latestItem, newDigest, pushImage } from './registry';
import type { GitServer } from './repos';

const TERMINAL = new Set(['Complete', 'Failed', 'Error', 'Cancelled']);
export const BUILD_POD_LABEL = 'openshift.io/build.name';

/** Build logs kept by the build service (engine service 'openshift-builds'). */
export class BuildLogs {
  /** Per build: its log lines, when its pod started, and why it will fail (a postCommit hook). */
  readonly logs = new Map<
    string,
    { lines: LogLine[]; startedAtMs?: number; failure?: { reason: string; message: string } }
  >();

  /** The files uploaded as binary input, by `namespace/build` (what the build and its hook see). */
  readonly binaryInputs = new Map<string, Record<string, string>>();

  /** The lines written by `nowMs` (all of them once the build finished). */
  visible(namespace: string, build: string, nowMs: number): LogLine[] {
    const l = this.logs.get(`${namespace}/${build}`);
    if (!l || l.startedAtMs === undefined) return [];
    return l.lines.filter((x) => l.startedAtMs !== undefined && l.startedAtMs + x.atMs <= nowMs);
  }

  get(namespace: string, build: string) {
    return this.logs.get(`${namespace}/${build}`);
  }
}

export class BuildController {
  private readonly builds: WorkQueue;
  private readonly configs: WorkQueue;
  /** Configs to re-check after an image stream changed (the trigger controller's own, slightly later, pass). */
  private readonly imageChanges: WorkQueue;

  constructor(
    private readonly ctx: EngineContext,
    private readonly logs: BuildLogs,
  ) {
    this.builds = new WorkQueue(ctx.clock, 'openshift-builds', (k) => this.reconcileBuild(k), 10);
    // A new BuildConfig starts its first build at once (oc new-app then says "Build scheduled").
    this.configs = new WorkQueue(ctx.clock, 'openshift-buildconfigs', (k) => this.reconcileConfig(k), 0);
    this.imageChanges = new WorkQueue(
      ctx.clock,
      'openshift-build-image-triggers',
      (k) => this.reconcileConfig(k),
      10,
    );
    ctx.api.watch(BUILDS, undefined, (e) => {
      this.builds.add(keyOf(e.object));
      const bc = e.object.metadata.labels?.[BUILD_CONFIG_LABEL];
      if (bc) {
        this.configs.add(`${e.object.metadata.namespace}/${bc}`);
        // A finished build lets the next queued one of a Serial config start.
        for (const b of this.buildsOf(e.object.metadata.namespace ?? '', bc)) this.builds.add(keyOf(b));
      }
    });
    ctx.api.watch('pods', undefined, (e) => {
      const build = e.object.metadata.labels?.[BUILD_POD_LABEL];
      if (build) this.builds.add(`${e.object.metadata.namespace}/${build}`);
    });
    ctx.api.watch(BUILD_CONFIGS, undefined, (e) => {
      if (e.type !== 'DELETED') this.configs.add(keyOf(e.object));
    });
    // A stream's new image re-checks the configs of its namespace and those elsewhere that build from
    // it (a builder image in `openshift` used by every project).
    ctx.api.watch(IMAGE_STREAMS, undefined, (e) => {
      const ns = e.object.metadata.namespace;
      for (const bc of ctx.api.list(BUILD_CONFIGS))
        if (bc.metadata.namespace === ns || builderNamespace(bc) === ns) this.imageChanges.add(keyOf(bc));
    });
  }

  private buildsOf(namespace: string, bc: string): StoredObject[] {
    return this.ctx.api
      .list(BUILDS, { namespace })
      .filter((b) => b.metadata.labels?.[BUILD_CONFIG_LABEL] === bc)
      .sort((a, b) => buildNumber(a) - buildNumber(b));
  }

  private reconcileConfig(key: string): void {
    const { namespace = '', name } = splitKey(key);
    const bc = this.ctx.api.tryGet(BUILD_CONFIGS, namespace, name);
    if (!bc) return;
    const triggers: { type: string; imageChange?: { from?: { name: string; namespace?: string } } }[] =
      bc.spec?.triggers ?? [];
    const builder = builderStreamTag(bc);
    const imageTrigger = triggers.find((t) => t.type === 'ImageChange');
    const builderImage = builder
      ? latestItem(
          this.ctx.api.tryGet(IMAGE_STREAMS, builder.namespace ?? namespace, builder.stream),
          builder.tag,
        )
      : undefined;
    const recorded = bc.status?.imageChangeTriggers?.[0]?.lastTriggeredImageID;
    const lastVersion = bc.status?.lastVersion ?? 0;
    if (lastVersion === 0 && triggers.some((t) => t.type === 'ConfigChange')) {
      if (builder && !builderImage) return; // wait for the builder image to be imported
      instantiateBuild(this.ctx, namespace, name, { message: 'Build configuration change' });
      if (imageTrigger && builder && builderImage)
        this.recordImage(namespace, name, builder, builderImage.dockerImageReference);
    } else if (imageTrigger && builder && builderImage && recorded !== builderImage.dockerImageReference) {
      if (recorded !== undefined || lastVersion === 0) {
        instantiateBuild(this.ctx, namespace, name, {
          message: 'Image change',
          imageChangeBuild: {
            imageID: builderImage.dockerImageReference,
            fromRef: {
              kind: 'ImageStreamTag',
              name: `${builder.stream}:${builder.tag}`,
              namespace: builder.namespace ?? namespace,
            },
          },
        });
      }
      this.recordImage(namespace, name, builder, builderImage.dockerImageReference);
    }
    this.prune(bc);
  }

  private recordImage(
    namespace: string,
    name: string,
    b: { stream: string; tag: string; namespace?: string },
    image: string,
  ): void {
    const bc = this.ctx.api.get(BUILD_CONFIGS, namespace, name);
    const status = {
      ...bc.status,
      imageChangeTriggers: [
        {
          lastTriggeredImageID: image,
          from: { name: `${b.stream}:${b.tag}`, namespace: b.namespace ?? namespace },
          lastTriggerTime: this.ctx.clock.nowISO(),
        },
      ],
    };
    this.ctx.api.updateStatus({ ...bc, status }, { internal: true });
  }

  /** Keep the newest successfulBuildsHistoryLimit / failedBuildsHistoryLimit finished builds (5 each). */
  private prune(bc: StoredObject): void {
    const builds = this.buildsOf(bc.metadata.namespace ?? '', bc.metadata.name);
    const ok = builds.filter((b) => b.status?.phase === 'Complete');
    const bad = builds.filter((b) => ['Failed', 'Error', 'Cancelled'].includes(b.status?.phase));
    const drop = [
      ...ok.slice(0, Math.max(0, ok.length - (bc.spec?.successfulBuildsHistoryLimit ?? 5))),
      ...bad.slice(0, Math.max(0, bad.length - (bc.spec?.failedBuildsHistoryLimit ?? 5))),
    ];
    for (const b of drop)
      this.ctx.api.delete(BUILDS, b.metadata.namespace, b.metadata.name, { internal: true });
  }

  private reconcileBuild(key: string): void {
    const { namespace = '', name } = splitKey(key);
    const build = this.ctx.api.tryGet(BUILDS, namespace, name);
    if (!build || TERMINAL.has(build.status?.phase)) return;
    const pod = this.ctx.api.tryGet('pods', namespace, `${name}-build`);
    if (build.status?.cancelled) {
      if (pod) this.ctx.api.delete('pods', namespace, pod.metadata.name, { internal: true });
      this.finish(build, 'Cancelled', 'CancelledBuild', 'The build was cancelled by the user.');
      return;
    }
    const phase = build.status?.phase ?? 'New';
    if (phase === 'New') {
      if (!this.mayStart(build)) return;
      this.startPod(build);
      this.setStatus(build, { phase: 'Pending' });
      return;
    }
    if (!pod) {
      this.finish(
        build,
        'Error',
        'BuildPodDeleted',
        'The pod for this build was deleted before the build completed.',
      );
      return;
    }
    const podPhase = pod.status?.phase;
    if (phase === 'Pending' && (podPhase === 'Running' || podPhase === 'Succeeded')) {
      const log = this.logs.get(namespace, name);
      if (log) log.startedAtMs = this.ctx.clock.now();
      this.setStatus(build, { phase: 'Running', startTimestamp: this.ctx.clock.nowISO() });
      if (podPhase === 'Running') return;
    }
    if (podPhase === 'Succeeded') this.complete(this.ctx.api.get(BUILDS, namespace, name));
    else if (podPhase === 'Failed') {
      const f = this.logs.get(namespace, name)?.failure;
      this.finish(
        build,
        'Failed',
        f?.reason ?? 'GenericBuildFailed',
        f?.message ?? 'Generic Build failure - check logs for details.',
      );
    }
  }

  /**
   * Serial: one build of a config at a time, in order. SerialLatestOnly (openshift-controller-manager's
   * IsRunnable) first cancels every earlier build still queued (New), even while another one runs, so
   * only the newest waits for the running build.
   */
  private mayStart(build: StoredObject): boolean {
    const bcName = build.metadata.labels?.[BUILD_CONFIG_LABEL];
    const policy = build.metadata.labels?.['openshift.io/build.start-policy'] ?? 'Serial';
    if (!bcName || policy === 'Parallel') return true;
    const others = this.buildsOf(build.metadata.namespace ?? '', bcName).filter(
      (b) => b.metadata.name !== build.metadata.name,
    );
    const n = buildNumber(build);
    const earlierNew = others.filter(
      (b) => (b.status?.phase ?? 'New') === 'New' && buildNumber(b) < n && !b.status?.cancelled,
    );
    if (policy === 'SerialLatestOnly')
      for (const b of earlierNew)
        this.ctx.api.updateStatus({ ...b, status: { ...b.status, cancelled: true } }, { internal: true });
    if (others.some((b) => b.status?.phase === 'Pending' || b.status?.phase === 'Running')) return false;
    return policy === 'SerialLatestOnly' || earlierNew.length === 0;
  }

  private startPod(build: StoredObject): void {
    const ns = build.metadata.namespace ?? '';
    const spec = build.spec;
    const type = strategyType(spec.strategy);
    const git = service<GitServer>(this.ctx, 'openshift-git');
    const repo = spec.source?.git?.uri ? git.get(spec.source.git.uri) : undefined;
    const commit = repo?.commits.find((c) => c.sha === spec.revision?.git?.commit) ?? repo?.commits[0];
    const from =
      spec.strategy?.sourceStrategy?.from ??
      spec.strategy?.dockerStrategy?.from ??
      spec.strategy?.customStrategy?.from;
    const builderRef = this.resolveFrom(ns, from);
    const digest = newDigest(ns, build.metadata.name, buildNumber(build), commit?.sha ?? '');
    const out = build.status?.outputDockerImageReference;
    const binary = this.logs.binaryInputs.get(`${ns}/${build.metadata.name}`);
    const files = binary ?? (spec.source?.git?.uri ? git.filesAt(spec.source.git.uri, commit?.sha) : {});
    const postCommit = runPostCommitHook(spec.postCommit, files);
    const { lines, durationMs, failed } = buildLog({
      namespace: ns,
      buildName: build.metadata.name,
      strategy: type,
      gitUrl: spec.source?.git?.uri,
      binary: !!spec.source?.binary,
      commit,
      builderRef,
      language: repo?.language ?? languageOf(builderRef),
      dockerfile: spec.source?.dockerfile ?? repo?.dockerfile,
      outputRef: out,
      digest,
      postCommit,
    });
    this.logs.logs.set(`${ns}/${build.metadata.name}`, {
      lines,
      ...(failed
        ? {
            failure: { reason: 'PostCommitHookFailed', message: 'Build failed because of post commit hook.' },
          }
        : {}),
    });
    const image =
      builderRef && !builderRef.includes('image-registry.openshift')
        ? builderRef
        : `${S2I_BUILDERS.nodejs.repository}:latest`;
    this.ctx.api.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${build.metadata.name}-build`,
          namespace: ns,
          labels: { [BUILD_POD_LABEL]: build.metadata.name },
          annotations: { 'openshift.io/build.name': build.metadata.name },
          ownerReferences: [
            {
              apiVersion: 'build.openshift.io/v1',
              kind: 'Build',
              name: build.metadata.name,
              uid: build.metadata.uid,
              controller: true,
            },
          ],
        },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: type === 'Docker' ? 'docker-build' : type === 'Custom' ? 'custom-build' : 'sti-build',
              image,
              // The builder exits 1 when the postCommit hook fails.
              command: ['/bin/sh', '-c', `sleep ${Math.ceil(durationMs / 1000)}${failed ? '; exit 1' : ''}`],
              resources: {},
            },
          ],
        },
      },
      { internal: true },
    );
  }

  private resolveFrom(
    namespace: string,
    from: { kind: string; name: string; namespace?: string } | undefined,
  ): string | undefined {
    if (!from) return undefined;
    if (from.kind === 'DockerImage') return from.name;
    const [stream, tag = 'latest'] = from.name.split(':');
    const item = latestItem(this.ctx.api.tryGet(IMAGE_STREAMS, from.namespace || namespace, stream), tag);
    return item?.dockerImageReference;
  }

  private complete(build: StoredObject): void {
    const ns = build.metadata.namespace ?? '';
    const to = build.spec.output?.to;
    const status: Record<string, unknown> = {};
    if (to?.kind === 'ImageStreamTag') {
      const [stream, tag = 'latest'] = String(to.name).split(':');
      const git = service<GitServer>(this.ctx, 'openshift-git');
      const repo = build.spec.source?.git?.uri ? git.get(build.spec.source.git.uri) : undefined;
      const commit = build.spec.revision?.git?.commit ?? '0000000';
      const digest = newDigest(ns, build.metadata.name, buildNumber(build), commit);
      const profile = builtAppProfile(
        repo?.language ?? 'nodejs',
        build.spec.source?.git?.uri ?? build.metadata.name,
        commit,
      );
      pushImage(
        this.ctx,
        to.namespace || ns,
        stream,
        tag,
        digest,
        profile,
        250_000_000 + buildNumber(build) * 1_048_576,
      );
      status.output = { to: { imageDigest: digest } };
    }
    this.finish(build, 'Complete', undefined, undefined, status);
  }

  private finish(
    build: StoredObject,
    phase: string,
    reason?: string,
    message?: string,
    extra: Record<string, unknown> = {},
  ): void {
    const now = this.ctx.clock.now();
    const start = build.status?.startTimestamp ? parseISO(build.status.startTimestamp) : now;
    this.setStatus(build, {
      phase,
      ...(reason ? { reason, message } : {}),
      completionTimestamp: this.ctx.clock.nowISO(),
      ...(build.status?.startTimestamp ? {} : { startTimestamp: this.ctx.clock.nowISO() }),
      duration: (now - start) * 1_000_000,
      ...extra,
    });
    const log = this.logs.get(build.metadata.namespace ?? '', build.metadata.name);
    if (log && phase !== 'Complete')
      log.lines = log.lines.filter((l) => log.startedAtMs !== undefined && log.startedAtMs + l.atMs <= now);
  }

  private setStatus(build: StoredObject, patch: Record<string, unknown>): void {
    const cur = this.ctx.api.get(BUILDS, build.metadata.namespace, build.metadata.name);
    this.ctx.api.updateStatus({ ...cur, status: { ...cur.status, ...patch } }, { internal: true });
  }
}

export function buildNumber(b: StoredObject): number {
  return (
    Number(b.metadata.annotations?.['openshift.io/build.number'] ?? b.metadata.name.replace(/^.*-/, '')) || 0
  );
}

function builderStreamTag(bc: StoredObject): { stream: string; tag: string; namespace?: string } | undefined {
  const from = bc.spec?.strategy?.sourceStrategy?.from ?? bc.spec?.strategy?.dockerStrategy?.from;
  if (from?.kind !== 'ImageStreamTag') return undefined;
  const [stream, tag = 'latest'] = String(from.name).split(':');
  return { stream, tag, namespace: from.namespace };
}

function languageOf(ref: string | undefined): string {
  for (const [name, b] of Object.entries(S2I_BUILDERS)) if (ref?.startsWith(b.repository)) return name;
  return 'nodejs';
}

/** The namespace of a BuildConfig's builder ImageStreamTag when it names one. */
function builderNamespace(bc: StoredObject): string | undefined {
  const st = bc.spec?.strategy;
  const from = st?.sourceStrategy?.from ?? st?.dockerStrategy?.from ?? st?.customStrategy?.from;
  return from?.kind === 'ImageStreamTag' || from?.kind === 'ImageStreamImage' ? from.namespace : undefined;
}
