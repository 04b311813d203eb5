/**
 * SetDefaults_* of apps/v1, batch/v1, autoscaling/v2, networking/v1, rbac/v1, scheduling/v1 and
 * storage/v1 (pkg/apis/<group>/<version>/defaults.go).
 */
import { type Defaulter, mapList, type Obj, update, withDefaults } from './defaulting';

function specDefaults(f: (spec: Obj, o: Obj) => Obj): Defaulter {
  return (o) => {
    if (!o.spec || typeof o.spec !== 'object') return o;
    const spec = f(o.spec, o);
    return spec === o.spec ? o : { ...o, spec };
  };
}

const deployment = specDefaults((s) => {
  let spec = withDefaults(s, { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
  spec = update(spec, 'strategy', (st: Obj | undefined) => {
    let strategy = withDefaults(st ?? {}, { type: 'RollingUpdate' });
    if (strategy.type === 'RollingUpdate') {
      strategy = update(strategy, 'rollingUpdate', (ru) =>
        withDefaults(ru ?? {}, { maxUnavailable: '25%', maxSurge: '25%' }),
      );
    }
    return strategy;
  });
  return spec;
});

const replicaSet = specDefaults((s) => withDefaults(s, { replicas: 1 }));

/** A StatefulSet's claim templates are PersistentVolumeClaims: typed, with a Pending status. */
const claimTemplate = (t: Obj): Obj => {
  let out = withDefaults(t, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
  if (out.metadata?.creationTimestamp === undefined)
    out = { ...out, metadata: { creationTimestamp: null, ...out.metadata } };
  return update(out, 'status', (st) => withDefaults(st ?? {}, { phase: 'Pending' }));
};

const statefulSet = specDefaults((s) => {
  let spec = withDefaults(s, {
    podManagementPolicy: 'OrderedReady',
    replicas: 1,
    revisionHistoryLimit: 10,
  });
  spec = update(spec, 'updateStrategy', (us: Obj | undefined) => {
    let strategy = withDefaults(us ?? {}, { type: 'RollingUpdate' });
    if (strategy.type === 'RollingUpdate')
      strategy = update(strategy, 'rollingUpdate', (ru) => withDefaults(ru ?? {}, { partition: 0 }));
    return strategy;
  });
  spec = update(spec, 'persistentVolumeClaimRetentionPolicy', (p) =>
    withDefaults(p ?? {}, { whenDeleted: 'Retain', whenScaled: 'Retain' }),
  );
  return update(spec, 'volumeClaimTemplates', (list) => mapList(list, claimTemplate));
});

const daemonSet = specDefaults((s) => {
  const spec = withDefaults(s, { revisionHistoryLimit: 10 });
  return update(spec, 'updateStrategy', (us: Obj | undefined) => {
    let strategy = withDefaults(us ?? {}, { type: 'RollingUpdate' });
    if (strategy.type === 'RollingUpdate') {
      strategy = update(strategy, 'rollingUpdate', (ru) =>
        withDefaults(ru ?? {}, { maxUnavailable: 1, maxSurge: 0 }),
      );
    }
    return strategy;
  });
});

const job: Defaulter = (o) => {
  let out = specDefaults((s) => {
    let spec = s;
    if (spec.completions === undefined && spec.parallelism === undefined)
      spec = { ...spec, completions: 1, parallelism: 1 };
    spec = withDefaults(spec, {
      parallelism: 1,
      backoffLimit: spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed',
      manualSelector: false,
    });
    return spec;
  })(o);
  const labels = out.spec?.template?.metadata?.labels;
  if (labels && Object.keys(out.metadata?.labels ?? {}).length === 0)
    out = { ...out, metadata: { ...out.metadata, labels } };
  return out;
};

const cronJob = specDefaults((s) => {
  let spec = withDefaults(s, {
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
  });
  spec = update(spec, 'jobTemplate', (t: Obj | undefined) =>
    t && t.metadata?.creationTimestamp === undefined
      ? { ...t, metadata: { creationTimestamp: null, ...t.metadata } }
      : t,
  );
  return spec;
});

const SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max' };
const SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max' };

const hpa = specDefaults((s) => {
  let spec = withDefaults(s, { minReplicas: 1 });
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec = {
      ...spec,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
    };
  }
  if (spec.behavior) {
    spec = update(spec, 'behavior', (b: Obj) => {
      let out = update(b, 'scaleUp', (r) =>
        withDefaults(r ?? {}, {
          ...SCALE_UP,
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        }),
      );
      out = update(out, 'scaleDown', (r) =>
        withDefaults(r ?? {}, {
          ...SCALE_DOWN,
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        }),
      );
      return out;
    });
  }
  return spec;
});

const networkPolicy = specDefaults((s) => {
  if (Array.isArray(s.policyTypes) && s.policyTypes.length > 0) return s;
  const types = ['Ingress'];
  if (Array.isArray(s.egress) && s.egress.length > 0) types.push('Egress');
  return { ...s, policyTypes: types };
});

const subject: Defaulter = (sub) =>
  sub.apiGroup === undefined && (sub.kind === 'User' || sub.kind === 'Group')
    ? { ...sub, apiGroup: 'rbac.authorization.k8s.io' }
    : sub;

export const APPS_DEFAULTERS: Record<string, Defaulter> = {
  'io.k8s.api.apps.v1.Deployment': deployment,
  'io.k8s.api.apps.v1.ReplicaSet': replicaSet,
  'io.k8s.api.apps.v1.StatefulSet': statefulSet,
  'io.k8s.api.apps.v1.DaemonSet': daemonSet,
  'io.k8s.api.batch.v1.Job': job,
  'io.k8s.api.batch.v1.CronJob': cronJob,
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler': hpa,
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler': specDefaults((s) =>
    withDefaults(s, { minReplicas: 1 }),
  ),
  'io.k8s.api.networking.v1.NetworkPolicy': networkPolicy,
  'io.k8s.api.networking.v1.NetworkPolicyPort': (p) => withDefaults(p, { protocol: 'TCP' }),
  'io.k8s.api.rbac.v1.Subject': subject,
  'io.k8s.api.scheduling.v1.PriorityClass': (o) =>
    withDefaults(o, { preemptionPolicy: 'PreemptLowerPriority' }),
  'io.k8s.api.storage.v1.StorageClass': (o) =>
    withDefaults(o, { reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }),
};
