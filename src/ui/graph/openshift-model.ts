/**
 * The OpenShift build chain on the graph: one ImageStreamTag node per ImageStream tag, and the edges
 * BuildConfig ← builder tag, Build → output tag, tag → the workloads that run it, Route → Services.
 * (BuildConfig → Build, DeploymentConfig → ReplicationController → pods are owner edges.)
 */
import type { BuildStage, ImageTagRef, ObjectView } from '../../protocol/views';

/** Builder images shared by every project live here; drawn only where something uses them. */
export const SHARED_IMAGES_NAMESPACE = 'openshift';

/** The graph node id of an ImageStream's tag. */
export function imageStreamTagId(streamUid: string, tag: string): string {
  return `${streamUid}#${tag}`;
}

function tagKey(namespace: string, stream: string, tag: string): string {
  return `${namespace}/${stream}:${tag}`;
}

export function refKey(r: ImageTagRef): string {
  return tagKey(r.namespace, r.stream, r.tag);
}

/** `latest@sha256:931026f47587` (the tag with a 12-digit digest), or `latest@<none>` before any image. */
export function tagStatus(tag: string, digest: string | undefined): string {
  return `${tag}@${digest ? digest.slice(0, 19) : '<none>'}`;
}

export interface TagNodeView extends ObjectView {
  kind: 'ImageStreamTag';
  /** The ImageStream the tag belongs to (the node reads it for its live digest). */
  streamUid: string;
  stream: string;
  tag: string;
}

/**
 * ImageStreamTag views for the graph: every tag of the ImageStreams in the shown namespace, plus tags of
 * other namespaces (the shared builder images) that a shown object refers to. A tag that only builds read
 * gets role 'builder' (drawn above its BuildConfigs).
 */
export function imageStreamTagViews(
  streams: readonly ObjectView[],
  namespace: string,
  rowObjects: readonly ObjectView[],
): TagNodeView[] {
  const used = new Map<string, Set<ImageTagRef['role']>>();
  for (const o of rowObjects) {
    for (const r of o.imageTags ?? []) {
      const k = refKey(r);
      let roles = used.get(k);
      if (!roles) {
        roles = new Set();
        used.set(k, roles);
      }
      roles.add(r.role);
    }
  }
  const out: TagNodeView[] = [];
  for (const is of streams) {
    const shown = namespace ? is.namespace === namespace : is.namespace !== SHARED_IMAGES_NAMESPACE;
    const tags = [...(is.tags ?? [])];
    // A build's output tag before its first push: drawn empty, so the chain shows where the image goes.
    for (const [key, roles] of used) {
      const tag = key.startsWith(`${is.namespace}/${is.name}:`)
        ? key.slice(is.namespace.length + is.name.length + 2)
        : '';
      if (tag && roles.has('output') && !tags.some((t) => t.tag === tag)) tags.push({ tag });
    }
    for (const t of tags) {
      const roles = used.get(tagKey(is.namespace, is.name, t.tag));
      if (!shown && !roles) continue;
      const view: TagNodeView = {
        uid: imageStreamTagId(is.uid, t.tag),
        kind: 'ImageStreamTag',
        name: `${is.name}:${t.tag}`,
        namespace: is.namespace,
        status: tagStatus(t.tag, t.digest),
        labels: is.labels,
        streamUid: is.uid,
        stream: is.name,
        tag: t.tag,
      };
      if (roles && roles.size === 1 && roles.has('builder')) view.role = 'builder';
      if (is.terminating) view.terminating = true;
      out.push(view);
    }
  }
  return out;
}

/** Where an output ImageStreamTag prefers to sit: near the BuildConfig that pushes to it. */
export function tagAnchors(
  rowObjects: readonly ObjectView[],
  tags: readonly TagNodeView[],
): Map<string, string> {
  const byKey = new Map(tags.map((t) => [tagKey(t.namespace, t.stream, t.tag), t.uid]));
  const anchors = new Map<string, string>();
  for (const o of rowObjects) {
    if (o.kind !== 'BuildConfig') continue;
    for (const r of o.imageTags ?? []) {
      const id = byKey.get(refKey(r));
      if (id && !anchors.has(id)) anchors.set(id, o.uid);
    }
  }
  return anchors;
}

