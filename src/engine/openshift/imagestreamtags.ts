/**
 * ImageStreamTags (`app:latest`) and ImageStreamImages (`app@sha256:...`) are not stored: the image API
 * derives them from the ImageStreams on every read, as openshift-apiserver does. An ImageStreamTag is the
 * newest image of a status tag (with the spec tag that feeds it); an ImageStreamImage is any image in a
 * stream's tag history, named by its digest.
 */
import { notFound } from '../api/errors';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { IMAGE_STREAMS, type TagEvent } from './registry';

export const IMAGE_STREAM_TAGS = 'imagestreamtags.image.openshift.io';
export const IMAGE_STREAM_IMAGES = 'imagestreamimages.image.openshift.io';

interface StatusTag {
  tag: string;
  items?: TagEvent[];
}

/** The Image object the API embeds: its name is the digest, its reference the pull spec. */
function imageOf(item: TagEvent): Record<string, unknown> {
  return {
    metadata: { name: item.image, creationTimestamp: item.created },
    dockerImageReference: item.dockerImageReference,
    dockerImageMetadata: {
      kind: 'DockerImage',
      apiVersion: '1.0',
      Id: item.image,
      Created: item.created,
      Architecture: 'amd64',
    },
    dockerImageMetadataVersion: '1.0',
  };
}

function tagObject(is: StoredObject, t: StatusTag): StoredObject | undefined {
  const item = t.items?.[0];
  if (!item) return undefined;
  const specTag = (is.spec?.tags ?? []).find((s: { name: string }) => s.name === t.tag);
  return {
    apiVersion: 'image.openshift.io/v1',
    kind: 'ImageStreamTag',
    metadata: {
      name: `${is.metadata.name}:${t.tag}`,
      namespace: is.metadata.namespace,
      uid: is.metadata.uid,
      resourceVersion: is.metadata.resourceVersion,
      creationTimestamp: item.created,
      ...(is.metadata.annotations ? { annotations: is.metadata.annotations } : {}),
    },
    tag: specTag ?? null,
    generation: item.generation,
    lookupPolicy: is.spec?.lookupPolicy ?? { local: false },
    image: imageOf(item),
  } as unknown as StoredObject;
}

/** Every ImageStreamTag of a namespace (all namespaces when undefined), streams by name, tags in order. */
export function listImageStreamTags(ctx: EngineContext, namespace?: string): StoredObject[] {
  const out: StoredObject[] = [];
  for (const is of ctx.api.list(IMAGE_STREAMS, namespace ? { namespace } : {})) {
    for (const t of (is.status?.tags ?? []) as StatusTag[]) {
      const o = tagObject(is, t);
      if (o) out.push(o);
    }
  }
  return out;
}

/** `stream:tag` (tag defaults to latest); NotFound as the image API answers. */
export function getImageStreamTag(ctx: EngineContext, namespace: string, name: string): StoredObject {
  const [stream, tag = 'latest'] = name.split(':');
  const is = ctx.api.tryGet(IMAGE_STREAMS, namespace, stream);
  const t = ((is?.status?.tags ?? []) as StatusTag[]).find((x) => x.tag === tag);
  const o = is && t ? tagObject(is, t) : undefined;
  if (!o) throw notFound(IMAGE_STREAM_TAGS, name.includes(':') ? name : `${name}:latest`);
  return o;
}

function streamImage(is: StoredObject, item: TagEvent): StoredObject {
  return {
    apiVersion: 'image.openshift.io/v1',
    kind: 'ImageStreamImage',
    metadata: {
      name: `${is.metadata.name}@${item.image}`,
      namespace: is.metadata.namespace,
      uid: is.metadata.uid,
      resourceVersion: is.metadata.resourceVersion,
      creationTimestamp: item.created,
    },
    image: imageOf(item),
  } as unknown as StoredObject;
}

/** `stream@sha256:...` (a unique digest prefix of at least 7 hex digits is enough, as on OpenShift). */
export function getImageStreamImage(ctx: EngineContext, namespace: string, name: string): StoredObject {
  const at = name.indexOf('@');
  if (at < 0) throw notFound(IMAGE_STREAM_IMAGES, name);
  const is = ctx.api.tryGet(IMAGE_STREAMS, namespace, name.slice(0, at));
  const want = name.slice(at + 1);
  for (const t of (is?.status?.tags ?? []) as StatusTag[])
    for (const item of t.items ?? [])
      if (is && want.length >= 14 && item.image.startsWith(want)) return streamImage(is, item);
  throw notFound(IMAGE_STREAM_IMAGES, name);
}
