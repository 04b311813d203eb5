/**
 * The Istio service mesh (service 'istio', a Mesh):
 *
 *   installIstio(ctx, 'demo')            // istio-system: istiod, ingress/egress gateways; istioctl's lines
 *   const mesh = service<Mesh>(ctx, 'istio');
 *   mesh.telemetry.edgeStats(nowMs, 10_000)       // [{ source, destination, rps, errorPercent, p50, p95, p99, mtls }]
 *   mesh.telemetry.workloadStats('default/reviews-v1', nowMs)   // golden signals
 *   mesh.telemetry.series('default/reviews-v1')   // one point per simulated second, last 5 minutes
 *   mesh.telemetry.subscribe((req) => ...)        // every request a proxy saw (source, destination, flags)
 *   mesh.load.start({ id: 'canary', from: 'ingress', url: '/productpage', rps: 20 })   // or from: { namespace, app }
 *   mesh.load.stop('canary') / mesh.load.list()
 *
 * Kinds (networking.istio.io/v1 VirtualService vs, DestinationRule dr, Gateway gw, ServiceEntry se,
 * Sidecar; security.istio.io/v1 PeerAuthentication pa, AuthorizationPolicy ap) are served from start.
 * Sidecars are injected at pod creation once istiod is installed; see docs/istio.md.
 *
 * Routing: http routes (router.ts), tcp / tls routes (tcp-route.ts), the ingress gateway's servers and TLS
 * modes (gateway.ts, gateway-tls.ts), egress through ServiceEntries and the outbound traffic policy, scoped
 * by Sidecar resources (egress.ts, egress-route.ts) to a few simulated internet hosts (internet.ts).
 */
import type { Component, EngineContext } from '../context';
import { service } from '../context';
import type { Network } from '../network/network';
import { sidecarInjector } from './injection';
import { registerIstioKinds } from './kinds';
import { Mesh } from './mesh';

export { fqdn, MeshConfig } from './config';
export type { OutboundMode } from './egress';
export { outboundMode } from './egress';
export { hasSidecar, INIT_CONTAINER, injectionWanted, PROXY_CONTAINER } from './injection';
export * from './install';
export { ISTIO_RESOURCES, registerIstioKinds } from './kinds';
export type { MeshLoadOptions, MeshLoadStatus } from './load';
export { Mesh, principalOf, workloadOf } from './mesh';
export type { EdgeStats, MeshRequest, TelemetryPoint, TelemetryStats } from './telemetry';

export function mesh(ctx: EngineContext): Mesh | undefined {
  return ctx.services.get('istio') as Mesh | undefined;
}

export const istioComponent: Component = {
  name: 'istio',
  start(ctx: EngineContext) {
    registerIstioKinds(ctx);
    ctx.api.addMutatingAdmission(sidecarInjector(ctx));
    ctx.services.set('istio', new Mesh(ctx, service<Network>(ctx, 'network')));
  },
};