export type AddEdge = (source: string, target: string, kind: string, extra?: { label?: string }) => void;

/** The build chain's and Routes' edges among the row objects (tag nodes included). */
export function addOpenShiftEdges(rowObjects: readonly ObjectView[], add: AddEdge): void {
  const tagIds = new Map<string, string>();
  const services = new Map<string, string>();
  const configsWithBuilds = new Set<string>();
  for (const o of rowObjects) {
    if (o.kind === 'ImageStreamTag') {
      const t = o as TagNodeView;
      tagIds.set(tagKey(t.namespace, t.stream, t.tag), t.uid);
    } else if (o.kind === 'Service') services.set(`${o.namespace}/${o.name}`, o.uid);
    else if (o.kind === 'Build' && o.ownerUid) configsWithBuilds.add(o.ownerUid);
  }
  for (const o of rowObjects) {
    for (const r of o.imageTags ?? []) {
      const tag = tagIds.get(refKey(r));
      if (!tag) continue;
      if (r.role === 'builder') add(tag, o.uid, 'image');
      else if (r.role === 'output') {
        // A BuildConfig's output shows through its builds once it has some.
        if (o.kind === 'Build' || !configsWithBuilds.has(o.uid)) add(o.uid, tag, 'image');
      } else if (o.kind !== 'Build' && o.kind !== 'BuildConfig') add(tag, o.uid, 'image');
    }
    if (o.kind === 'Route' && o.route) {
      const split = o.route.weights.length > 1;
      const total = o.route.weights.reduce((n, w) => n + w.weight, 0);
      for (const w of o.route.weights) {
        const svc = services.get(`${o.namespace}/${w.service}`);
        if (!svc) continue;
        const share = total > 0 ? Math.round((w.weight / total) * 100) : 0;
        add(o.uid, svc, 'route', split ? { label: `${share}%` } : {});
      }
    }
  }
}

/**
 * Where a running Build is at `nowMs`: the stage its log has reached and how far through the log it is
 * (whole 5 % steps, so a node redraws a few times per build rather than every frame).
 */
export function buildProgress(v: ObjectView, nowMs: number): { stage?: BuildStage; percent?: number } {
  const stages = v.status === 'Running' ? v.build?.stages : undefined;
  if (!stages?.length || v.build?.endMs === undefined) return {};
  let stage: BuildStage | undefined;
  for (const s of stages) if (s.atMs <= nowMs) stage = s.stage;
  const start = stages[0].atMs;
  const span = Math.max(1, v.build.endMs - start);
  const percent = Math.min(100, Math.max(0, Math.floor(((nowMs - start) / span) * 20) * 5));
  return { stage: stage ?? stages[0].stage, percent };
}

/** The newest Build of a BuildConfig (the one numbered `status` `#N`), if shown. */
export function latestBuildOf(
  objects: ReadonlyMap<string, ObjectView>,
  bc: ObjectView,
): ObjectView | undefined {
  const version = Number(bc.status.replace(/^#/, ''));
  if (!version) return undefined;
  for (const o of objects.values())
    if (o.kind === 'Build' && o.ownerUid === bc.uid && o.build?.number === version) return o;
  return undefined;
}

/** Whether a view change moves build-chain nodes or edges (the mirror's `structure` must bump). */
export function openShiftShapeChanged(a: ObjectView, b: ObjectView): boolean {
  return (
    JSON.stringify(a.imageTags) !== JSON.stringify(b.imageTags) ||
    a.tags?.map((t) => t.tag).join() !== b.tags?.map((t) => t.tag).join() ||
    JSON.stringify(a.route?.weights) !== JSON.stringify(b.route?.weights) ||
    a.role !== b.role
  );
}
