/** More describe fixtures: namespaces, config, batch, storage, networking and autoscaling objects. */
import { obj } from './objects';

export const namespace = obj(
  'v1',
  'Namespace',
  'team-a',
  { spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
  {
    labels: { 'kubernetes.io/metadata.name': 'team-a' },
  },
);

export const quota = obj(
  'v1',
  'ResourceQuota',
  'compute',
  {
    spec: { hard: { pods: '10', 'requests.cpu': '2' } },
    status: { hard: { pods: '10', 'requests.cpu': '2' }, used: { pods: '1', 'requests.cpu': '250m' } },
  },
  { namespace: 'team-a' },
);

export const limitRange = obj(
  'v1',
  'LimitRange',
  'defaults',
  {
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: '500m', memory: '256Mi' },
          defaultRequest: { cpu: '100m', memory: '128Mi' },
        },
      ],
    },
  },
  { namespace: 'team-a' },
);

export const configMap = obj(
  'v1',
  'ConfigMap',
  'game-demo',
  {
    data: {
      player_initial_lives: '3',
      'game.properties': 'enemy.types=aliens,monsters\nplayer.maximum-lives=5\n',
    },
  },
  {
    namespace: 'default',
  },
);

export const secret = obj(
  'v1',
  'Secret',
  'db',
  { type: 'Opaque', data: { password: 'czNjcjN0IQ==', username: 'YWRtaW4=' } },
  { namespace: 'default' },
);

export const serviceAccount = obj(
  'v1',
  'ServiceAccount',
  'build-bot',
  { imagePullSecrets: [{ name: 'registry' }], secrets: [{ name: 'a' }, { name: 'b' }] },
  {
    namespace: 'default',
  },
);

const jobTemplate = {
  metadata: { labels: { 'batch.kubernetes.io/job-name': 'pi' } },
  spec: {
    containers: [
      { name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] },
    ],
    restartPolicy: 'Never',
  },
};

export const job = obj(
  'batch/v1',
  'Job',
  'pi',
  {
    spec: {
      parallelism: 1,
      completions: 1,
      completionMode: 'NonIndexed',
      suspend: false,
      backoffLimit: 4,
      selector: {
        matchLabels: { 'batch.kubernetes.io/controller-uid': '5e0b5d0e-1a1b-4c4d-8e8f-9a9b9c9d9e9f' },
      },
      template: jobTemplate,
    },
    status: {
      startTime: '2025-01-15T09:55:00Z',
      completionTime: '2025-01-15T09:55:42Z',
      succeeded: 1,
      ready: 0,
      conditions: [{ type: 'Complete', status: 'True' }],
    },
  },
  { namespace: 'default', labels: { 'batch.kubernetes.io/job-name': 'pi' } },
);

export const cronJob = obj(
  'batch/v1',
  'CronJob',
  'hello',
  {
    spec: {
      schedule: '*/1 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello'] },
              ],
              restartPolicy: 'OnFailure',
            },
          },
        },
      },
    },
    status: {
      lastScheduleTime: '2025-01-15T09:59:00Z',
      active: [{ kind: 'Job', name: 'hello-28950959', namespace: 'default' }],
    },
  },
  { namespace: 'default' },
);

export const statefulSet = obj(
  'apps/v1',
  'StatefulSet',
  'db',
  {
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'db' } },
      serviceName: 'db',
      template: {
        metadata: { labels: { app: 'db' } },
        spec: {
          containers: [
            {
              name: 'postgres',
              image: 'postgres:17',
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
            },
          ],
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
            storageClassName: 'standard',
          },
        },
      ],
    },
    status: { replicas: 1, readyReplicas: 1 },
  },
  { namespace: 'default' },
);

export const daemonSet = obj(
  'apps/v1',
  'DaemonSet',
  'kube-proxy',
  {
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [
            {
              name: 'kube-proxy',
              image: 'registry.k8s.io/kube-proxy:v1.32.3',
              command: [
                '/usr/local/bin/kube-proxy',
                '--config=/var/lib/kube-proxy/config.conf',
                '--hostname-override=$(NODE_NAME)',
              ],
            },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } }],
        },
      },
    },
    status: {
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      updatedNumberScheduled: 4,
      numberAvailable: 4,
      numberMisscheduled: 0,
      numberReady: 4,
    },
  },
  {
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-proxy' },
    annotations: { 'deprecated.daemonset.template.generation': '1' },
  },
);

export const pvc = obj(
  'v1',
  'PersistentVolumeClaim',
  'data',
  {
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'standard',
      volumeName: 'pvc-1b2c3d4e',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
  },
  {
    namespace: 'default',
    finalizers: ['kubernetes.io/pvc-protection'],
    annotations: { 'pv.kubernetes.io/bind-completed': 'yes' },
  },
);

export const pv = obj(
  'v1',
  'PersistentVolume',
  'pvc-1b2c3d4e',
  {
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      claimRef: { namespace: 'default', name: 'data' },
      volumeMode: 'Filesystem',
      hostPath: { path: '/var/local-path-provisioner/pvc-1b2c3d4e_default_data', type: 'DirectoryOrCreate' },
    },
    status: { phase: 'Bound' },
  },
  { finalizers: ['kubernetes.io/pv-protection'] },
);

export const ingress = obj(
  'networking.k8s.io/v1',
  'Ingress',
  'web',
  {
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'web.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '172.18.0.5' }] } },
  },
  { namespace: 'default' },
);

export const hpa = obj(
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
      ],
    },
    status: {
      currentReplicas: 2,
      desiredReplicas: 2,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '30m' } },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          reason: 'ReadyForNewScale',
          message: 'recommended size matches current size',
        },
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message:
            'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        },
      ],
    },
  },
  { namespace: 'default' },
);

export const virtualService = obj(
  'networking.istio.io/v1',
  'VirtualService',
  'reviews',
  {
    spec: {
      hosts: ['reviews'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    },
  },
  {
    namespace: 'default',
    generation: 1,
    uid: '6f1e0d2c-3b4a-4c5d-9e8f-7a6b5c4d3e2f',
    resourceVersion: '2048',
  },
);

export const role = obj(
  'rbac.authorization.k8s.io/v1',
  'Role',
  'pod-reader',
  {
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'update'] },
    ],
  },
  { namespace: 'default' },
);

export const roleBinding = obj(
  'rbac.authorization.k8s.io/v1',
  'RoleBinding',
  'read-pods',
  {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
    subjects: [
      { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'build-bot', namespace: 'default' },
    ],
  },
  { namespace: 'default' },
);

export const networkPolicy = obj(
  'networking.k8s.io/v1',
  'NetworkPolicy',
  'api-allow',
  {
    spec: {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { role: 'frontend' } } },
            { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
          ],
          ports: [{ protocol: 'TCP', port: 6379 }],
        },
      ],
    },
  },
  { namespace: 'default', creationTimestamp: '2025-01-15T09:55:00Z' },
);

export const storageClass = obj(
  'storage.k8s.io/v1',
  'StorageClass',
  'standard',
  {
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  },
  {
    annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
  },
);

export const pdb = obj(
  'policy/v1',
  'PodDisruptionBudget',
  'web-pdb',
  {
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    status: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 },
  },
  { namespace: 'default' },
);

export const priorityClass = obj('scheduling.k8s.io/v1', 'PriorityClass', 'high-priority', {
  value: 1000000,
  globalDefault: false,
  preemptionPolicy: 'PreemptLowerPriority',
  description: 'For critical pods.',
});
