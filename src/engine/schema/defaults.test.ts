/**
 * Defaults on minimal objects, compared with what `kubectl get -o yaml` shows on a real 1.32 cluster
 * (for a pod made by `kubectl run nginx --image=nginx` and `kubectl create deployment web --image=nginx`).
 */
import { describe, expect, it } from 'vitest';
import { registerBuiltinKinds } from '../api/builtin-kinds';
import { KindRegistry } from '../api/kinds';
import type { KObject } from '../api/types';
import { deployment, pod, testCluster } from '../testing/fixtures';
import { applyDefaults } from './index';
import { canonicalQuantity } from './quantity';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

const kinds = new KindRegistry();
registerBuiltinKinds(kinds);

function defaulted(obj: KObject): KObject {
  const copy = structuredClone(obj);
  applyDefaults(kinds.forObject(copy)!, copy);
  return copy;
}

/** `kubectl get pod nginx -o yaml` (spec and status at creation, before scheduling). */
const REAL_POD_SPEC = {
  containers: [
    {
      image: 'nginx',
      imagePullPolicy: 'Always',
      name: 'nginx',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      volumeMounts: [
        { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'VOLUME', readOnly: true },
      ],
    },
  ],
  dnsPolicy: 'ClusterFirst',
  enableServiceLinks: true,
  preemptionPolicy: 'PreemptLowerPriority',
  priority: 0,
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  serviceAccount: 'default',
  serviceAccountName: 'default',
  terminationGracePeriodSeconds: 30,
  tolerations: [
    { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    {
      effect: 'NoExecute',
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      tolerationSeconds: 300,
    },
  ],
  volumes: [
    {
      name: 'VOLUME',
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          {
            downwardAPI: {
              items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
            },
          },
        ],
      },
    },
  ],
};

