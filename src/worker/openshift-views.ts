/**
 * OpenShift objects -> the view fields the graph draws the build chain from: which ImageStreamTags a
 * BuildConfig builds on and pushes to, which a workload runs, a build's cause and log stages, an
 * ImageStream's tags, a Route's host and weighted backends. What needs more than the object itself (the
 * build log's timing, an ImageStream for a digest) comes through a ViewEnv.
 */
import type { StoredObject } from '../engine/api/types';
import type { Cluster } from '../engine/cluster';
import type {
  BuildStage,
  BuildView,
  ImageTagRef,
  ImageTagView,
  ObjectView,
  RouteView,
} from '../protocol/views';

/** What a view may read beyond its own object (absent in tests that only pass objects). */
export interface ViewEnv {
  /** The build log service's lines for a build and when its pod started running. */
  buildLog?(
    namespace: string,
    build: string,
  ): { lines: { atMs: number; text: string }[]; startedAtMs?: number } | undefined;
  /** An ImageStream, to find the tag a digest reference was pushed to. */
  imageStream?(namespace: string, name: string): StoredObject | undefined;
}

const REGISTRY = 'image-registry.openshift-image-registry.svc:5000/';
const TRIGGERS_ANNOTATION = 'image.openshift.io/triggers';

/** A ViewEnv reading the cluster's build log service and store. */
export function viewEnvFor(cluster: Cluster): ViewEnv {
  return {
    buildLog(namespace, build) {
      const logs = cluster.ctx.services.get('openshift-builds') as
        | { get(ns: string, b: string): { lines: { atMs: number; text: string }[]; startedAtMs?: number } }
        | undefined;
      return logs?.get(namespace, build);
    },
    imageStream(namespace, name) {
      return cluster.api.store.get('imagestreams.image.openshift.io', namespace, name);
    },
  };
}

export function fillBuildConfig(view: ObjectView, bc: StoredObject): void {
  const spec = bc.spec ?? {};
  view.status = `#${bc.status?.lastVersion ?? 0}`;
  const refs: ImageTagRef[] = [];
  const from = strategyFrom(spec.strategy);
  if (from?.kind === 'ImageStreamTag') refs.push(tagRef(from, view.namespace, 'builder'));
  if (spec.output?.to?.kind === 'ImageStreamTag') refs.push(tagRef(spec.output.to, view.namespace, 'output'));
  if (refs.length) view.imageTags = refs;
}

export function fillBuild(view: ObjectView, build: StoredObject, env: ViewEnv | undefined): void {
  const spec = build.spec ?? {};
  const phase: string = build.status?.phase ?? 'New';
  view.status = phase;
  const number =
    Number(
      build.metadata.annotations?.['openshift.io/build.number'] ?? build.metadata.name.replace(/^.*-/, ''),
    ) || 0;
  const info: BuildView = { number, strategy: spec.strategy?.type ?? 'Source', cause: buildCause(spec) };
  if (phase === 'Running') {
    const log = env?.buildLog?.(view.namespace, build.metadata.name);
    if (log?.startedAtMs !== undefined && log.lines.length > 0) {
      info.stages = logStages(log.lines, log.startedAtMs);
      info.endMs = log.startedAtMs + log.lines[log.lines.length - 1].atMs;
    }
  }
  view.build = info;
  if (spec.output?.to?.kind === 'ImageStreamTag')
    view.imageTags = [tagRef(spec.output.to, view.namespace, 'output')];
}

