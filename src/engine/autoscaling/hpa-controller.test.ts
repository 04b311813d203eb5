import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../api/types';
import { testBed } from '../controllers/testbed';
import { isoSeconds } from '../sim/clock';
import { HPAS, hpaComponent } from './hpa-controller';
import { metricsReader } from './metrics-source';
import { replicasForUtilization } from './replica-calculator';

function deploymentWith(replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    },
  };
}

function hpa(min = 1, max = 10, target = 50): KObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: min,
      maxReplicas: max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
        },
      ],
    },
  };
}

/** A running, ready pod of the Deployment requesting 100m CPU (what the ReplicaSet and kubelet would make). */
function addPod(api: ReturnType<typeof testBed>['api'], name: string, request: string | null = '100m'): void {
  const pod = api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          ...(request ? { resources: { requests: { cpu: request } } } : {}),
        },
      ],
    },
  });
  api.updateStatus({
    ...pod,
    status: { phase: 'Running', podIP: '10.244.1.2', conditions: [{ type: 'Ready', status: 'True' }] },
  });
}

function setup(pods: number, withMetrics = true) {
  const t = testBed([hpaComponent]);
  const usage = new Map<string, number>();
  if (withMetrics)
    t.ctx.services.set('metrics', {
      podUsage: (pod: StoredObject) => {
        const cpu = usage.get(pod.metadata.name);
        return cpu === undefined ? undefined : { cpuMillis: cpu, memoryBytes: 20_000_000 };
      },
    });
  t.api.create(deploymentWith(pods));
  for (let i = 0; i < pods; i++) addPod(t.api, `web-${i}`);
  return { t, api: t.api, usage };
}

const conditions = (o: StoredObject) =>
  (o.status.conditions as { type: string; status: string; reason: string; message: string }[]).map((c) => [
    c.type,
    c.status,
    c.reason,
    c.message,
  ]);

describe('HPA controller', () => {
  it('without a metrics API: <unknown> current metrics, FailedGetResourceMetric and ScalingActive False', () => {
    const { t, api } = setup(2, false);
    api.create(hpa());
    t.advance(20);
    const err =
      'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(t.takeEvents()).toEqual([
      `FailedGetResourceMetric: ${err}`,
      `FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${err}`,
    ]);
    const status = api.get(HPAS, 'default', 'web').status;
    expect(status.currentMetrics).toEqual([{ type: '' }]);
    expect(status.currentReplicas).toBe(2);
    expect(conditions(api.get(HPAS, 'default', 'web'))).toEqual([
      [
        'AbleToScale',
        'True',
        'SucceededGetScale',
        "the HPA controller was able to get the target's current scale",
      ],
      [
        'ScalingActive',
        'False',
        'FailedGetResourceMetric',
        `the HPA was unable to compute the replica count: ${err}`,
      ],
    ]);
  });

  it('with metrics missing for every pod says no metrics were returned', () => {
    const { t, api } = setup(1);
    api.create(hpa());
    t.advance(20);
    expect(t.takeEvents()[0]).toBe(
      'FailedGetResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    );
  });

  it('scales up by ceil(current * usage / target), then holds scale-down for the 300 s stabilization window', () => {
    const { t, api, usage } = setup(2);
    usage.set('web-0', 100);
    usage.set('web-1', 100);
    api.create(hpa(1, 10, 50));
    t.advance(20);
    expect(t.takeEvents()).toEqual([
      'SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(api.get('deployments.apps', 'default', 'web').spec.replicas).toBe(4);
    const scaled = api.get(HPAS, 'default', 'web');
    expect(scaled.status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 4,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '100m' } },
        },
      ],
      lastScaleTime: isoSeconds(0),
    });
    expect(conditions(scaled)).toEqual([
      [
        'AbleToScale',
        'True',
        'SucceededRescale',
        'the HPA controller was able to update the target scale to 4',
      ],
      [
        'ScalingActive',
        'True',
        'ValidMetricFound',
        'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      ],
      ['ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'],
    ]);
    // The new pods come up; load spreads and drops to 20% of request.
    addPod(api, 'web-2');
    addPod(api, 'web-3');
    for (let i = 0; i < 4; i++) usage.set(`web-${i}`, 20);
    t.advance(15_000);
    expect(t.takeEvents()).toEqual([]);
    expect(conditions(api.get(HPAS, 'default', 'web'))[0]).toEqual([
      'AbleToScale',
      'True',
      'ScaleDownStabilized',
      'recent recommendations were higher than current one, applying the highest recent recommendation',
    ]);
    t.advance(285_000);
    expect(api.get('deployments.apps', 'default', 'web').spec.replicas).toBe(4);
    t.advance(15_000);
    expect(t.takeEvents()).toEqual(['SuccessfulRescale: New size: 2; reason: All metrics below target']);
  });

  it('stays within the 10% tolerance and caps at maxReplicas with TooManyReplicas', () => {
    const { t, api, usage } = setup(2);
    usage.set('web-0', 54);
    usage.set('web-1', 54);
    api.create(hpa(1, 3, 50));
    t.advance(20);
    expect(api.get('deployments.apps', 'default', 'web').spec.replicas).toBe(2);
    usage.set('web-0', 300);
    usage.set('web-1', 300);
    t.advance(15_000);
    expect(api.get('deployments.apps', 'default', 'web').spec.replicas).toBe(3);
    expect(conditions(api.get(HPAS, 'default', 'web'))[2]).toEqual([
      'ScalingLimited',
      'True',
      'TooManyReplicas',
      'the desired replica count is more than the maximum replica count',
    ]);
  });

  it('reports a container without a CPU request', () => {
    const t = testBed([hpaComponent]);
    t.ctx.services.set('metrics', { podUsage: () => ({ cpuMillis: 50, memoryBytes: 1 }) });
    t.api.create(deploymentWith(1));
    addPod(t.api, 'web-0', null);
    t.api.create(hpa());
    t.advance(20);
    expect(t.takeEvents()[0]).toBe(
      'FailedGetResourceMetric: failed to get cpu utilization: missing request for cpu in container web of Pod web-0',
    );
  });

  it('brings a target below minReplicas up without reading metrics', () => {
    const { t, api } = setup(1, false);
    api.create(hpa(3, 5));
    t.advance(20);
    expect(t.takeEvents()).toEqual([
      'SuccessfulRescale: New size: 3; reason: Current number of replicas below Spec.MinReplicas',
    ]);
  });
});

