/** Building catalog entries: stable digests, tags sharing a digest, alpine flavours. */
import { fnv1a64, hex64 } from '../util/objects';
import { ALPINE_FILES, BUSYBOX_BINS } from './profiles/base';
import type { CatalogEntry, ImageProfile, ImageTagInfo } from './types';

/** A stable, realistic-looking sha256 digest for repository:tag. */
export function digestFor(key: string): string {
  let out = '';
  let h = fnv1a64(key);
  while (out.length < 64) {
    h = fnv1a64(`${key}#${out.length}`, h[0], h[1]);
    out += hex64(h);
  }
  return `sha256:${out.slice(0, 64)}`;
}

export type TagSpec = [tag: string, sizeBytes: number, profile?: ImageProfile];

export function entry(
  repository: string,
  profile: ImageProfile,
  description: string,
  tags: TagSpec[],
): CatalogEntry {
  const digests = new Map<number, string>();
  const infos: ImageTagInfo[] = tags.map(([tag, sizeBytes, p]) => {
    // Tags that are the same image (latest = 1.27 = 1.27.3) share a digest, as on a registry.
    const digest = digests.get(sizeBytes) ?? digestFor(`${repository}:${tag}`);
    digests.set(sizeBytes, digest);
    return { tag, sizeBytes, digest, ...(p ? { profile: p } : {}) };
  });
  return { repository, profile, tags: infos, description };
}

/** An alpine flavour of a Debian-based image: sh and BusyBox instead of bash and coreutils. */
export function onAlpine(p: ImageProfile): ImageProfile {
  return {
    ...p,
    id: `${p.id}-alpine`,
    shell: 'sh',
    binaries: [...BUSYBOX_BINS, ...p.serverCommands],
    files: { ...ALPINE_FILES, ...p.files },
  };
}
