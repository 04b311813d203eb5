import { describe, expect, it } from 'vitest';
import { ImageCatalog } from './catalog';
import { defaultPullPolicy, parseImageRef } from './reference';

const catalog = new ImageCatalog();

describe('image references', () => {
  it('normalises Docker Hub short names and registry hosts', () => {
    expect(parseImageRef('nginx').normalized).toBe('docker.io/library/nginx:latest');
    expect(parseImageRef('nginx:1.27').normalized).toBe('docker.io/library/nginx:1.27');
    expect(parseImageRef('curlimages/curl:8.11.1').normalized).toBe('docker.io/curlimages/curl:8.11.1');
    expect(parseImageRef('registry.k8s.io/coredns/coredns:v1.11.3').repository).toBe(
      'registry.k8s.io/coredns/coredns',
    );
    expect(parseImageRef('localhost:5000/app:1').domain).toBe('localhost:5000');
  });

  it('rejects malformed names with the kubelet wording', () => {
    expect(() => parseImageRef('NGINX')).toThrow(
      'Failed to apply default image tag "NGINX": couldn\'t parse image reference "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    );
  });

  it('defaults the pull policy like the API server', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/app')).toBe('Always');
  });
});

describe('catalog', () => {
  it('resolves known tags with size, digest and ids', () => {
    const r = catalog.resolve('nginx:1.27');
    if (!r.ok) throw new Error(r.message);
    expect(r.tag.sizeBytes).toBe(72188133);
    expect(r.imageName).toBe('docker.io/library/nginx:1.27');
    expect(r.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    // latest is the same image as 1.27: same digest
    const latest = catalog.resolve('nginx');
    expect(latest.ok && latest.tag.digest).toBe(r.tag.digest);
  });

  it('gives containerd errors for unknown tags, repositories and registries', () => {
    expect(catalog.resolve('nginx:doesnotexist')).toEqual({
      ok: false,
      kind: 'pull',
      message:
        'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    });
    const repo = catalog.resolve('nginxx');
    expect(!repo.ok && repo.message).toContain(
      'pull access denied, repository does not exist or may require authorization',
    );
    const host = catalog.resolve('myregistry.example.com/app:1.0');
    expect(!host.ok && host.message).toContain('dial tcp: lookup myregistry.example.com: no such host');
  });

  it('can make an image unpullable and pullable again', () => {
    const c = new ImageCatalog();
    c.setUnpullable('nginx');
    const r = c.resolve('nginx:1.27');
    expect(!r.ok && r.message).toContain('dial tcp: i/o timeout');
    c.setUnpullable('nginx', false);
    expect(c.resolve('nginx:1.27').ok).toBe(true);
  });

  it('every entry has a profile and realistic digests', () => {
    for (const e of catalog.entries()) {
      expect(e.tags.length).toBeGreaterThan(0);
      for (const t of e.tags) {
        expect(t.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(t.sizeBytes).toBeGreaterThan(100_000);
      }
    }
  });
});
