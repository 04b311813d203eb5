/**
 * Recreate (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to zero, wait until none of
 * their pods is left running (terminating pods count), then create / scale up the new ReplicaSet.
 */
import type { StoredObject } from '../../api/types';
import { ownedBy } from '../common/claim';
import { deploymentComplete } from './status';
import type { DeploymentSync } from './sync';
import { activeOnly, sumStatus } from './util';

export function rolloutRecreate(sync: DeploymentSync): void {
  let { newRS, oldRSs } = sync.allReplicaSets(false);
  const all = () => sync.current(newRS ? [...oldRSs, newRS] : oldRSs);
  let scaledDown = false;
  for (const rs of activeOnly(oldRSs)) if (sync.scaleAndRecord(rs, 0).scaled) scaledDown = true;
  if (scaledDown) {
    sync.syncRolloutStatus(all(), newRS);
    return;
  }
  if (oldPodsRunning(sync, newRS, sync.current(oldRSs))) {
    sync.syncRolloutStatus(all(), newRS);
    return;
  }
  if (!newRS) ({ newRS, oldRSs } = sync.allReplicaSets(true));
  if (newRS) sync.scaleAndRecord(sync.current([newRS])[0], sync.spec.replicas);
  if (deploymentComplete(sync.d, sync.spec, sync.d.status ?? {})) sync.cleanup(sync.current(oldRSs));
  sync.syncRolloutStatus(all(), newRS && sync.current([newRS])[0]);
}

function oldPodsRunning(
  sync: DeploymentSync,
  newRS: StoredObject | undefined,
  oldRSs: StoredObject[],
): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const pod of ownedBy(sync.ctx.api, rs, 'Pod')) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
