/**
 * The HorizontalPodAutoscaler controller (autoscaling/v2): every 15 s it reads the target's scale and its
 * pods' resource usage, computes a recommendation per metric (the highest wins), stabilizes and
 * rate-limits it, rescales the target, and writes status with the AbleToScale / ScalingActive /
 * ScalingLimited conditions `kubectl describe hpa` shows. Without metrics the targets read `<unknown>`.
 */
import { fromLabelSelector } from '../api/selectors';
import type { KObject, StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import { splitKey, WorkQueue } from '../controllers/workqueue';
import { quantityValue } from '../schema/quantity';
import { deepEqual } from '../util/objects';
import {
  DEFAULT_SCALE_DOWN,
  DEFAULT_SCALE_UP,
  limitRate,
  rulesOf,
  type ScaleEvent,
  stabilize,
} from './behavior';
import { type MetricsReader, metricsReader } from './metrics-source';
import {
  type PodSample,
  type Recommendation,
  replicasForAverageValue,
  replicasForUtilization,
} from './replica-calculator';

export const HPAS = 'horizontalpodautoscalers.autoscaling';
export const SYNC_PERIOD_MS = 15_000;
const SOURCE = { component: 'horizontal-pod-autoscaler' };

const TARGETS: Record<string, string> = {
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  StatefulSet: 'statefulsets.apps',
  ReplicationController: 'replicationcontrollers',
};

interface MetricSpec {
  type: string;
  resource?: {
    name: string;
    target: { type: string; averageUtilization?: number; averageValue?: string | number };
  };
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

export function formatUsage(resource: string, value: number): string {
  if (resource === 'cpu') return value % 1000 === 0 ? String(value / 1000) : `${Math.round(value)}m`;
  return String(Math.round(value));
}

export class HpaController {
  private readonly queue: WorkQueue;
  private readonly metrics: MetricsReader;
  private readonly recommendations = new Map<string, { atMs: number; replicas: number }[]>();
  private readonly scaleEvents = new Map<string, ScaleEvent[]>();

  constructor(private readonly ctx: EngineContext) {
    this.metrics = metricsReader(ctx);
    this.queue = new WorkQueue(ctx.clock, 'horizontal-pod-autoscaler', (k) => this.reconcile(k));
    ctx.api.watch(HPAS, undefined, (e) => {
      if (e.type === 'DELETED') {
        this.recommendations.delete(e.object.metadata.uid);
        this.scaleEvents.delete(e.object.metadata.uid);
      } else if (e.type === 'ADDED' || e.object.metadata.generation !== e.old?.metadata.generation) {
        this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      }
    });
  }

  private reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const hpa = this.ctx.api.tryGet(HPAS, namespace, name);
    if (!hpa) return;
    this.queue.addAfter(key, SYNC_PERIOD_MS);
    const conditions = new Map<string, Condition>(
      ((hpa.status?.conditions ?? []) as Condition[]).map((c) => [c.type, c]),
    );
    const setCondition = (type: string, status: 'True' | 'False', reason: string, message: string) =>
      conditions.set(type, { type, status, reason, message });
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const resource = TARGETS[ref.kind];
    const target = resource ? this.ctx.api.tryGet(resource, hpa.metadata.namespace, ref.name) : undefined;
    if (!target) {
      const why = resource
        ? `${resource} "${ref.name}" not found`
        : `no matches for kind "${ref.kind}" in group "${ref.apiVersion ?? ''}"`;
      this.ctx.events.record(hpa, 'Warning', 'FailedGetScale', why, SOURCE);
      setCondition(
        'AbleToScale',
        'False',
        'FailedGetScale',
        `the HPA controller was unable to get the target's current scale: ${why}`,
      );
      this.writeStatus(hpa, conditions, {
        currentReplicas: hpa.status?.currentReplicas ?? 0,
        desiredReplicas: hpa.status?.desiredReplicas ?? 0,
      });
      return;
    }
    setCondition(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    const current: number = target.spec?.replicas ?? 1;
    const min: number = hpa.spec?.minReplicas ?? 1;
    const max: number = hpa.spec?.maxReplicas ?? 1;
    const now = this.ctx.clock.now();
    const uid = hpa.metadata.uid;
    let desired = current;
    let rescaleReason = '';
    let currentMetrics: unknown[] | undefined;
    if (current === 0 && min !== 0) {
      desired = 0;
      setCondition(
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      );
    } else if (current > max) {
      desired = max;
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (current < min) {
      desired = min;
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      const computed = this.computeReplicas(hpa, target, current);
      currentMetrics = computed.statuses;
      if (computed.error) {
        const invalid = computed.invalid;
        this.ctx.events.record(hpa, 'Warning', computed.error.reason, computed.error.message, SOURCE);
        this.ctx.events.record(
          hpa,
          'Warning',
          'FailedComputeMetricsReplicas',
          `invalid metrics (${invalid} invalid out of ${computed.total}), first error is: failed to get ${computed.error.metric} resource metric value: ${computed.error.message}`,
          SOURCE,
        );
        setCondition(
          'ScalingActive',
          'False',
          computed.error.reason,
          `the HPA was unable to compute the replica count: ${computed.error.message}`,
        );
        this.writeStatus(hpa, conditions, {
          currentReplicas: current,
          desiredReplicas: hpa.status?.desiredReplicas ?? 0,
          currentMetrics,
        });
        return;
      }
      setCondition(
        'ScalingActive',
        'True',
        'ValidMetricFound',
        `the HPA was able to successfully calculate a replica count from ${computed.metricName}`,
      );
      const up = rulesOf(hpa.spec?.behavior?.scaleUp, DEFAULT_SCALE_UP);
      const down = rulesOf(hpa.spec?.behavior?.scaleDown, DEFAULT_SCALE_DOWN);
      const history = (this.recommendations.get(uid) ?? []).filter(
        (r) => r.atMs > now - Math.max(up.stabilizationWindowSeconds, down.stabilizationWindowSeconds) * 1000,
      );
      const stabilized = stabilize(current, computed.replicas, history, now, up, down);
      history.push({ atMs: now, replicas: computed.replicas });
      this.recommendations.set(uid, history);
      setCondition('AbleToScale', 'True', stabilized.reason, stabilized.message);
      const events = (this.scaleEvents.get(uid) ?? []).filter((e) => e.atMs > now - 1_800_000);
      const limited = limitRate(current, stabilized.replicas, min, max, events, now, up, down);
      setCondition(
        'ScalingLimited',
        limited.reason === 'DesiredWithinRange' ? 'False' : 'True',
        limited.reason,
        limited.message,
      );
      desired = limited.replicas;
      if (desired > current) rescaleReason = `${computed.metricName} above target`;
      else if (desired < current) rescaleReason = 'All metrics below target';
    }
    let lastScaleTime = hpa.status?.lastScaleTime;
    if (desired !== current) {
      this.ctx.api.update({ ...target, spec: { ...target.spec, replicas: desired } });
      const events = this.scaleEvents.get(uid) ?? [];
      events.push({ atMs: now, delta: desired - current });
      this.scaleEvents.set(uid, events);
      lastScaleTime = this.ctx.clock.nowISO();
      this.ctx.events.record(
        hpa,
        'Normal',
        'SuccessfulRescale',
        `New size: ${desired}; reason: ${rescaleReason}`,
        SOURCE,
      );
      setCondition(
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
      );
    }
    this.writeStatus(hpa, conditions, {
      currentReplicas: current,
      desiredReplicas: desired,
      ...(currentMetrics ? { currentMetrics } : {}),
      ...(lastScaleTime ? { lastScaleTime } : {}),
    });
  }

  private computeReplicas(hpa: StoredObject, target: StoredObject, current: number) {
    const specs: MetricSpec[] = hpa.spec?.metrics?.length
      ? hpa.spec.metrics
      : [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
          },
        ];
    const selector = fromLabelSelector(target.spec?.selector);
    const pods = this.ctx.api
      .list('pods', { namespace: hpa.metadata.namespace, ...(selector ? { labelSelector: selector } : {}) })
      .filter(
        (p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Pending',
      );
    const statuses: unknown[] = [];
    let best: { replicas: number; metricName: string } | undefined;
    let firstError: { reason: string; message: string; metric: string } | undefined;
    let invalid = 0;
    for (const spec of specs) {
      const res = spec.resource;
      if (spec.type !== 'Resource' || !res) {
        invalid++;
        statuses.push({ type: '' });
        firstError ??= {
          reason: 'FailedGetResourceMetric',
          message: `unable to get metric of type ${spec.type}`,
          metric: spec.type,
        };
        continue;
      }
      const utilizationTarget =
        res.target.type === 'Utilization' ? (res.target.averageUtilization ?? 80) : undefined;
      const what = utilizationTarget !== undefined ? `${res.name} utilization` : `${res.name} usage`;
      let outcome: Recommendation;
      try {
        const samples = this.samples(pods, res.name);
        if (utilizationTarget !== undefined) {
          outcome = replicasForUtilization(current, utilizationTarget, samples, res.name, (p) =>
            this.containerWithoutRequest(pods, p, res.name),
          );
        } else {
          const value = quantityValue(res.target.averageValue ?? '0') * (res.name === 'cpu' ? 1000 : 1);
          outcome = replicasForAverageValue(current, value, samples);
        }
      } catch (e) {
        invalid++;
        statuses.push({ type: '' });
        firstError ??= {
          reason: 'FailedGetResourceMetric',
          message: `failed to get ${what}: ${(e as Error).message}`,
          metric: res.name,
        };
        continue;
      }
      const metricName =
        utilizationTarget !== undefined
          ? `${res.name} resource utilization (percentage of request)`
          : `${res.name} resource`;
      statuses.push({
        type: 'Resource',
        resource: {
          name: res.name,
          current: {
            ...(outcome.utilization !== undefined ? { averageUtilization: outcome.utilization } : {}),
            averageValue: formatUsage(res.name, outcome.averageValue),
          },
        },
      });
      if (!best || outcome.replicas > best.replicas) best = { replicas: outcome.replicas, metricName };
    }
    if (!best) return { error: firstError!, invalid, total: specs.length, statuses };
    return { ...best, statuses };
  }

  /** Usage and requests per pod; throws the metrics API's error when no pod has metrics. */
  private samples(pods: StoredObject[], resource: string): PodSample[] {
    if (!this.metrics.available()) {
      throw new Error(
        `unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)`,
      );
    }
    const samples = pods.map((pod) => {
      const usage = this.metrics.usage(pod);
      return {
        name: pod.metadata.name,
        request: podRequest(pod, resource),
        usage: usage ? (resource === 'cpu' ? usage.cpuMillis : usage.memoryBytes) : undefined,
        unready: resource === 'cpu' && !isReady(pod),
      };
    });
    if (!samples.some((s) => s.usage !== undefined)) {
      throw new Error(
        `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`,
      );
    }
    return samples;
  }

  private containerWithoutRequest(pods: StoredObject[], podName: string, resource: string): string {
    const pod = pods.find((p) => p.metadata.name === podName);
    const c = (pod?.spec?.containers ?? []).find(
      (x: KObject['spec']) => x.resources?.requests?.[resource] === undefined,
    );
    return c?.name ?? '';
  }

  private writeStatus(
    hpa: StoredObject,
    conditions: Map<string, Condition>,
    fields: Record<string, unknown>,
  ): void {
    const old = new Map<string, Condition>(
      ((hpa.status?.conditions ?? []) as Condition[]).map((c) => [c.type, c]),
    );
    const now = this.ctx.clock.nowISO();
    const list = ['AbleToScale', 'ScalingActive', 'ScalingLimited']
      .map((t) => conditions.get(t))
      .filter((c): c is Condition => !!c)
      .map((c) => {
        const prev = old.get(c.type);
        return {
          ...c,
          lastTransitionTime: prev && prev.status === c.status ? (prev.lastTransitionTime ?? now) : now,
        };
      });
    const status = { ...fields, conditions: list };
    if (deepEqual(hpa.status, status)) return;
    this.ctx.api.updateStatus({ ...hpa, status });
  }
}

/** Sum of the containers' requests (millicores for cpu, bytes for memory); undefined if one has none. */
function podRequest(pod: StoredObject, resource: string): number | undefined {
  let total = 0;
  for (const c of pod.spec?.containers ?? []) {
    const q = c.resources?.requests?.[resource];
    if (q === undefined) return undefined;
    total += quantityValue(q) * (resource === 'cpu' ? 1000 : 1);
  }
  return total;
}

function isReady(pod: StoredObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
  );
}

export const hpaComponent: Component = {
  name: 'horizontal-pod-autoscaler',
  start(ctx) {
    new HpaController(ctx);
  },
};
