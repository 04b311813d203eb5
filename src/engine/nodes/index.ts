/**
 * Node lifecycle (service 'nodes'): the node lifecycle controller with taint-based eviction, plus
 * cordon/uncordon helpers with kubectl's output (`node/node-1 cordoned`).
 */
import type { Component, EngineContext } from '../context';
import { NodeLifecycleController } from './lifecycle';

export { NODE_MONITOR_GRACE_MS, NODE_MONITOR_PERIOD_MS, NodeLifecycleController } from './lifecycle';

export interface NodesService {
  /** Mark a node (un)schedulable; returns kubectl's line, e.g. `node/node-1 cordoned` or `node/node-1 already cordoned`. */
  cordon(name: string): string;
  uncordon(name: string): string;
}

function setUnschedulable(ctx: EngineContext, name: string, value: boolean): string {
  const node = ctx.api.get('nodes', undefined, name);
  const verb = value ? 'cordoned' : 'uncordoned';
  if ((node.spec?.unschedulable === true) === value) return `node/${name} already ${verb}`;
  const spec = { ...node.spec, unschedulable: value };
  if (!value) delete spec.unschedulable;
  ctx.api.update({ ...node, spec });
  return `node/${name} ${verb}`;
}

export const nodeLifecycleComponent: Component = {
  name: 'node-lifecycle',
  start(ctx: EngineContext) {
    new NodeLifecycleController(ctx).start();
    const svc: NodesService = {
      cordon: (name) => setUnschedulable(ctx, name, true),
      uncordon: (name) => setUnschedulable(ctx, name, false),
    };
    ctx.services.set('nodes', svc);
  },
};