export function fillImageStream(view: ObjectView, is: StoredObject): void {
  const byTag = new Map<string, ImageTagView>();
  for (const t of (is.spec?.tags ?? []) as { name: string }[]) byTag.set(t.name, { tag: t.name });
  for (const t of (is.status?.tags ?? []) as { tag: string; items?: { image: string }[] | null }[]) {
    const digest = t.items?.[0]?.image;
    byTag.set(t.tag, digest ? { tag: t.tag, digest } : { tag: t.tag });
  }
  const tags = [...byTag.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  view.tags = tags;
  // `oc get is` TAGS: the tags that have an image.
  view.status = tags
    .filter((t) => t.digest)
    .map((t) => t.tag)
    .join(',');
}

export function fillDeploymentConfig(view: ObjectView, dc: StoredObject, env: ViewEnv | undefined): void {
  const spec = dc.spec ?? {};
  view.ready = `${dc.status?.readyReplicas ?? 0}/${spec.replicas ?? 1}`;
  view.status = view.ready;
  const refs: ImageTagRef[] = [];
  for (const t of spec.triggers ?? []) {
    const from = t.imageChangeParams?.from;
    if (t.type === 'ImageChange' && from?.kind === 'ImageStreamTag')
      refs.push(tagRef(from, view.namespace, 'trigger'));
  }
  addContainerImages(refs, spec.template?.spec, env);
  if (refs.length) view.imageTags = refs;
}

/** Deployments, StatefulSets, DaemonSets: the `image.openshift.io/triggers` tags and internal images. */
export function fillWorkloadImages(view: ObjectView, obj: StoredObject, env: ViewEnv | undefined): void {
  const refs: ImageTagRef[] = [];
  const raw = obj.metadata.annotations?.[TRIGGERS_ANNOTATION];
  if (raw) {
    for (const t of parseJsonArray(raw)) {
      if (t?.from?.kind === 'ImageStreamTag' && typeof t.from.name === 'string')
        refs.push(tagRef(t.from, view.namespace, 'trigger'));
    }
  }
  addContainerImages(refs, obj.spec?.template?.spec, env);
  if (refs.length) view.imageTags = refs;
}

export function fillRoute(view: ObjectView, route: StoredObject): void {
  const spec = route.spec ?? {};
  const admitted = (route.status?.ingress ?? []).some(
    (i: { conditions?: { type: string; status: string }[] }) =>
      i.conditions?.some((c) => c.type === 'Admitted' && c.status === 'True'),
  );
  const weights = [spec.to, ...(spec.alternateBackends ?? [])]
    .filter((b): b is { name: string; weight?: number } => typeof b?.name === 'string')
    .map((b) => ({ service: b.name, weight: b.weight ?? 100 }));
  const info: RouteView = { host: spec.host ?? '', admitted, weights };
  if (spec.path) info.path = spec.path;
  if (spec.tls?.termination) info.tls = spec.tls.termination;
  view.route = info;
  view.status = info.host;
  view.backends = [...new Set(weights.map((w) => w.service))].sort();
}

export function fillReplicationController(view: ObjectView, rc: StoredObject): void {
  view.ready = `${rc.status?.readyReplicas ?? 0}/${rc.spec?.replicas ?? 1}`;
  view.status = view.ready;
}

function strategyFrom(strategy: any): { kind: string; name: string; namespace?: string } | undefined {
  return strategy?.sourceStrategy?.from ?? strategy?.dockerStrategy?.from ?? strategy?.customStrategy?.from;
}

function tagRef(
  from: { name: string; namespace?: string },
  namespace: string,
  role: ImageTagRef['role'],
): ImageTagRef {
  const [stream, tag = 'latest'] = String(from.name).split(':');
  return { namespace: from.namespace || namespace, stream, tag, role };
}

function buildCause(spec: any): BuildView['cause'] {
  const cause = spec.triggeredBy?.[0];
  if (cause?.imageChangeBuild) return 'ImageChange';
  if (cause?.githubWebHook || cause?.genericWebHook || cause?.gitlabWebHook || cause?.bitbucketWebHook)
    return 'Webhook';
  if (cause?.message === 'Build configuration change') return 'ConfigChange';
  return 'Manual';
}

/** The stage each log line belongs to (clone, pull the builder, build steps, push), first line of each. */
function logStages(lines: { atMs: number; text: string }[], startMs: number): BuildView['stages'] {
  const out: { stage: BuildStage; atMs: number }[] = [];
  for (const l of lines) {
    const stage = stageOf(l.text);
    if (stage && out[out.length - 1]?.stage !== stage) out.push({ stage, atMs: startMs + l.atMs });
  }
  return out;
}

function stageOf(text: string): BuildStage | undefined {
  if (text.startsWith('Cloning ')) return 'FetchInputs';
  if (text.startsWith('Trying to pull ')) return 'PullImages';
  if (
    text.startsWith('Generating dockerfile') ||
    text.startsWith('STEP ') ||
    text.startsWith('Running custom')
  )
    return 'Build';
  if (text.startsWith('Pushing image ')) return 'PushImage';
  return undefined;
}

/**
 * Containers running an internal-registry image: `<registry>/<ns>/<stream>:<tag>` names the tag, and
 * `<registry>/<ns>/<stream>@sha256:...` the tag whose history holds that digest (newest first).
 */
function addContainerImages(refs: ImageTagRef[], podSpec: any, env: ViewEnv | undefined): void {
  for (const c of [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])]) {
    const image: string = c?.image ?? '';
    if (!image.startsWith(REGISTRY)) continue;
    const m = /^([^/]+)\/([^/:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]+))?$/.exec(image.slice(REGISTRY.length));
    if (!m) continue;
    const [, ns, stream, tagName, digest] = m;
    const tag = tagName ?? (digest ? tagOfDigest(env?.imageStream?.(ns, stream), digest) : 'latest');
    if (!tag) continue;
    const ref: ImageTagRef = { namespace: ns, stream, tag, role: 'image' };
    if (!refs.some((r) => r.namespace === ns && r.stream === stream && r.tag === tag)) refs.push(ref);
  }
}

function tagOfDigest(is: StoredObject | undefined, digest: string): string | undefined {
  const tags = (is?.status?.tags ?? []) as { tag: string; items?: { image: string }[] | null }[];
  return (
    tags.find((t) => t.items?.[0]?.image === digest)?.tag ??
    tags.find((t) => t.items?.some((i) => i.image === digest))?.tag
  );
}

function parseJsonArray(raw: string): any[] {
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