describe('replica calculation', () => {
  const pod = (name: string, usage: number | undefined, unready = false) => ({
    name,
    request: 100,
    usage,
    unready,
  });
  it('treats missing pods as 100% when scaling down and unready ones as 0% when scaling up', () => {
    // 2 ready at 20% + 1 missing: base ratio 0.4, so the missing pod counts at 100%: (20+20+100)/300 = 46%, ratio 0.92, within tolerance.
    expect(
      replicasForUtilization(3, 50, [pod('a', 20), pod('b', 20), pod('c', undefined)], 'cpu', () => 'x')
        .replicas,
    ).toBe(3);
    // 1 ready at 200% + 1 unready: scale-up counts the unready one at 0 -> 100% / 50% = 2 -> ceil(2*2) = 4
    expect(
      replicasForUtilization(2, 50, [pod('a', 200), pod('b', 150, true)], 'cpu', () => 'x').replicas,
    ).toBe(4);
    expect(
      replicasForUtilization(
        4,
        50,
        [pod('a', 10), pod('b', 10), pod('c', 10), pod('d', 10)],
        'cpu',
        () => 'x',
      ).replicas,
    ).toBe(1);
  });
});

describe('metrics adapter', () => {
  it("reads the kubelets' per-container usage and PodMetrics-like objects", () => {
    const t = testBed([]);
    const reader = metricsReader(t.ctx);
    const pod = { metadata: { name: 'p', namespace: 'default' } } as StoredObject;
    expect(reader.available()).toBe(false);
    t.ctx.services.set('metrics', {
      usage: () => [
        { name: 'a', cpu: 120, memory: 1000 },
        { name: 'b', cpu: 30, memory: 24 },
      ],
    });
    expect(reader.available()).toBe(true);
    expect(reader.usage(pod)).toEqual({ cpuMillis: 150, memoryBytes: 1024 });
    t.ctx.services.set('metrics', {
      podMetrics: (_ns: string, _name: string) => ({
        containers: [{ name: 'a', usage: { cpu: '250m', memory: '64Mi' } }],
      }),
    });
    expect(reader.usage(pod)).toEqual({ cpuMillis: 250, memoryBytes: 64 * 1024 * 1024 });
    // metrics-server's service (src/engine/metrics): podUsage(namespace, name) with per-container numbers.
    t.ctx.services.set('metrics', {
      available: () => true,
      podUsage: (_ns: string, _name: string) => ({
        containers: [{ name: 'a', cpuMilli: 70, cpuMillis: 70, memoryBytes: 5 }],
        timestamp: '',
        window: '15s',
      }),
    });
    expect(reader.usage(pod)).toEqual({ cpuMillis: 70, memoryBytes: 5 });
  });
});
