/** `kubectl rollout status` for StatefulSets and DaemonSets (kubectl polymorphichelpers/rollout_status.go). */
import type { StoredObject } from '../api/types';
import { RolloutError, type RolloutStatus } from './rollout';

export function statefulSetStatusText(sts: StoredObject): RolloutStatus {
  const strategy = sts.spec?.updateStrategy ?? { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  if (strategy.type !== 'RollingUpdate')
    throw new RolloutError('rollout status is only available for RollingUpdate strategy type');
  const st = sts.status ?? {};
  if (!st.observedGeneration || (sts.metadata.generation ?? 1) > st.observedGeneration) {
    return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  const replicas: number = sts.spec?.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < replicas)
    return { text: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  // The API server defaults rollingUpdate to {partition: 0}, so this is the usual path.
  if (strategy.rollingUpdate) {
    const partition: number = strategy.rollingUpdate.partition ?? 0;
    if ((st.updatedReplicas ?? 0) < replicas - partition) {
      return {
        text: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`,
        done: false,
      };
    }
    return {
      text: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`,
      done: true,
    };
  }
  if (st.updateRevision !== st.currentRevision) {
    return {
      text: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`,
      done: false,
    };
  }
  return {
    text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`,
    done: true,
  };
}

export function daemonSetStatusText(ds: StoredObject): RolloutStatus {
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    throw new RolloutError('rollout status is only available for RollingUpdate strategy type');
  }
  const st = ds.status ?? {};
  const name = ds.metadata.name;
  if ((ds.metadata.generation ?? 1) <= (st.observedGeneration ?? 0)) {
    const desired = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < desired) {
      return {
        text: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`,
        done: false,
      };
    }
    if ((st.numberAvailable ?? 0) < desired) {
      return {
        text: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`,
        done: false,
      };
    }
    return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
}
