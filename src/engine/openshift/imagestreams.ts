/**
 * The image import controller: a spec tag `from: DockerImage` is imported from the image catalog (its
 * digest recorded as a tag event), a `from: ImageStreamTag` tag follows the tag it points at. Failed
 * imports leave an ImportSuccess=False condition, as `oc describe is` shows.
 */
import type { KObject, StoredObject } from '../api/types';
import { type EngineContext, service } from '../context';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';
import type { ImageCatalog } from '../images';
import { IMAGE_STREAMS, latestItem, type TagEvent, withTagEvent } from './registry';

interface SpecTag {
  name: string;
  from?: { kind: string; name: string; namespace?: string };
}

export class ImageStreamController {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'openshift-image-import', (k) => this.reconcile(k), 200);
    ctx.api.watch(IMAGE_STREAMS, undefined, (e) => {
      if (e.type === 'DELETED') return;
      this.queue.add(keyOf(e.object));
      // Streams whose tags follow this one (`oc tag app:dev app:test` across streams) sync too.
      for (const other of ctx.api.list(IMAGE_STREAMS, { namespace: e.object.metadata.namespace })) {
        if (other.metadata.name !== e.object.metadata.name) this.queue.add(keyOf(other));
      }
    });
  }

  private reconcile(key: string): void {
    const { namespace = '', name } = splitKey(key);
    syncImageStream(this.ctx, namespace, name, false);
  }
}

/**
 * Bring a stream's status in step with its spec tags. `localOnly`: only the tags that point inside the
 * cluster (ImageStreamTag, ImageStreamImage), which openshift-apiserver resolves as part of the write
 * itself (`oc tag app@sha256:... app:dev` can be used at once); DockerImage tags wait for the import.
 */
export function syncImageStream(
  ctx: EngineContext,
  namespace: string,
  name: string,
  localOnly: boolean,
): void {
  new StreamSync(ctx).sync(namespace, name, localOnly);
}

class StreamSync {
  constructor(private readonly ctx: EngineContext) {}

  sync(namespace: string, name: string, localOnly: boolean): void {
    const is = this.ctx.api.tryGet(IMAGE_STREAMS, namespace, name);
    if (!is) return;
    let next: KObject = is;
    const images = service<ImageCatalog>(this.ctx, 'images');
    const conditions: { tag: string; message: string }[] = [];
    for (const t of (is.spec?.tags ?? []) as SpecTag[]) {
      if (localOnly && t.from?.kind === 'DockerImage') continue;
      const event = this.resolveTag(next as StoredObject, t, images, conditions);
      if (event) next = withTagEvent(next as StoredObject, t.name, event);
    }
    let status = next.status ?? {};
    if (!status.dockerImageRepository) {
      status = {
        ...status,
        dockerImageRepository: `image-registry.openshift-image-registry.svc:5000/${namespace}/${name}`,
      };
    }
    const tags = [...(status.tags ?? [])];
    for (const c of conditions) {
      const i = tags.findIndex((x: { tag: string }) => x.tag === c.tag);
      const condition = {
        type: 'ImportSuccess',
        status: 'False',
        lastTransitionTime: this.ctx.clock.nowISO(),
        reason: 'NotFound',
        message: c.message,
        generation: is.metadata.generation ?? 1,
      };
      if (i < 0) tags.push({ tag: c.tag, items: null, conditions: [condition] });
      else if (!tags[i].conditions?.length) tags[i] = { ...tags[i], conditions: [condition] };
    }
    if (tags.length) status = { ...status, tags };
    if (JSON.stringify(status) !== JSON.stringify(is.status ?? {})) {
      this.ctx.api.updateStatus({ ...is, status }, { internal: true });
    }
  }

  private resolveTag(
    is: StoredObject,
    t: SpecTag,
    images: ImageCatalog,
    problems: { tag: string; message: string }[],
  ): TagEvent | undefined {
    const from = t.from;
    if (!from) return undefined;
    if (from.kind === 'DockerImage') {
      const r = images.resolve(from.name);
      if (!r.ok) {
        problems.push({ tag: t.name, message: `dockerimage.image.openshift.io "${from.name}" not found` });
        return undefined;
      }
      return {
        created: this.ctx.clock.nowISO(),
        dockerImageReference: r.imageID,
        image: r.tag.digest,
        generation: is.metadata.generation ?? 1,
      };
    }
    if (from.kind === 'ImageStreamTag') {
      // `name: 22-ubi9` (no stream) is another tag of this stream, as in the samples' `latest` tags.
      const [stream, tag = 'latest'] = from.name.includes(':') ? from.name.split(':') : ['', from.name];
      const ns = from.namespace || is.metadata.namespace;
      const same = !stream || (stream === is.metadata.name && ns === is.metadata.namespace);
      const src = same ? is : this.ctx.api.tryGet(IMAGE_STREAMS, ns, stream);
      const item = latestItem(src, tag);
      if (!item) return undefined;
      return { ...item, created: this.ctx.clock.nowISO(), generation: is.metadata.generation ?? 1 };
    }
    if (from.kind === 'ImageStreamImage') {
      const [stream, digest] = from.name.split('@');
      const src = this.ctx.api.tryGet(IMAGE_STREAMS, from.namespace || is.metadata.namespace, stream);
      for (const st of src?.status?.tags ?? []) {
        const item = (st.items ?? []).find((x: TagEvent) => x.image === digest);
        if (item) return { ...item, created: this.ctx.clock.nowISO() };
      }
    }
    return undefined;
  }
}
