/** The image catalog service: resolve a pod's image reference to size, digest and behaviour, or a pull error. */
import { buildCatalog } from './catalog-data';
import { type ImageRef, InvalidImageNameError, parseImageRef } from './reference';
import type { CatalogEntry, ImageProfile, ImageTagInfo } from './types';

export interface ResolvedImage {
  ok: true;
  ref: ImageRef;
  entry: CatalogEntry;
  tag: ImageTagInfo;
  profile: ImageProfile;
  /** `docker.io/library/nginx@sha256:...`, containerStatuses[].imageID. */
  imageID: string;
  /** `docker.io/library/nginx:1.27`, containerStatuses[].image. */
  imageName: string;
}

export type ImageProblem =
  /** Malformed reference: waiting reason InvalidImageName, no pull attempted. */
  | { ok: false; kind: 'invalid'; message: string }
  /** The registry says no (or cannot be reached): ErrImagePull with this error text. */
  | { ok: false; kind: 'pull'; message: string };

const KNOWN_REGISTRIES = new Set([
  'docker.io',
  'registry.k8s.io',
  'k8s.gcr.io',
  'gcr.io',
  'us-docker.pkg.dev',
  'quay.io',
  'ghcr.io',
  'registry.istio.io',
  'mcr.microsoft.com',
  'public.ecr.aws',
]);

export class ImageCatalog {
  private readonly byRepo = new Map<string, CatalogEntry>();
  private readonly unpullable = new Set<string>();
  private readonly resolved = new Map<string, ResolvedImage | ImageProblem>();

  constructor(entries: CatalogEntry[] = buildCatalog()) {
    for (const e of entries) this.byRepo.set(e.repository, e);
  }

  /** Add or replace a repository at run time (images an OpenShift build pushes to the internal registry). */
  register(e: CatalogEntry): void {
    this.resolved.clear();
    this.byRepo.set(e.repository, e);
  }

  entries(): CatalogEntry[] {
    return [...this.byRepo.values()];
  }

  /**
   * Resolve what `image:` names, as a pull would; never throws. Answers are remembered until the catalog
   * changes (every container of a Deployment shares one, and the results are never mutated).
   */
  resolve(image: string): ResolvedImage | ImageProblem {
    let r = this.resolved.get(image);
    if (!r) {
      r = this.resolveUncached(image);
      if (this.resolved.size >= 4096) this.resolved.clear();
      this.resolved.set(image, r);
    }
    return r;
  }

  private resolveUncached(image: string): ResolvedImage | ImageProblem {
    let ref: ImageRef;
    try {
      ref = parseImageRef(image);
    } catch (e) {
      if (e instanceof InvalidImageNameError) return { ok: false, kind: 'invalid', message: e.message };
      throw e;
    }
    const wrap = (code: string, why: string) =>
      `rpc error: code = ${code} desc = failed to pull and unpack image "${ref.normalized}": failed to resolve reference "${ref.normalized}": ${why}`;
    if (this.unpullable.has(ref.repository) || this.unpullable.has(ref.normalized)) {
      const manifest = `https://${ref.domain === 'docker.io' ? 'registry-1.docker.io' : ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}`;
      return {
        ok: false,
        kind: 'pull',
        message: wrap('Unavailable', `failed to do request: Head "${manifest}": dial tcp: i/o timeout`),
      };
    }
    const entry = this.byRepo.get(ref.repository);
    if (!entry) {
      if (!KNOWN_REGISTRIES.has(ref.domain)) {
        const manifest = `https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}`;
        return {
          ok: false,
          kind: 'pull',
          message: wrap(
            'Unknown',
            `failed to do request: Head "${manifest}": dial tcp: lookup ${ref.domain.replace(/:\d+$/, '')}: no such host`,
          ),
        };
      }
      if (ref.domain === 'docker.io') {
        return {
          ok: false,
          kind: 'pull',
          message: wrap(
            'Unknown',
            'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
          ),
        };
      }
      return { ok: false, kind: 'pull', message: wrap('NotFound', `${ref.normalized}: not found`) };
    }
    const tag = ref.digest
      ? entry.tags.find((t) => t.digest === ref.digest)
      : entry.tags.find((t) => t.tag === ref.tag);
    if (!tag) return { ok: false, kind: 'pull', message: wrap('NotFound', `${ref.normalized}: not found`) };
    return {
      ok: true,
      ref,
      entry,
      tag,
      profile: tag.profile ?? entry.profile,
      imageID: `${ref.repository}@${tag.digest}`,
      imageName: ref.digest ? `${ref.repository}@${tag.digest}` : ref.normalized,
    };
  }

  /** Make pulls of an image (a repository, or one repository:tag) fail as if its registry were down. */
  setUnpullable(image: string, unpullable = true): void {
    let key = image;
    try {
      const ref = parseImageRef(image);
      key = /[:@]/.test(image.slice(image.lastIndexOf('/') + 1)) ? ref.normalized : ref.repository;
    } catch {
      // keep the raw text: it will never resolve anyway
    }
    this.resolved.clear();
    if (unpullable) this.unpullable.add(key);
    else this.unpullable.delete(key);
  }
}
