/** The Service machinery of the control plane: allocation at the API server, LoadBalancer IPs, endpoints. */
import type { Component } from '../context';
import { ServiceAllocations } from './service-allocation';

export { endpointsControllerComponent } from './endpoints-controller';
export { endpointSliceControllerComponent } from './endpointslice-controller';
export { endpointSliceMirroringComponent } from './endpointslice-mirroring';
export { loadBalancerComponent } from './loadbalancer-controller';

/** ClusterIP / NodePort allocation, synchronous with Service create and update (the Service REST storage). */
export const serviceAllocationComponent: Component = {
  name: 'service-allocation',
  start(ctx) {
    ctx.services.set('service-allocations', new ServiceAllocations(ctx, ctx.rng.fork('service-allocation')));
  },
};
