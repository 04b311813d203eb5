/**
 * The components a cluster runs, in start order. Each lives in its own module; this list is the only
 * place that knows them all.
 */
import { admissionComponent } from './admission';
import type { Component } from './context';
import * as workloads from './controllers/workload-components';
import * as services from './services';
import { networkComponent } from './network';
import { storageComponent } from './storage';
import { hpaComponent } from './autoscaling/hpa-controller';
import { ingressComponent } from './ingress';
import { imagesComponent } from './images';
import { kubeletsComponent } from './kubelet';
import { schedulerComponent } from './scheduler';
import { nodeLifecycleComponent } from './nodes';
import { faultsComponent } from './faults';
import { metricsComponent } from './metrics';
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
];
