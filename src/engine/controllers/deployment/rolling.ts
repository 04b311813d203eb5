/**
 * RollingUpdate (pkg/controller/deployment/rolling.go): grow the new ReplicaSet within maxSurge, then shrink
 * old ones within maxUnavailable, unhealthy replicas first, oldest ReplicaSets first.
 */
import type { StoredObject } from '../../api/types';
import { deploymentComplete } from './status';
import type { DeploymentSync } from './sync';
import { activeOnly, byCreation, maxUnavailable, specReplicas, sumSpec, sumStatus } from './util';

export function rolloutRolling(sync: DeploymentSync): void {
  const { newRS, oldRSs } = sync.allReplicaSets(true);
  const all = () => sync.current(newRS ? [...oldRSs, newRS] : oldRSs);
  if (newRS && reconcileNewReplicaSet(sync, all(), newRS)) {
    sync.syncRolloutStatus(all(), sync.current([newRS])[0]);
    return;
  }
  const fresh = sync.current(oldRSs);
  if (newRS && reconcileOldReplicaSets(sync, all(), activeOnly(fresh), sync.current([newRS])[0])) {
    sync.syncRolloutStatus(all(), sync.current([newRS])[0]);
    return;
  }
  if (deploymentComplete(sync.d, sync.spec, sync.d.status ?? {})) sync.cleanup(sync.current(oldRSs));
  sync.syncRolloutStatus(all(), newRS && sync.current([newRS])[0]);
}

function reconcileNewReplicaSet(sync: DeploymentSync, allRSs: StoredObject[], newRS: StoredObject): boolean {
  const desired = sync.spec.replicas;
  if (specReplicas(newRS) === desired) return false;
  if (specReplicas(newRS) > desired) return sync.scaleAndRecord(newRS, desired).scaled;
  return sync.scaleAndRecord(newRS, sync.newRSNewReplicas(allRSs, newRS)).scaled;
}

function reconcileOldReplicaSets(
  sync: DeploymentSync,
  allRSs: StoredObject[],
  oldRSs: StoredObject[],
  newRS: StoredObject,
): boolean {
  const oldPods = sumSpec(oldRSs);
  if (oldPods === 0) return false;
  const minAvailable = sync.spec.replicas - maxUnavailable(sync.spec);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpec(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const { olds, cleaned } = cleanupUnhealthyReplicas(sync, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldForRollingUpdate(sync, [...olds, newRS], olds);
  return cleaned + scaledDown > 0;
}

/** Old replicas that are not available go first: they cannot make availability worse. */
function cleanupUnhealthyReplicas(
  sync: DeploymentSync,
  oldRSs: StoredObject[],
  maxCleanup: number,
): { olds: StoredObject[]; cleaned: number } {
  const olds = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < olds.length; i++) {
    if (total >= maxCleanup) break;
    const rs = olds[i];
    const available = rs.status?.availableReplicas ?? 0;
    if (specReplicas(rs) === 0 || specReplicas(rs) === available) continue;
    const down = Math.min(maxCleanup - total, specReplicas(rs) - available);
    olds[i] = sync.scaleAndRecord(rs, specReplicas(rs) - down).rs;
    total += down;
  }
  return { olds, cleaned: total };
}

function scaleDownOldForRollingUpdate(
  sync: DeploymentSync,
  allRSs: StoredObject[],
  oldRSs: StoredObject[],
): number {
  const minAvailable = sync.spec.replicas - maxUnavailable(sync.spec);
  const available = sumStatus(allRSs, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (specReplicas(rs) === 0) continue;
    const down = Math.min(specReplicas(rs), target - total);
    sync.scaleAndRecord(rs, specReplicas(rs) - down);
    total += down;
  }
  return total;
}
