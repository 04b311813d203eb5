/**
 * The integrated image registry: internal references with digests, and pushing an image (from a build)
 * so the image catalog can pull it and the ImageStream's tag history records it.
 */
import type { KObject, StoredObject } from '../api/types';
import { type EngineContext, service } from '../context';
import type { ImageCatalog, ImageProfile, ImageTagInfo } from '../images';
import { digestFor } from '../images/catalog-entry';

export const REGISTRY_HOST = 'image-registry.openshift-image-registry.svc:5000';
export const IMAGE_STREAMS = 'imagestreams.image.openshift.io';

export function internalRepository(namespace: string, stream: string): string {
  return `${REGISTRY_HOST}/${namespace}/${stream}`;
}

/** A new, deterministic digest for the n-th image a namespace/stream receives. */
export function newDigest(namespace: string, stream: string, seq: number, salt: string): string {
  return digestFor(`${internalRepository(namespace, stream)}#${seq}#${salt}`);
}

export interface TagEvent {
  created: string;
  dockerImageReference: string;
  image: string;
  generation: number;
}

/** The newest item of a status tag, if any. */
export function latestItem(is: StoredObject | undefined, tag: string): TagEvent | undefined {
  const t = (is?.status?.tags ?? []).find((x: { tag: string }) => x.tag === tag);
  return t?.items?.[0];
}

/** Record `event` as the newest image of `tag` (tag history keeps older items after it). */
export function withTagEvent(is: StoredObject, tag: string, event: TagEvent): KObject {
  const tags: { tag: string; items: TagEvent[] }[] = [...(is.status?.tags ?? [])];
  const i = tags.findIndex((t) => t.tag === tag);
  if (i >= 0 && tags[i].items?.[0]?.image === event.image) return is;
  const items = i >= 0 ? [event, ...(tags[i].items ?? [])] : [event];
  if (i >= 0) tags[i] = { ...tags[i], items };
  else tags.push({ tag, items });
  tags.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  return {
    ...is,
    status: {
      ...is.status,
      dockerImageRepository: internalRepository(is.metadata.namespace ?? '', is.metadata.name),
      tags,
    },
  };
}

/**
 * Push an image built in the cluster: the catalog learns `<registry>/<ns>/<stream>` with this digest (and
 * the tag), and the ImageStream gets a new tag event. Creates the ImageStream when missing, as the
 * registry does on push.
 */
export function pushImage(
  ctx: EngineContext,
  namespace: string,
  stream: string,
  tag: string,
  digest: string,
  profile: ImageProfile,
  sizeBytes: number,
): string {
  const images = service<ImageCatalog>(ctx, 'images');
  const repository = internalRepository(namespace, stream);
  const existing = images.entries().find((e) => e.repository === repository);
  const tags: ImageTagInfo[] = [
    { tag, sizeBytes, digest, profile },
    ...(existing?.tags ?? []).filter((t) => t.tag !== tag),
  ];
  // Older digests stay pullable by digest: keep them as hidden tags named after the digest.
  const prevOfTag = existing?.tags.find((t) => t.tag === tag);
  if (prevOfTag) tags.push({ ...prevOfTag, tag: prevOfTag.digest.slice(7, 19) });
  images.register({
    repository,
    profile,
    tags,
    description: `Built in the cluster (${namespace}/${stream}).`,
  });
  const reference = `${repository}@${digest}`;
  let is = ctx.api.tryGet(IMAGE_STREAMS, namespace, stream);
  if (!is) {
    is = ctx.api.create(
      {
        apiVersion: 'image.openshift.io/v1',
        kind: 'ImageStream',
        metadata: { name: stream, namespace },
        spec: {},
      },
      { internal: true },
    );
  }
  const event: TagEvent = {
    created: ctx.clock.nowISO(),
    dockerImageReference: reference,
    image: digest,
    generation: is.metadata.generation ?? 1,
  };
  const next = withTagEvent(is, tag, event);
  if (next !== is) ctx.api.updateStatus(next, { internal: true });
  return reference;
}
