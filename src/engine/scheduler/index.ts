/**
 * kube-scheduler (service 'scheduler'): binds pods that have no spec.nodeName and use the default
 * scheduler. Unschedulable pods stay Pending with PodScheduled=False/Unschedulable and a
 * FailedScheduling event such as
 * `0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`
 * and are retried with back-off (1s doubling to 10s) when nodes or pods change.
 */
import type { Component, EngineContext } from '../context';
import type { ImageCatalog } from '../images/catalog';
import { Scheduler } from './scheduler';

export { parseQuantity, podRequests } from './resources';
export type { SchedulerService } from './scheduler';
export { SCHEDULER_NAME, Scheduler } from './scheduler';

export const schedulerComponent: Component = {
  name: 'scheduler',
  start(ctx: EngineContext) {
    const s = new Scheduler(ctx, ctx.services.get('images') as ImageCatalog | undefined);
    s.start();
    ctx.services.set('scheduler', s);
  },
};
