/** The controllers of kube-controller-manager this package provides, in start order (components.ts lists them). */
import type { Component } from '../context';
import { deploymentController } from './deployment/deployment-controller';
import { garbageCollector } from './garbage-collector';
import { namespaceController } from './namespace-controller';
import { replicaSetController } from './replicaset/replicaset-controller';
import { rootCAPublisher } from './root-ca-publisher';
import { serviceAccountController } from './serviceaccount-controller';

export const WORKLOAD_COMPONENTS: Component[] = [garbageCollector, namespaceController, serviceAccountController, rootCAPublisher, replicaSetController, deploymentController];
