/**
 * Image references as containerd normalises them (docker/distribution reference rules): `nginx` is
 * `docker.io/library/nginx:latest`, `bitnami/redis:7` is `docker.io/bitnami/redis:7`, a first component
 * with a dot, a colon or `localhost` is a registry host.
 */

export interface ImageRef {
  /** What the pod spec says, e.g. `nginx:1.27`. */
  raw: string;
  /** Registry host, e.g. `docker.io`, `registry.k8s.io`. */
  domain: string;
  /** Repository path without the host, e.g. `library/nginx`. */
  path: string;
  /** Tag, `latest` when none was given (and no digest). */
  tag?: string;
  /** `sha256:...` when pinned by digest. */
  digest?: string;
  /** `docker.io/library/nginx`. */
  repository: string;
  /** `docker.io/library/nginx:1.27` (or `...@sha256:...`): what containerd reports as the image. */
  normalized: string;
}

export class InvalidImageNameError extends Error {}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parse an image reference; throws InvalidImageNameError with the kubelet's wording when it is malformed. */
export function parseImageRef(raw: string): ImageRef {
  const fail = (why: string): never => {
    throw new InvalidImageNameError(
      `Failed to apply default image tag "${raw}": couldn't parse image reference "${raw}": invalid reference format${why}`,
    );
  };
  if (!raw || /\s/.test(raw)) fail('');
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) fail('');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) fail('');
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    domain = parts.shift()!;
  }
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (/[A-Z]/.test(path)) fail(`: repository name (${path}) must be lowercase`);
  for (const p of parts) if (!PATH_COMPONENT.test(p)) fail('');
  if (!tag && !digest) tag = 'latest';
  const repository = `${domain}/${path}`;
  const normalized = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { raw, domain, path, tag, digest, repository, normalized };
}

/** The pull policy the API server defaults: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  if (at >= 0) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tag = colon > lastSlash ? image.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
