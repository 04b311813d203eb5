/**
 * Which cluster the lab runs: plain Kubernetes, or OpenShift (its API groups, `oc` commands, routes and
 * builds). Switching starts a fresh cluster of that kind, so it asks first.
 */
import { useTranslation } from 'react-i18next';
import { CLUSTER_PROFILES, type ClusterProfile } from '../../protocol/messages';
import { lab } from '../lab/client';
import { useLab } from '../lab/store';

export function ClusterProfileSelect() {
  const { t } = useTranslation();
  const profile = useLab((s) => s.clock.profile);
  const connected = useLab((s) => s.connected);
  const label = (p: ClusterProfile) =>
    t(p === 'openshift' ? 'controls.clusterOpenshift' : 'controls.clusterKubernetes');
  const change = (next: ClusterProfile) => {
    if (next === profile) return;
    if (window.confirm(t('controls.clusterConfirm', { profile: label(next) })))
      void lab().reset({ profile: next });
  };
  return (
    <label className="cluster-profile">
      <span>{t('controls.cluster')}</span>
      <select
        value={profile}
        onChange={(e) => change(e.target.value as ClusterProfile)}
        disabled={!connected}
        data-testid="cluster-profile"
      >
        {CLUSTER_PROFILES.map((p) => (
          <option key={p} value={p}>
            {label(p)}
          </option>
        ))}
      </select>
    </label>
  );
}
