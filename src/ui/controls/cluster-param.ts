/**
 * `?cluster=openshift` (or `kubernetes`) in the address: once the worker has started, make sure the lab
 * runs that kind of cluster, starting a fresh one only when the restored session is of the other kind.
 * Links from course material can then open straight into an OpenShift lab.
 */
import { CLUSTER_PROFILES, type ClusterProfile } from '../../protocol/messages';
import type { lab as labClient } from '../lab/client';
import type { useLab } from '../lab/store';

export function clusterParam(search: string): ClusterProfile | undefined {
  const v = new URLSearchParams(search).get('cluster');
  return CLUSTER_PROFILES.find((p) => p === v);
}

export function applyClusterParam(
  search: string,
  store: typeof useLab,
  client: ReturnType<typeof labClient>,
): void {
  const wanted = clusterParam(search);
  if (!wanted) return;
  const settle = () => {
    const { connected, clock } = store.getState();
    if (!connected) return false;
    if (clock.profile !== wanted) void client.reset({ profile: wanted });
    return true;
  };
  if (settle()) return;
  const unsubscribe = store.subscribe(() => {
    if (settle()) unsubscribe();
  });
}
