/** The simulated in-cluster network: `ctx.services.get('network')` is a Network. */
export { Network, network, networkComponent } from './network';
export * from './tool-output';
export type * from './types';
