/**
 * The Deployment controller (pkg/controller/deployment): owns ReplicaSets named
 * `<deployment>-<pod-template-hash>`, rolls out template changes with RollingUpdate or Recreate, scales
 * proportionally, keeps revisions, honours pause and progressDeadlineSeconds, and records
 * `ScalingReplicaSet` events.
 */
import { fromLabelSelector } from '../../api/selectors';
import type { WatchEvent } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { claim, controllerKeys, matchingControllers } from '../common/claim';
import { controllerRefOf } from '../common/owners';
import { splitKey, WorkQueue } from '../workqueue';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { DEPLOYMENTS, DeploymentSync, RS } from './sync';
import { specOf } from './util';

export class DeploymentController {
  readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'deployment-controller', (key) => this.reconcile(key));
    ctx.api.watch(DEPLOYMENTS, undefined, (e) =>
      this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`),
    );
    ctx.api.watch(RS, undefined, (e) => this.onReplicaSet(e));
    ctx.api.watch('pods', undefined, (e) => this.onPod(e));
    for (const d of ctx.api.store.list(DEPLOYMENTS))
      this.queue.add(`${d.metadata.namespace}/${d.metadata.name}`);
  }

  private onReplicaSet(e: WatchEvent): void {
    for (const k of controllerKeys(e.object, e.old, 'Deployment')) this.queue.add(k);
    if (controllerRefOf(e.object) || e.type === 'DELETED') return;
    for (const d of matchingControllers(this.ctx.api, DEPLOYMENTS, e.object, (c) =>
      fromLabelSelector(c.spec?.selector),
    )) {
      this.queue.add(`${d.metadata.namespace}/${d.metadata.name}`);
    }
  }

  /** A Recreate rollout waits for old pods to be gone: their deletion wakes the Deployment. */
  private onPod(e: WatchEvent): void {
    if (e.type !== 'DELETED') return;
    const ref = controllerRefOf(e.object);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.ctx.api.store.get(RS, e.object.metadata.namespace, ref.name);
    const owner = rs && controllerRefOf(rs);
    if (owner?.kind === 'Deployment') this.queue.add(`${e.object.metadata.namespace}/${owner.name}`);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api, events } = this.ctx;
    const d = api.store.get(DEPLOYMENTS, namespace, name);
    if (!d) return;
    const selector = d.spec?.selector;
    if (
      !selector ||
      (Object.keys(selector.matchLabels ?? {}).length === 0 && !(selector.matchExpressions ?? []).length)
    ) {
      events.record(
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
        {
          component: 'deployment-controller',
        },
      );
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 1)) {
        api.updateStatus({ ...d, status: { ...d.status, observedGeneration: d.metadata.generation ?? 1 } });
      }
      return;
    }
    const rsList = claim(api, d, RS, 'ReplicaSet', fromLabelSelector(selector));
    const spec = specOf(d);
    const current = api.store.get(DEPLOYMENTS, namespace, name) ?? d;
    const sync = new DeploymentSync(this.ctx, current, spec, rsList, (ms) => this.queue.addAfter(key, ms));
    if (current.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = sync.allReplicaSets(false);
      sync.syncDeploymentStatus(newRS ? [...oldRSs, newRS] : oldRSs, newRS);
      return;
    }
    sync.checkPausedConditions();
    if (spec.paused || sync.isScalingEvent()) {
      sync.syncScaleOnly();
      return;
    }
    if (spec.recreate) rolloutRecreate(sync);
    else rolloutRolling(sync);
  }
}

export const deploymentController: Component = {
  name: 'deployment-controller',
  start(ctx) {
    ctx.services.set('deployment-controller', new DeploymentController(ctx));
  },
};
