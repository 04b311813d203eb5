/**
 * The components a cluster runs, in start order. Each lives in its own module; this list is the only
 * place that knows them all.
 */
import { admissionComponent } from './admission';
import { hpaComponent } from './autoscaling/hpa-controller';
import type { Component } from './context';
import * as workloads from './controllers/workload-components';
import { faultsComponent } from './faults';
import { imagesComponent } from './images';
import { ingressComponent } from './ingress';
import { istioComponent } from './istio';
import { kubeletsComponent } from './kubelet';
import { metricsComponent } from './metrics';
import { networkComponent } from './network';
import { nodeLifecycleComponent } from './nodes';
import { openshiftProfileComponent } from './openshift';
import { schedulerComponent } from './scheduler';
import * as services from './services';
import { storageComponent } from './storage';
import { trafficComponent } from './traffic';

export const COMPONENTS: Component[] = [
  admissionComponent,
  imagesComponent,
  kubeletsComponent,
  schedulerComponent,
  nodeLifecycleComponent,
  faultsComponent,
  metricsComponent,
  ...workloads.WORKLOAD_COMPONENTS,
  services.serviceAllocationComponent,
  services.endpointsControllerComponent,
  services.endpointSliceControllerComponent,
  services.endpointSliceMirroringComponent,
  services.loadBalancerComponent,
  networkComponent,
  storageComponent,
  hpaComponent,
  ingressComponent,
  trafficComponent,
  istioComponent,
  openshiftProfileComponent,
];