/** `kubectl get deployment web -o yaml` (spec). */
const REAL_DEPLOYMENT_SPEC = {
  progressDeadlineSeconds: 600,
  replicas: 1,
  revisionHistoryLimit: 10,
  selector: { matchLabels: { app: 'web' } },
  strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
  template: {
    metadata: { creationTimestamp: null, labels: { app: 'web' } },
    spec: {
      containers: [
        {
          image: 'nginx',
          imagePullPolicy: 'Always',
          name: 'nginx',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  },
};

describe('defaults through the API server', () => {
  it('gives a minimal pod every field a real pod shows', () => {
    const cluster = testCluster({ nodes: 1 });
    const created = cluster.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    const volume = created.spec.volumes[0].name as string;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.spec).toEqual(JSON.parse(JSON.stringify(REAL_POD_SPEC).replaceAll('VOLUME', volume)));
    expect(created.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('gives a minimal deployment the real spec', () => {
    const cluster = testCluster({ nodes: 1 });
    const d = deployment('web', 1, 'nginx') as any;
    d.spec.template.spec.containers[0].name = 'nginx';
    delete d.spec.replicas;
    const created = cluster.api.create(d);
    expect(created.spec).toEqual(REAL_DEPLOYMENT_SPEC);
    expect(created.metadata.generation).toBe(1);
    expect(created.status).toEqual({});
  });

  it('gives a namespace its name label, finalizer and Active phase', () => {
    const cluster = testCluster({ nodes: 1 });
    const ns = cluster.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('gives a Job its selector from its uid, and the labels on Job and template', () => {
    const cluster = testCluster({ nodes: 1 });
    const job = cluster.api.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: {
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } },
      },
    });
    const uid = job.metadata.uid;
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    expect(job.metadata.labels).toEqual(labels);
    expect(job.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      suspend: false,
    });
    expect(job.spec.template.metadata).toEqual({ creationTimestamp: null, labels });
  });
});

describe('SetDefaults_* by kind', () => {
  it('pulls :latest and untagged images Always, tagged and digested IfNotPresent', () => {
    const p = defaulted({
      ...pod('x'),
      spec: {
        containers: [
          { name: 'a', image: 'nginx' },
          { name: 'b', image: 'nginx:latest' },
          { name: 'c', image: 'nginx:1.27' },
          { name: 'd', image: 'localhost:5000/app' },
          { name: 'e', image: 'nginx@sha256:abc' },
        ],
      },
    });
    expect(p.spec.containers.map((c: any) => c.imagePullPolicy)).toEqual([
      'Always',
      'Always',
      'IfNotPresent',
      'Always',
      'IfNotPresent',
    ]);
  });

  it('defaults probes, httpGet, ports and requests from limits', () => {
    const p = defaulted({
      ...pod('x'),
      spec: {
        containers: [
          {
            name: 'a',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: '500m', memory: '128Mi' } },
            readinessProbe: { httpGet: { port: 80 } },
          },
        ],
      },
    });
    const c = p.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(c.readinessProbe).toEqual({
      httpGet: { path: '/', port: 80, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('defaults a Service as `kubectl get svc -o yaml` shows it', () => {
    const svc = defaulted({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    expect(svc.spec).toEqual({
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    expect(svc.status).toEqual({ loadBalancer: {} });
    const np = defaulted({ ...svc, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] } });
    expect(np.spec.externalTrafficPolicy).toBe('Cluster');
    expect(np.spec.ports[0].targetPort).toBe('http');
  });

  it('defaults StatefulSet, DaemonSet, CronJob, Secret, PVC and volumes', () => {
    const template = {
      metadata: { labels: { app: 'x' } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    };
    const sts = defaulted({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'x' } },
        serviceName: 'db',
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    });
    expect(sts.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      replicas: 1,
      revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(sts.spec.volumeClaimTemplates[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { creationTimestamp: null, name: 'data' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    });
    const ds = defaulted({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ds' },
      spec: { selector: { matchLabels: { app: 'x' } }, template },
    });
    expect(ds.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    const cj = defaulted({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } },
    });
    expect(cj.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    expect(cj.spec.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    expect(defaulted({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }).type).toBe('Opaque');
    const vols = defaulted({
      ...pod('v'),
      spec: {
        containers: [{ name: 'c', image: 'busybox:1.36' }],
        volumes: [
          { name: 'scratch' },
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'sec', secret: { secretName: 's' } },
        ],
      },
    });
    expect(vols.spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 420 } },
    ]);
  });

  it('never mutates the parts of an object it leaves alone (shared with stored objects)', () => {
    const stored = defaulted(deployment('web')) as KObject;
    deepFreeze(stored);
    const update = { ...stored, spec: { ...stored.spec, replicas: 5 } };
    expect(() => applyDefaults(kinds.forObject(update)!, update)).not.toThrow();
    expect(update.spec.template).toBe(stored.spec.template);
  });
});

describe('quantities', () => {
  it('stores resource amounts rounded to milli and canonical, as `kubectl get -o yaml` shows them', () => {
    const p = defaulted({
      ...pod('q'),
      spec: {
        containers: [
          {
            name: 'q',
            image: 'nginx:1.27',
            resources: {
              requests: { cpu: 0.5, memory: '1.5Gi' },
              limits: { cpu: '1000m', memory: 2147483648, 'ephemeral-storage': '0.1m' },
            },
          },
        ],
      },
    });
    expect(p.spec.containers[0].resources).toEqual({
      // ephemeral-storage had no request: it defaults to its limit.
      requests: { cpu: '500m', memory: '1536Mi', 'ephemeral-storage': '1m' },
      limits: { cpu: '1', memory: '2147483648', 'ephemeral-storage': '1m' },
    });
  });

  it('prints the canonical form', () => {
    expect(
      ['1000m', '1.5Gi', '0.5', '100m', '1Gi', '1000', '2048Ki'].map((q) => canonicalQuantity(q)),
    ).toEqual(['1', '1536Mi', '500m', '100m', '1Gi', '1k', '2Mi']);
  });
});
