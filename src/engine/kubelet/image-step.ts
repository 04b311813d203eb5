/**
 * The image step of starting a container (kubelet EnsureImageExists): pull policy, "already present",
 * Pulling/Pulled events, ErrImagePull and ImagePullBackOff with back-off, InvalidImageName.
 */
import type { ResolvedImage } from '../images/catalog';
import { defaultPullPolicy } from '../images/reference';
import { goDuration } from './godur';
import type { PodWorker } from './pod-worker';
import type { ContainerRt } from './types';

/** Make the image present, then call `then`; on failure set the waiting reason and call `next`. */
export function ensureImage(
  w: PodWorker,
  c: ContainerRt,
  next: () => void,
  then: (image: ResolvedImage) => void,
): void {
  const rt = w.rt;
  const spec = c.spec;
  const imageText: string = spec.image ?? '';
  const resolved = w.a.images.resolve(imageText);
  if (!resolved.ok && resolved.kind === 'invalid') {
    w.a.record(rt, c, 'Warning', 'InspectFailed', resolved.message);
    fail(w, c, next, 'InvalidImageName', resolved.message, 60_000);
    return;
  }
  const policy = spec.imagePullPolicy ?? defaultPullPolicy(imageText);
  const present = resolved.ok && w.a.hasImage(resolved.imageName);
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (!present) {
      const msg = `Container image "${imageText}" is not present with pull policy of Never`;
      w.a.record(rt, c, 'Warning', 'ErrImageNeverPull', msg);
      fail(w, c, next, 'ErrImageNeverPull', msg, 30_000);
      return;
    }
    w.a.record(rt, c, 'Normal', 'Pulled', `Container image "${imageText}" already present on machine`);
    then(resolved as ResolvedImage);
    return;
  }
  const bkey = `${rt.uid}_${imageText}`;
  if (w.a.pullBackoff.inBackOffSinceUpdate(bkey, w.now)) {
    const msg = `Back-off pulling image "${imageText}"`;
    if ('terminated' in c.state) c.lastState = c.state.terminated;
    c.state = { waiting: { reason: 'ImagePullBackOff', message: msg } };
    w.a.record(rt, c, 'Normal', 'BackOff', msg);
    w.a.record(rt, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    w.a.markDirty(rt);
    w.syncAfter(w.a.pullBackoff.until(bkey, w.now - 0) - w.now + 1);
    next();
    return;
  }
  w.a.record(rt, c, 'Normal', 'Pulling', `Pulling image "${imageText}"`);
  w.a.pull(resolved.ok ? resolved : { ok: false, message: resolved.message }, (o) => {
    if (rt.gone || rt.terminating) return next();
    if (!o.ok) {
      w.a.record(rt, c, 'Warning', 'Failed', `Failed to pull image "${imageText}": ${o.message}`);
      w.a.pullBackoff.next(bkey, w.now);
      // The next sync (PLEG / status update) shows ImagePullBackOff.
      return fail(w, c, next, 'ErrImagePull', o.message!, w.a.rng.int(800, 1500));
    }
    const size = (resolved as ResolvedImage).tag.sizeBytes;
    w.a.record(
      rt,
      c,
      'Normal',
      'Pulled',
      `Successfully pulled image "${imageText}" in ${goDuration(o.pullMs)} (${goDuration(o.totalMs)} including waiting). Image size: ${size} bytes.`,
    );
    then(resolved as ResolvedImage);
  });
}

/**
 * The image step failed: the container waits with `reason`, the next sync retries after `retryMs`.
 * (A function of its own rather than a closure made for every container start.)
 */
function fail(
  w: PodWorker,
  c: ContainerRt,
  next: () => void,
  reason: string,
  message: string,
  retryMs: number,
): void {
  const rt = w.rt;
  if ('terminated' in c.state) c.lastState = c.state.terminated;
  c.state = { waiting: { reason, message } };
  // kuberuntime records the error's gRPC message: the reason itself for image errors.
  w.a.record(rt, c, 'Warning', 'Failed', `Error: ${reason}`);
  w.a.markDirty(rt);
  w.syncAfter(retryMs);
  next();
}
