/**
 * The traffic model (service 'traffic', a Traffic):
 *
 *   const traffic = service<Traffic>(ctx, 'traffic');
 *   traffic.start({ namespace: 'default', service: 'web', rps: 20, path: '/', via: 'clusterip' })
 *       // via: 'clusterip' (default) | 'nodeport' | 'ingress' (the Ingress routing to the Service, its host)
 *   traffic.stop('default', 'web') / traffic.stopAll() / traffic.list()
 *   traffic.stats('default/web', 10_000)   // { requests, errors, rps, errorRate, p50, p95, p99, errorKinds }
 *   traffic.podStatsOf('default/web-abc')  // the same per pod
 *   traffic.series('service', 'default/web')   // one point per virtual second, last 5 minutes
 *   traffic.subscribe((req) => ...)             // every request the network carries (edge animation)
 *   traffic.subscribeSnapshots((snap) => ...)   // per-Service / per-pod stats every second while generating
 *
 * Stats count every request the network logs, so `kubectl exec ... curl` and the ingress controller's
 * upstream requests show up beside the generators' own.
 */
import type { Component, EngineContext } from '../context';
import { service } from '../context';
import type { Network } from '../network/network';
import { Traffic } from './traffic';

export type { SeriesPoint, WindowStats } from './stats';
export type { TrafficVia } from './target';
export type { StartOptions, TrafficGenerator, TrafficRequest, TrafficSnapshot } from './traffic';
export { DEFAULT_WINDOW_MS, MAX_RPS, TICK_MS, Traffic } from './traffic';

export type TrafficService = Traffic;

export const trafficComponent: Component = {
  name: 'traffic',
  start(ctx: EngineContext) {
    ctx.services.set('traffic', new Traffic(ctx, service<Network>(ctx, 'network')));
  },
};
