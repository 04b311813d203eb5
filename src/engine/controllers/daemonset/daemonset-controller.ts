/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned with node affinity
 * and carrying the daemon tolerations; failed pods replaced; pods on nodes that stopped fitting removed;
 * RollingUpdate by maxUnavailable (OnDelete waits for the user); ControllerRevisions `<ds>-<hash>` with
 * the controller-revision-hash and pod-template-generation labels; the real status counters.
 */
import { fromLabelSelector } from '../../api/selectors';
import type { KObject, StoredObject, WatchEvent } from '../../api/types';
import type { Component, EngineContext } from '../../context';
import { deepEqual } from '../../util/objects';
import { adoptOrphans, claim, controllerKeys, matchingControllers, ownedBy } from '../common/claim';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  CONTROLLER_REVISIONS,
  nextRevisionNumber,
  revisionsOf,
  templatePatch,
} from '../common/history';
import { controllerRefOf, newControllerRef } from '../common/owners';
import { podFromTemplate } from '../common/pod-template';
import { creationMs, isPodAvailable, isPodReady, podAvailableAtMs } from '../common/pods';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../common/slow-start';
import { computeHash } from '../deployment/hash';
import { splitKey, WorkQueue } from '../workqueue';
import { nodeShouldRunDaemonPod, pinnedAffinity, targetNodeName, withDaemonTolerations } from './placement';
import { excessPods, type Fits, fenceposts, type Placement, planRollingUpdate } from './rolling-update';

export const DS = 'daemonsets.apps';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
const SOURCE = { component: 'daemonset-controller' };

