/** Objects in the states learners debug: a crash-looping pod, a terminating pod, a deployment mid-rollout. */
import type { StoredObject } from '../../../engine/api/types';
import { deployment, pod, replicaSet } from './describe-objects';
import { ago, M, obj, S } from './objects';

export const crashingPod: StoredObject = {
  ...pod,
  metadata: { ...pod.metadata, name: 'web-7d4b9c8f6d-crash', uid: 'c0ffee00-0000-4000-8000-000000000001' },
  spec: {
    ...pod.spec,
    initContainers: [{ name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }],
    containers: [
      {
        ...pod.spec.containers[0],
        args: ['--port', '8080'],
        livenessProbe: {
          exec: { command: ['cat', '/tmp/healthy'] },
          initialDelaySeconds: 5,
          periodSeconds: 5,
        },
      },
    ],
  },
  status: {
    ...pod.status,
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
    initContainerStatuses: [
      {
        name: 'migrate',
        ready: true,
        restartCount: 0,
        image: 'docker.io/library/busybox:1.36',
        imageID: 'docker.io/library/busybox@sha256:1',
        containerID: 'containerd://aa',
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: '2025-01-15T09:55:02Z',
            finishedAt: '2025-01-15T09:55:03Z',
          },
        },
      },
    ],
    containerStatuses: [
      {
        ...pod.status.containerStatuses[0],
        ready: false,
        started: false,
        restartCount: 4,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 1m20s restarting failed container=nginx',
          },
        },
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: '2025-01-15T09:58:40Z',
            finishedAt: '2025-01-15T09:58:41Z',
          },
        },
      },
    ],
  },
};

export const terminatingPod: StoredObject = {
  ...pod,
  metadata: {
    ...pod.metadata,
    name: 'web-7d4b9c8f6d-gone',
    deletionTimestamp: ago(10 * S),
    deletionGracePeriodSeconds: 30,
  },
};

export const newReplicaSet = obj(
  'apps/v1',
  'ReplicaSet',
  'web-5c6b8f9d7',
  {
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5c6b8f9d7' } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': '5c6b8f9d7' } },
        spec: {
          ...deployment.spec.template.spec,
          containers: [{ ...deployment.spec.template.spec.containers[0], image: 'nginx:1.28' }],
        },
      },
    },
    status: { replicas: 1 },
  },
  {
    namespace: 'default',
    creationTimestamp: ago(1 * M),
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: deployment.metadata.uid,
        controller: true,
      },
    ],
  },
);

export const rollingDeployment: StoredObject = {
  ...deployment,
  spec: {
    ...deployment.spec,
    template: { ...deployment.spec.template, spec: newReplicaSet.spec.template.spec },
  },
  status: { replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1 },
};

export { replicaSet };
