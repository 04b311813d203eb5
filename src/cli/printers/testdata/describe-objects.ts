/** Objects for describe tests, as a kubeadm 1.32 cluster stores them for `kubectl create deployment web --image=nginx:1.27`. */
import type { StoredObject } from '../../../engine/api/types';
import { ago, M, obj, S } from './objects';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } },
        readinessProbe: {
          httpGet: { path: '/', port: 80, scheme: 'HTTP' },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        env: [
          { name: 'MODE', value: 'production' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        ],
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
  },
};

export const deployment = obj(
  'apps/v1',
  'Deployment',
  'web',
  {
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      minReadySeconds: 0,
    },
    status: {
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    },
  },
  {
    namespace: 'default',
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    creationTimestamp: ago(5 * M),
  },
);

export const replicaSet = obj(
  'apps/v1',
  'ReplicaSet',
  'web-7d4b9c8f6d',
  {
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } },
      template: { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } } },
    },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  },
  {
    namespace: 'default',
    labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
    annotations: {
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '1',
    },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: deployment.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
);

export const pod: StoredObject = obj(
  'v1',
  'Pod',
  'web-7d4b9c8f6d-2xkqp',
  {
    spec: {
      ...template.spec,
      containers: [
        {
          ...template.spec.containers[0],
          volumeMounts: [
            {
              name: 'kube-api-access-5wq2x',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      nodeName: 'node-1',
      serviceAccountName: 'default',
      priority: 0,
      volumes: [
        {
          name: 'kube-api-access-5wq2x',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [
                    { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                  ],
                },
              },
            ],
          },
        },
      ],
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '172.18.0.3',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: '2025-01-15T09:55:00Z',
      qosClass: 'Burstable',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [
        {
          name: 'nginx',
          containerID: 'containerd://4f1c9e2b7a',
          image: 'docker.io/library/nginx:1.27',
          imageID:
            'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: '2025-01-15T09:55:04Z' } },
        },
      ],
    },
  },
  {
    namespace: 'default',
    generateName: 'web-7d4b9c8f6d-',
    labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
    creationTimestamp: '2025-01-15T09:55:00Z',
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-7d4b9c8f6d',
        uid: replicaSet.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
);

function event(
  name: string,
  involved: StoredObject,
  type: string,
  reason: string,
  message: string,
  component: string,
  first: number,
  last: number,
  count = 1,
) {
  return obj(
    'v1',
    'Event',
    name,
    {
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace: involved.metadata.namespace,
        uid: involved.metadata.uid,
      },
      type,
      reason,
      message,
      source: { component },
      firstTimestamp: ago(first),
      lastTimestamp: ago(last),
      count,
    },
    { namespace: 'default' },
  );
}

export const podEvents = [
  event(
    'web.1',
    pod,
    'Normal',
    'Scheduled',
    'Successfully assigned default/web-7d4b9c8f6d-2xkqp to node-1',
    'default-scheduler',
    5 * M,
    5 * M,
  ),
  event('web.2', pod, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"', 'kubelet', 5 * M, 5 * M),
  event(
    'web.3',
    pod,
    'Normal',
    'Pulled',
    'Successfully pulled image "nginx:1.27" in 3.2s (3.2s including waiting). Image size: 72955450 bytes.',
    'kubelet',
    5 * M - 3 * S,
    5 * M - 3 * S,
  ),
  event(
    'web.4',
    pod,
    'Normal',
    'Created',
    'Created container nginx',
    'kubelet',
    5 * M - 4 * S,
    5 * M - 4 * S,
  ),
  event(
    'web.5',
    pod,
    'Warning',
    'Unhealthy',
    'Readiness probe failed: HTTP probe failed with statuscode: 503',
    'kubelet',
    4 * M,
    2 * M,
    3,
  ),
];

export const deploymentEvents = [
  event(
    'web.d1',
    deployment,
    'Normal',
    'ScalingReplicaSet',
    'Scaled up replica set web-7d4b9c8f6d from 0 to 2',
    'deployment-controller',
    5 * M,
    5 * M,
  ),
];

export const service = obj(
  'v1',
  'Service',
  'web',
  {
    spec: {
      type: 'NodePort',
      selector: { app: 'web' },
      clusterIP: '10.96.120.15',
      clusterIPs: ['10.96.120.15'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, targetPort: 80, nodePort: 31234, protocol: 'TCP' }],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  },
  { namespace: 'default', labels: { app: 'web' } },
);

export const endpointSlice = obj(
  'discovery.k8s.io/v1',
  'EndpointSlice',
  'web-8kx2p',
  {
    addressType: 'IPv4',
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-1' },
      { addresses: ['10.244.2.3'], conditions: { ready: true }, nodeName: 'node-2' },
    ],
  },
  {
    namespace: 'default',
    labels: {
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    },
  },
);

export const endpoints = obj(
  'v1',
  'Endpoints',
  'web',
  {
    subsets: [
      {
        addresses: [
          { ip: '10.244.1.5', nodeName: 'node-1' },
          { ip: '10.244.2.3', nodeName: 'node-2' },
        ],
        notReadyAddresses: [{ ip: '10.244.3.9' }],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ],
  },
  { namespace: 'default', labels: { app: 'web' } },
);

export const node = obj(
  'v1',
  'Node',
  'node-1',
  {
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], providerID: 'kind://docker/kind/node-1' },
    status: {
      capacity: {
        cpu: '4',
        'ephemeral-storage': '101203600Ki',
        'hugepages-2Mi': '0',
        memory: '16Gi',
        pods: '110',
      },
      allocatable: {
        cpu: '4',
        'ephemeral-storage': '101203600Ki',
        'hugepages-2Mi': '0',
        memory: '16Gi',
        pods: '110',
      },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          lastHeartbeatTime: '2025-01-15T09:59:30Z',
          lastTransitionTime: '2025-01-15T09:00:00Z',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: '2025-01-15T09:59:30Z',
          lastTransitionTime: '2025-01-15T09:00:20Z',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: '172.18.0.3' },
        { type: 'Hostname', address: 'node-1' },
      ],
      nodeInfo: {
        machineID: 'c9f3a0b6d2e84f6aa1b7e5d4c3b2a190',
        systemUUID: 'c9f3a0b6-d2e8-4f6a-a1b7-e5d4c3b2a190',
        bootID: '7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b',
        kernelVersion: '6.8.0-1021-gcp',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        operatingSystem: 'linux',
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://2.0.3',
        kubeletVersion: 'v1.32.3',
      },
    },
  },
  {
    labels: {
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
    },
    annotations: {
      'node.alpha.kubernetes.io/ttl': '0',
      'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
    },
    creationTimestamp: '2025-01-15T09:00:00Z',
  },
);

export const nodeLease = obj(
  'coordination.k8s.io/v1',
  'Lease',
  'node-1',
  { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2025-01-15T09:59:55.000000Z' } },
  { namespace: 'kube-node-lease' },
);

export const kubeProxyPod = obj(
  'v1',
  'Pod',
  'kube-proxy-x7k2p',
  {
    spec: {
      nodeName: 'node-1',
      containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.3' }],
    },
    status: { phase: 'Running' },
  },
  { namespace: 'kube-system', creationTimestamp: '2025-01-15T09:00:10Z' },
);
