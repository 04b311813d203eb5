import { describe, expect, it } from 'vitest';
import { printTable } from '../index';
import { ago, D, H, M, NOW, obj, S } from '../testdata/objects';
import { rt } from '../testdata/registry';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
};
const ns = { namespace: 'default' };

describe('workload tables', () => {
  it('deployments: READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR', () => {
    const d = obj(
      'apps/v1',
      'Deployment',
      'web',
      {
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
        status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
      },
      { ...ns, creationTimestamp: ago(47 * M) },
    );
    expect(printTable(rt('deploy'), [d], {}, NOW)).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     3            2           47m\n',
    );
    expect(printTable(rt('deploy'), [d], { wide: true }, NOW)).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\n' +
        'web    2/3     3            2           47m   nginx        nginx:1.27   app=web\n',
    );
  });

  it('replica sets and stateful sets', () => {
    const rs = obj(
      'apps/v1',
      'ReplicaSet',
      'web-7d4b9c8f6d',
      { spec: { replicas: 3, template }, status: { replicas: 3, readyReplicas: 3 } },
      ns,
    );
    expect(printTable(rt('rs'), [rs], {}, NOW)).toBe(
      'NAME             DESIRED   CURRENT   READY   AGE\nweb-7d4b9c8f6d   3         3         3       5m\n',
    );
    const sts = obj(
      'apps/v1',
      'StatefulSet',
      'db',
      { spec: { replicas: 2, template }, status: { readyReplicas: 1 } },
      ns,
    );
    expect(printTable(rt('sts'), [sts], { wide: true }, NOW)).toBe(
      'NAME   READY   AGE   CONTAINERS   IMAGES\ndb     1/2     5m    nginx        nginx:1.27\n',
    );
  });

  it('daemon sets with NODE SELECTOR', () => {
    const ds = obj(
      'apps/v1',
      'DaemonSet',
      'kube-proxy',
      {
        spec: {
          selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
          template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } },
        },
        status: {
          desiredNumberScheduled: 4,
          currentNumberScheduled: 4,
          numberReady: 4,
          updatedNumberScheduled: 4,
          numberAvailable: 4,
        },
      },
      { namespace: 'kube-system', creationTimestamp: ago(12 * D) },
    );
    expect(printTable(rt('ds'), [ds], {}, NOW)).toBe(
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'kube-proxy   4         4         4       4            4           kubernetes.io/os=linux   12d\n',
    );
  });

  it('jobs: STATUS COMPLETIONS DURATION AGE', () => {
    const done = obj(
      'batch/v1',
      'Job',
      'pi',
      {
        spec: { completions: 1, parallelism: 1, template },
        status: {
          succeeded: 1,
          startTime: ago(3 * M),
          completionTime: ago(3 * M - 12 * S),
          conditions: [
            { type: 'SuccessCriteriaMet', status: 'True' },
            { type: 'Complete', status: 'True' },
          ],
        },
      },
      { ...ns, creationTimestamp: ago(3 * M) },
    );
    const running = obj(
      'batch/v1',
      'Job',
      'batch',
      { spec: { parallelism: 2, template }, status: { active: 2, startTime: ago(40 * S) } },
      { ...ns, creationTimestamp: ago(40 * S) },
    );
    const failed = obj(
      'batch/v1',
      'Job',
      'bad',
      {
        spec: { completions: 3, template },
        status: { failed: 7, startTime: ago(2 * M), conditions: [{ type: 'Failed', status: 'True' }] },
      },
      ns,
    );
    expect(printTable(rt('jobs'), [done, running, failed], {}, NOW)).toBe(
      'NAME    STATUS     COMPLETIONS   DURATION   AGE\n' +
        'pi      Complete   1/1           12s        3m\n' +
        'batch   Running    0/1 of 2      40s        40s\n' +
        'bad     Failed     0/3           2m         5m\n',
    );
  });

  it('cron jobs: SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', () => {
    const cj = obj(
      'batch/v1',
      'CronJob',
      'hello',
      {
        spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template } } },
        status: { active: [{ name: 'hello-1' }], lastScheduleTime: ago(25 * S) },
      },
      { ...ns, creationTimestamp: ago(2 * H) },
    );
    expect(printTable(rt('cj'), [cj], {}, NOW)).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' +
        'hello   */1 * * * *   <none>     False     1        25s             120m\n',
    );
  });

  it('horizontal pod autoscalers with resource targets', () => {
    const hpa = obj(
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      'web',
      {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 1,
          maxReplicas: 10,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
            },
            {
              type: 'Resource',
              resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } },
            },
          ],
        },
        status: {
          currentReplicas: 2,
          currentMetrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', current: { averageUtilization: 10, averageValue: '10m' } },
            },
          ],
        },
      },
      ns,
    );
    expect(printTable(rt('hpa'), [hpa], {}, NOW)).toBe(
      'NAME   REFERENCE        TARGETS                                 MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'web    Deployment/web   cpu: 10%/50%, memory: <unknown>/100Mi   1         10        2          5m\n',
    );
  });

  it('pod disruption budgets and controller revisions', () => {
    const pdb = obj(
      'policy/v1',
      'PodDisruptionBudget',
      'web',
      { spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } },
      ns,
    );
    expect(printTable(rt('pdb'), [pdb], {}, NOW)).toBe(
      'NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb    2               N/A               1                     5m\n',
    );
    const cr = obj(
      'apps/v1',
      'ControllerRevision',
      'kube-proxy-6b8f7d5c4',
      { revision: 1 },
      {
        namespace: 'kube-system',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u', controller: true },
        ],
      },
    );
    expect(printTable(rt('controllerrevisions'), [cr], {}, NOW)).toBe(
      'NAME                   CONTROLLER                  REVISION   AGE\n' +
        'kube-proxy-6b8f7d5c4   daemonset.apps/kube-proxy   1          5m\n',
    );
  });
});
