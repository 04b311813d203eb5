/**
 * Proportional scaling (sync.go scale()): when a Deployment's replicas change in the middle of a rollout,
 * the difference is spread over its active ReplicaSets in proportion to their size (using the
 * max-replicas annotation each got at its last scale), leftovers going to the largest.
 */
import type { StoredObject } from '../../api/types';
import type { DeploymentSync } from './sync';
import {
  activeOnly,
  byCreation,
  bySizeThen,
  isSaturated,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  specReplicas,
  sumSpec,
} from './util';

export function scaleProportionally(
  sync: DeploymentSync,
  newRS: StoredObject | undefined,
  oldRSs: StoredObject[],
): void {
  const { spec } = sync;
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) !== spec.replicas) sync.scaleAndRecord(activeOrLatest, spec.replicas);
    return;
  }
  if (isSaturated(spec, newRS)) {
    for (const old of activeOnly(oldRSs)) sync.scaleAndRecord(old, 0);
    return;
  }
  if (spec.recreate) return;
  const all = activeOnly(newRS ? [...oldRSs, newRS] : oldRSs);
  const allowed = spec.replicas > 0 ? spec.replicas + maxSurge(spec) : 0;
  const toAdd = allowed - sumSpec(all);
  let op = '';
  if (toAdd > 0) {
    all.sort(bySizeThen(true));
    op = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeThen(false));
    op = 'down';
  }
  let added = 0;
  const size = new Map<StoredObject, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(sync, rs, toAdd, added);
      size.set(rs, specReplicas(rs) + p);
      added += p;
    } else size.set(rs, specReplicas(rs));
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) size.set(rs, Math.max(0, size.get(rs)! + toAdd - added));
    sync.scaleReplicaSet(rs, size.get(rs)!, op);
  });
}

/** GetProportion: this ReplicaSet's share of the change, bounded by what is left to add or remove. */
function proportion(sync: DeploymentSync, rs: StoredObject, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (sync.spec.replicas === 0) fraction = -specReplicas(rs);
  else {
    const total = sync.spec.replicas + maxSurge(sync.spec);
    const annotated = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] ?? '', 10);
    const base = Number.isFinite(annotated) ? annotated : (sync.d.status?.replicas ?? 0);
    fraction = roundHalfAway((specReplicas(rs) * total) / base) - specReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** The only active ReplicaSet, or the newest when none is active. */
function findActiveOrLatest(
  newRS: StoredObject | undefined,
  oldRSs: StoredObject[],
): StoredObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeOnly(newRS ? [...olds, newRS] : olds);
  if (active.length === 0) return newRS ?? olds[0];
  return active.length === 1 ? active[0] : undefined;
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
