/**
 * DaemonSet RollingUpdate (pkg/controller/daemon/update.go): without surge, delete just enough old pods to
 * stay within maxUnavailable and let the manage loop replace them; with maxSurge, start the new pod beside
 * the old one and delete the old one once the new one is available. Also the per-node pruning rule.
 */
import type { StoredObject } from '../../api/types';
import { CONTROLLER_REVISION_HASH_LABEL } from '../common/history';
import { scaledValue } from '../common/intstr';
import { isPodAvailable, isPodReady } from '../common/pods';

export type Placement = { shouldRun: boolean; shouldContinueRunning: boolean };
export type Fits = (node: StoredObject) => Placement;
export interface Plan {
  toDelete: StoredObject[];
  /** Node names that get a new pod. */
  toCreate: string[];
}

export function planRollingUpdate(
  ds: StoredObject,
  nodes: StoredObject[],
  byNode: Map<string, StoredObject[]>,
  hash: string,
  fits: Fits,
  now: number,
): Plan {
  const minReady: number = ds.spec?.minReadySeconds ?? 0;
  const desired = nodes.filter((n) => fits(n).shouldRun).length;
  const { surge, unavailable: maxUnavailable } = fenceposts(ds, desired);
  const available = (p: StoredObject) => isPodAvailable(p, minReady, now);
  const split = (nodeName: string) => {
    // Nodes with only terminating pods still count (as unavailable), as in findUpdatedPodsOnNode.
    const pods = byNode.get(nodeName) ?? [];
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const fresh = live.filter((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash);
    const old = live.filter((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== hash);
    return { pods, fresh, old, ok: fresh.length <= 1 && old.length <= 1 };
  };
  if (surge > 0) return planSurge(nodes, split, available, desired, surge, fits);
  // Without surge: delete just enough old pods to stay within maxUnavailable; manage() replaces them.
  let unavailable = 0;
  const replacements: StoredObject[] = [];
  const candidates: StoredObject[] = [];
  for (const node of nodes) {
    const { pods, fresh, old, ok } = split(node.metadata.name);
    if (pods.length === 0) continue;
    if (!ok || (fresh.length === 0) === (old.length === 0)) {
      unavailable++;
      continue;
    }
    if (fresh.length === 1) {
      if (!available(fresh[0])) unavailable++;
      continue;
    }
    if (!available(old[0])) replacements.push(old[0]);
    else if (unavailable < maxUnavailable) candidates.push(old[0]);
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return { toDelete: [...replacements, ...candidates.slice(0, remaining)], toCreate: [] };
}

/**
 * With maxSurge: start a new pod beside an old one (at most maxSurge at a time, at once where the old
 * pod is unavailable) and delete the old pod once the new one is available.
 */
function planSurge(
  nodes: StoredObject[],
  split: (node: string) => {
    pods: StoredObject[];
    fresh: StoredObject[];
    old: StoredObject[];
    ok: boolean;
  },
  available: (p: StoredObject) => boolean,
  desired: number,
  maxSurge: number,
  fits: Fits,
): Plan {
  const oldToDelete: StoredObject[] = [];
  const shouldNotRun: StoredObject[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  let surging = 0;
  let numAvailable = 0;
  for (const node of nodes) {
    const { pods, fresh, old, ok } = split(node.metadata.name);
    if (pods.length === 0) continue;
    if (!ok) {
      surging++;
      continue;
    }
    const oldPod = old[0];
    const newPod = fresh[0];
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!fits(node).shouldRun) oldToDelete.push(oldPod);
        else allowedNew.push(node.metadata.name);
      } else if (!fits(node).shouldRun) shouldNotRun.push(oldPod);
      else if (surging < maxSurge) candidateNew.push(node.metadata.name);
      continue;
    }
    if (!available(newPod)) surging++;
    else oldToDelete.push(oldPod);
  }
  const deletable = Math.min(Math.max(0, numAvailable - desired), shouldNotRun.length);
  oldToDelete.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - surging), candidateNew.length);
  return { toDelete: oldToDelete, toCreate: [...allowedNew, ...candidateNew.slice(0, remaining)] };
}

/** maxSurge (rounded up) and maxUnavailable (rounded up) of a RollingUpdate DaemonSet; both 0 means 1 unavailable. */
export function fenceposts(ds: StoredObject, desired: number): { surge: number; unavailable: number } {
  const ru =
    ds.spec?.updateStrategy?.type === 'OnDelete' ? undefined : ds.spec?.updateStrategy?.rollingUpdate;
  const surge = Math.max(0, scaledValue(ru?.maxSurge, desired, true, 0));
  let unavailable = Math.max(0, scaledValue(ru?.maxUnavailable, desired, true, 1));
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/**
 * Pods beyond the one a node keeps (podsShouldBeOnNode): the oldest only; with surge, the oldest of the
 * current revision and the oldest old one while the new one is not ready yet.
 */
export function excessPods(running: StoredObject[], hash: string, surge: boolean): StoredObject[] {
  if (running.length <= 1) return [];
  if (!surge) return running.slice(1);
  const out: StoredObject[] = [];
  let oldestNew: StoredObject | undefined;
  let oldestOld: StoredObject | undefined;
  for (const p of running) {
    if (p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) {
      if (!oldestNew) {
        oldestNew = p;
        continue;
      }
    } else if (!oldestOld) {
      oldestOld = p;
      continue;
    }
    out.push(p);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodReady(oldestNew))) out.push(oldestOld);
  return out;
}