export class DaemonSetController {
  readonly queue: WorkQueue;
  private needsClaim = new Set<string>();
  /** Pod creations and deletions attempted, to know when the pods must be grouped by node again. */
  private writes = 0;
  private sortedNodes?: StoredObject[];
  private placements = new Map<
    string,
    { spec: unknown; labels: unknown; generation: unknown; result: Placement }
  >();

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'daemonset-controller', (key) => this.reconcile(key));
    const all = () => {
      for (const ds of ctx.api.store.list(DS)) this.queue.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
    };
    ctx.api.watch(DS, undefined, (e) => {
      if (e.type === 'ADDED' || !deepEqual(e.old?.spec?.selector, e.object.spec?.selector))
        this.needsClaim.add(e.object.metadata.uid);
      if (e.type === 'DELETED')
        for (const k of [...this.placements.keys()])
          if (k.startsWith(`${e.object.metadata.uid}|`)) this.placements.delete(k);
      this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    ctx.api.watch('pods', undefined, (e) => this.onPod(e));
    ctx.api.watch('nodes', undefined, (e) => {
      const o = e.old;
      const n = e.object;
      // Heartbeats (status only) keep labels and spec as they were: nothing to place again.
      if (e.type !== 'MODIFIED' || o?.metadata.labels !== n.metadata.labels || o?.spec !== n.spec) {
        this.sortedNodes = undefined;
        all();
      }
    });
    all();
  }

  private onPod(e: WatchEvent): void {
    for (const k of controllerKeys(e.object, e.old, 'DaemonSet')) this.queue.add(k);
    const ref = controllerRefOf(e.object);
    if (
      ref?.kind === 'DaemonSet' &&
      e.type === 'MODIFIED' &&
      e.old?.metadata.labels !== e.object.metadata.labels
    )
      this.needsClaim.add(ref.uid);
    if (controllerRefOf(e.object) || e.type === 'DELETED') return;
    for (const ds of matchingControllers(this.ctx.api, DS, e.object, (c) =>
      fromLabelSelector(c.spec?.selector),
    )) {
      this.queue.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
    }
  }

  private event(ds: StoredObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(ds, type, reason, message, SOURCE);
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const { api } = this.ctx;
    const ds = api.store.get(DS, namespace, name);
    if (!ds) return;
    const uid = ds.metadata.uid;
    // The selector walk (release and adoption) runs only when something could have changed ownership.
    const selector = fromLabelSelector(ds.spec?.selector);
    if (this.needsClaim.delete(uid)) claim(api, ds, 'pods', 'Pod', selector);
    else adoptOrphans(api, ds, 'pods', 'Pod', selector);
    if (ds.metadata.deletionTimestamp) return;
    const hash = this.constructHistory(ds);
    if (!hash) return;
    this.sortedNodes ??= api.store.list('nodes').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const nodes = this.sortedNodes;
    const fits = (node: StoredObject) => this.placement(ds, node);
    const owned = () => this.podsByNode(ownedBy(api, ds, 'Pod'));
    // Pods are grouped again only after a step that created or deleted some.
    let byNode = owned();
    const writesBefore = this.writes;
    this.manage(ds, nodes, byNode, hash, fits);
    if (this.writes !== writesBefore) byNode = owned();
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const beforeUpdate = this.writes;
      this.rollingUpdate(ds, nodes, byNode, hash, fits);
      if (this.writes !== beforeUpdate) byNode = owned();
    }
    this.cleanupHistory(ds, hash);
    this.updateStatus(ds, nodes, byNode, hash, key, fits);
  }

  /** NodeShouldRunDaemonPod, remembered until the node's labels or spec or the DaemonSet's generation change. */
  private placement(ds: StoredObject, node: StoredObject): Placement {
    const key = `${ds.metadata.uid}|${node.metadata.name}`;
    const hit = this.placements.get(key);
    if (
      hit &&
      hit.spec === node.spec &&
      hit.labels === node.metadata.labels &&
      hit.generation === ds.metadata.generation
    )
      return hit.result;
    const result = nodeShouldRunDaemonPod(node, ds);
    this.placements.set(key, {
      spec: node.spec,
      labels: node.metadata.labels,
      generation: ds.metadata.generation,
      result,
    });
    return result;
  }

  private podsByNode(pods: StoredObject[]): Map<string, StoredObject[]> {
    const out = new Map<string, StoredObject[]>();
    for (const p of pods) {
      const n = targetNodeName(p);
      if (!n) continue;
      const list = out.get(n) ?? [];
      list.push(p);
      out.set(n, list);
    }
    for (const list of out.values())
      list.sort((a, b) => creationMs(a) - creationMs(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
    return out;
  }

  /** The revision for the current template (created, or renumbered as the newest), as its hash. */
  private constructHistory(ds: StoredObject): string | undefined {
    const { api } = this.ctx;
    const revisions = revisionsOf(api, ds);
    const data = templatePatch(ds.spec?.template);
    const next = nextRevisionNumber(revisions);
    const existing = revisions.find((r) => deepEqual(r.data, data));
    if (existing) {
      if ((existing.revision as number) < next - 1) api.update({ ...existing, revision: next } as KObject);
      return existing.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    }
    let collisionCount: number = ds.status?.collisionCount ?? 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      const hash = computeHash(ds.spec?.template, collisionCount || undefined);
      try {
        api.create({
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: {
            name: `${ds.metadata.name}-${hash}`,
            namespace: ds.metadata.namespace,
            labels: { ...ds.spec?.template?.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
            ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
            ownerReferences: [newControllerRef(ds)],
          },
          data,
          revision: next,
        });
        if (collisionCount !== (ds.status?.collisionCount ?? 0))
          api.updateStatus({ ...ds, status: { ...ds.status, collisionCount } });
        return hash;
      } catch {
        collisionCount++;
      }
    }
    return undefined;
  }

  /** manage(): create missing daemon pods, delete failed, duplicate and misplaced ones. */
  private manage(
    ds: StoredObject,
    nodes: StoredObject[],
    byNode: Map<string, StoredObject[]>,
    hash: string,
    fits: Fits,
  ): void {
    const needing: string[] = [];
    const toDelete: StoredObject[] = [];
    for (const node of nodes) {
      const { shouldRun, shouldContinueRunning } = fits(node);
      const pods = byNode.get(node.metadata.name) ?? [];
      if (shouldRun && pods.length === 0) needing.push(node.metadata.name);
      else if (shouldContinueRunning) {
        const running: StoredObject[] = [];
        for (const p of pods) {
          if (p.metadata.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            this.event(
              ds,
              'Warning',
              'FailedDaemonPod',
              `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`,
            );
            toDelete.push(p);
            continue;
          }
          running.push(p);
        }
        toDelete.push(...excessPods(running, hash, allowsSurge(ds)));
      } else {
        for (const p of pods) if (!p.metadata.deletionTimestamp) toDelete.push(p);
      }
    }
    // Pods for nodes that no longer exist go too.
    const names = new Set(nodes.map((n) => n.metadata.name));
    for (const [node, pods] of byNode)
      if (!names.has(node)) for (const p of pods) if (!p.metadata.deletionTimestamp) toDelete.push(p);
    this.syncNodes(ds, toDelete, needing, hash);
  }

  private syncNodes(ds: StoredObject, toDelete: StoredObject[], nodesNeeding: string[], hash: string): void {
    const { api } = this.ctx;
    this.writes += toDelete.length + nodesNeeding.length;
    const generation =
      ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1);
    const template = ds.spec?.template ?? {};
    const labels = {
      ...template.metadata?.labels,
      [CONTROLLER_REVISION_HASH_LABEL]: hash,
      [TEMPLATE_GENERATION_LABEL]: generation,
    };
    const ref = newControllerRef(ds);
    let i = 0;
    slowStartBatch(nodesNeeding.length, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const nodeName = nodesNeeding[i++];
      const pod = podFromTemplate({ ...template, metadata: { ...template.metadata, labels } }, ds, ref);
      pod.spec.tolerations = withDaemonTolerations(pod.spec.tolerations, pod.spec.hostNetwork === true);
      pod.spec.affinity = pinnedAffinity(pod.spec.affinity, nodeName);
      try {
        const created = api.create(pod);
        this.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      } catch (err) {
        const message = (err as Error).message;
        if (message.includes('because it is being terminated')) return;
        this.event(ds, 'Warning', 'FailedCreate', `Error creating: ${message}`);
        throw err;
      }
    });
    for (const p of toDelete) {
      try {
        api.delete('pods', p.metadata.namespace, p.metadata.name);
        this.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch (err) {
        if ((err as { code?: number }).code !== 404)
          this.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
      }
    }
  }

  /** rollingUpdate without surge: delete just enough old pods to stay within maxUnavailable. */
  /** RollingUpdate: the pods to delete and nodes to start, planned by rolling-update.ts. */
  private rollingUpdate(
    ds: StoredObject,
    nodes: StoredObject[],
    byNode: Map<string, StoredObject[]>,
    hash: string,
    fits: Fits,
  ): void {
    const plan = planRollingUpdate(ds, nodes, byNode, hash, fits, this.ctx.clock.now());
    this.syncNodes(ds, plan.toDelete, plan.toCreate, hash);
  }

  private cleanupHistory(ds: StoredObject, hash: string): void {
    const { api } = this.ctx;
    const limit: number = ds.spec?.revisionHistoryLimit ?? 10;
    const live = new Set([hash]);
    for (const p of api.dependents(ds.metadata.uid))
      if (p.kind === 'Pod') live.add(p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '');
    const old = revisionsOf(api, ds).filter(
      (r) => !live.has(r.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''),
    );
    for (const r of old.slice(0, Math.max(0, old.length - limit))) {
      try {
        api.delete(CONTROLLER_REVISIONS, r.metadata.namespace, r.metadata.name);
      } catch {
        // Already gone.
      }
    }
  }

  private updateStatus(
    ds: StoredObject,
    nodes: StoredObject[],
    byNode: Map<string, StoredObject[]>,
    hash: string,
    key: string,
    fits: Fits,
  ): void {
    const now = this.ctx.clock.now();
    const minReady: number = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const node of nodes) {
      const { shouldRun } = fits(node);
      const pods = byNode.get(node.metadata.name) ?? [];
      if (!shouldRun) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (!pods.length) continue;
      current++;
      const pod = pods[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
        else wakeAt = Math.min(wakeAt, podAvailableAtMs(pod, minReady) ?? wakeAt);
      }
      if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) updated++;
    }
    if (Number.isFinite(wakeAt)) this.queue.addAfter(key, Math.max(1, wakeAt - now));
    const old = ds.status ?? {};
    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available ? { numberUnavailable: desired - available } : {}),
      ...(old.collisionCount !== undefined ? { collisionCount: old.collisionCount } : {}),
      ...(old.conditions ? { conditions: old.conditions } : {}),
    };
    if (deepEqual(old, status)) return;
    try {
      this.ctx.api.updateStatus({ ...ds, status });
    } catch {
      // Changed meanwhile.
    }
  }
}

export const daemonSetController: Component = {
  name: 'daemonset-controller',
  start(ctx) {
    ctx.services.set('daemonset-controller', new DaemonSetController(ctx));
  },
};

function allowsSurge(ds: StoredObject): boolean {
  return fenceposts(ds, 1).surge > 0;
}
