/** The controllers of kube-controller-manager this package provides, in start order (components.ts lists them). */
import type { Component } from '../context';
import { cronJobController } from './cronjob/cronjob-controller';
import { daemonSetController } from './daemonset/daemonset-controller';
import { deploymentController } from './deployment/deployment-controller';
import { garbageCollector } from './garbage-collector';
import { jobController } from './job/job-controller';
import { ttlAfterFinishedController } from './job/ttl-after-finished';
import { namespaceController } from './namespace-controller';
import { podGC } from './pod-gc';
import { replicaSetController } from './replicaset/replicaset-controller';
import { rootCAPublisher } from './root-ca-publisher';
import { serviceAccountController } from './serviceaccount-controller';
import { statefulSetController } from './statefulset/statefulset-controller';

export const WORKLOAD_COMPONENTS: Component[] = [
  garbageCollector,
  namespaceController,
  serviceAccountController,
  rootCAPublisher,
  replicaSetController,
  deploymentController,
  statefulSetController,
  daemonSetController,
  jobController,
  ttlAfterFinishedController,
  cronJobController,
  podGC,
];
