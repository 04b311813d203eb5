/**
 * The image catalog (service 'images'): what the simulated registries hold and how each image behaves.
 *
 *   const images = service<ImagesService>(ctx, 'images');
 *   images.resolve('nginx:1.27')          // { ok: true, tag: { sizeBytes, digest }, profile, imageID, imageName }
 *   images.resolve('nginx:doesnotexist')  // { ok: false, kind: 'pull', message: 'rpc error: code = NotFound ...' }
 *   images.setUnpullable('nginx')         // pulls fail as if the registry were down (faults use this)
 *
 * docs/images.md lists every image for lesson authors.
 */
import type { Component, EngineContext } from '../context';
import { ImageCatalog } from './catalog';
import { buildCatalog } from './catalog-data';
import type { CatalogEntry } from './types';

export type { ImageProblem, ResolvedImage } from './catalog';
export { ImageCatalog } from './catalog';
export { defaultPullPolicy, parseImageRef } from './reference';
export type * from './types';

export type ImagesService = ImageCatalog;

let shared: CatalogEntry[] | undefined;

/** Profiles are pure functions and tags are constants, so every cluster shares one built catalog. */
function catalogEntries(): CatalogEntry[] {
  shared ??= buildCatalog();
  return shared;
}

export const imagesComponent: Component = {
  name: 'images',
  start(ctx: EngineContext) {
    ctx.services.set('images', new ImageCatalog(catalogEntries()));
  },
};
