/**
 * The node lifecycle controller (kube-controller-manager) and taint-based eviction:
 * - every 5s, a node whose Lease and status have not moved for node-monitor-grace-period (50s in 1.32)
 *   gets its conditions set to Unknown (`NodeStatusUnknown`, `Kubelet stopped posting node status.`),
 *   a `NodeNotReady` event, its pods marked not Ready, and the taints
 *   node.kubernetes.io/unreachable:NoSchedule and :NoExecute (not-ready when Ready is False);
 * - spec.unschedulable (cordon) is mirrored by the node.kubernetes.io/unschedulable:NoSchedule taint;
 * - pods that do not tolerate a NoExecute taint are deleted, at once or after their tolerationSeconds
 *   (300s by default), with a DisruptionTarget condition and a TaintManagerEviction event.
 */
import { INTERNAL } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { ensurePodNodeIndex } from '../scheduler/cache';
import { type Taint, type Toleration, tolerates } from '../scheduler/match';
import type { ScheduledTask } from '../sim/clock';
import { parseISO } from '../sim/clock';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 50_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const CONTROLLER = { component: 'node-controller' };

interface Health {
  /** Virtual ms when we last saw the kubelet report (lease renew or status heartbeat changed). */
  probeMs: number;
  renewTime?: string;
  heartbeat?: string;
}

export class NodeLifecycleController {
  private readonly health = new Map<string, Health>();
  private readonly evictions = new Map<string, ScheduledTask>();

  constructor(private readonly ctx: EngineContext) {}

  start(): void {
    ensurePodNodeIndex(this.ctx.api);
    const tick = () =>
      this.ctx.clock.after(NODE_MONITOR_PERIOD_MS, 'node-lifecycle:monitor', () => {
        this.monitor();
        tick();
      });
    tick();
    this.ctx.api.watch('nodes', undefined, (e) => {
      if (e.type === 'DELETED') {
        this.health.delete(e.object.metadata.name);
        return;
      }
      this.syncUnschedulableTaint(e.object);
      if (!e.old || JSON.stringify(e.old.spec?.taints ?? []) !== JSON.stringify(e.object.spec?.taints ?? []))
        this.evictForNode(e.object);
    });
    this.ctx.api.watch('pods', undefined, (e) => {
      if (e.type === 'DELETED') {
        const t = this.evictions.get(e.object.metadata.uid);
        if (t) t.cancelled = true;
        this.evictions.delete(e.object.metadata.uid);
        return;
      }
      if (
        e.object.spec?.nodeName &&
        (!e.old?.spec?.nodeName || e.old.spec?.tolerations !== e.object.spec?.tolerations)
      ) {
        const node = this.ctx.api.store.get('nodes', undefined, e.object.spec.nodeName);
        if (node) this.evictPod(e.object, node);
      }
    });
  }

  /** One monitor pass over every node. */
  monitor(): void {
    const now = this.ctx.clock.now();
    for (const node of this.ctx.api.store.list('nodes')) {
      const name = node.metadata.name;
      const lease = this.ctx.api.store.get('leases.coordination.k8s.io', 'kube-node-lease', name);
      const ready = (
        (node.status?.conditions ?? []) as { type: string; status: string; lastHeartbeatTime?: string }[]
      ).find((c) => c.type === 'Ready');
      const h = this.health.get(name);
      const renewTime = lease?.spec?.renewTime as string | undefined;
      const heartbeat = ready?.lastHeartbeatTime;
      if (!h || h.renewTime !== renewTime || h.heartbeat !== heartbeat) {
        this.health.set(name, { probeMs: now, renewTime, heartbeat });
        if (h) this.markHealthy(node);
        continue;
      }
      if (now - h.probeMs > NODE_MONITOR_GRACE_MS) this.markUnknown(node);
    }
  }

  private markHealthy(node: StoredObject): void {
    const ready = ((node.status?.conditions ?? []) as { type: string; status: string }[]).find(
      (c) => c.type === 'Ready',
    );
    if (ready?.status === 'True')
      this.setTaints(node, (t) => t.key !== UNREACHABLE && t.key !== NOT_READY, []);
    else if (ready?.status === 'False') this.setTaints(node, (t) => t.key !== UNREACHABLE, [NOT_READY]);
  }

  private markUnknown(node: StoredObject): void {
    const conds = (node.status?.conditions ?? []) as {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
    const ready = conds.find((c) => c.type === 'Ready');
    if (ready?.status !== 'Unknown') {
      const now = this.ctx.clock.nowISO();
      const conditions = conds.map((c) => ({
        ...c,
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: c.status === 'Unknown' ? c.lastTransitionTime : now,
      }));
      try {
        this.ctx.api.updateStatus({ ...node, status: { ...node.status, conditions } }, INTERNAL);
      } catch {
        return;
      }
      this.ctx.events.record(
        node,
        'Normal',
        'NodeNotReady',
        `Node ${node.metadata.name} status is now: NodeNotReady`,
        CONTROLLER,
      );
      this.markPodsNotReady(node.metadata.name);
    }
    const fresh = this.ctx.api.store.get('nodes', undefined, node.metadata.name);
    if (fresh) this.setTaints(fresh, (t) => t.key !== NOT_READY, [UNREACHABLE]);
  }

  /** MarkPodsNotReady: the pods' Ready condition goes False so Services stop sending them traffic. */
  private markPodsNotReady(nodeName: string): void {
    const now = this.ctx.clock.nowISO();
    for (const pod of this.ctx.api.store.byIndex('pods:nodeName', nodeName)) {
      const conds = (pod.status?.conditions ?? []) as { type: string; status: string }[];
      if (!conds.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
      const conditions = conds.map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? { ...c, status: 'False', lastTransitionTime: now }
          : c,
      );
      try {
        this.ctx.api.updateStatus({ ...pod, status: { ...pod.status, conditions } }, INTERNAL);
        this.ctx.events.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', CONTROLLER);
      } catch {
        // the pod changed or went away
      }
    }
  }

  /** Replace this controller's taints: keep those `keep` accepts, then ensure `keys` (NoSchedule + NoExecute). */
  private setTaints(node: StoredObject, keep: (t: Taint) => boolean, keys: string[]): void {
    const current = (node.spec?.taints ?? []) as Taint[];
    const next = current.filter(keep);
    const now = this.ctx.clock.nowISO();
    for (const key of keys) {
      if (!next.some((t) => t.key === key && t.effect === 'NoSchedule'))
        next.push({ key, effect: 'NoSchedule', timeAdded: now });
      if (!next.some((t) => t.key === key && t.effect === 'NoExecute'))
        next.push({ key, effect: 'NoExecute', timeAdded: now });
    }
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    try {
      const spec = { ...node.spec, taints: next };
      if (next.length === 0) delete spec.taints;
      this.ctx.api.update({ ...node, spec }, INTERNAL);
    } catch {
      // retried on the next pass
    }
  }

  private syncUnschedulableTaint(node: StoredObject): void {
    const has = ((node.spec?.taints ?? []) as Taint[]).some((t) => t.key === UNSCHEDULABLE);
    const want = node.spec?.unschedulable === true;
    if (has === want) return;
    const taints = ((node.spec?.taints ?? []) as Taint[]).filter((t) => t.key !== UNSCHEDULABLE);
    if (want) taints.push({ key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: this.ctx.clock.nowISO() });
    const spec = { ...node.spec, taints };
    if (taints.length === 0) delete spec.taints;
    try {
      this.ctx.api.update({ ...node, spec }, INTERNAL);
    } catch {
      // the next node event retries
    }
  }

  private evictForNode(node: StoredObject): void {
    if (!((node.spec?.taints ?? []) as Taint[]).some((t) => t.effect === 'NoExecute')) {
      for (const pod of this.ctx.api.store.byIndex('pods:nodeName', node.metadata.name))
        this.cancelEviction(pod.metadata.uid);
      return;
    }
    for (const pod of this.ctx.api.store.byIndex('pods:nodeName', node.metadata.name))
      this.evictPod(pod, node);
  }

  private cancelEviction(uid: string): void {
    const t = this.evictions.get(uid);
    if (t) t.cancelled = true;
    this.evictions.delete(uid);
  }

  /** Taint eviction: the earliest time a NoExecute taint the pod does not tolerate forever evicts it. */
  private evictPod(pod: StoredObject, node: StoredObject): void {
    if (pod.metadata.deletionTimestamp) return;
    const taints = ((node.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) {
      this.cancelEviction(pod.metadata.uid);
      return;
    }
    let atMs = Number.POSITIVE_INFINITY;
    for (const taint of taints) {
      const tol = ((pod.spec?.tolerations ?? []) as Toleration[]).filter((t) => tolerates(t, taint));
      if (tol.length === 0) {
        atMs = this.ctx.clock.now();
        break;
      }
      const seconds = tol.map((t) => t.tolerationSeconds).filter((s): s is number => s !== undefined);
      if (seconds.length === tol.length) {
        const added = taint.timeAdded ? parseISO(taint.timeAdded) : this.ctx.clock.now();
        atMs = Math.min(atMs, added + Math.max(0, Math.min(...seconds)) * 1000);
      }
    }
    this.cancelEviction(pod.metadata.uid);
    if (atMs === Number.POSITIVE_INFINITY) return;
    const key = { ns: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    this.evictions.set(
      pod.metadata.uid,
      this.ctx.clock.at(atMs, 'taint-eviction', () => {
        this.evictions.delete(key.uid);
        const cur = this.ctx.api.store.get('pods', key.ns, key.name);
        if (!cur || cur.metadata.uid !== key.uid || cur.metadata.deletionTimestamp) return;
        this.ctx.events.record(
          cur,
          'Normal',
          'TaintManagerEviction',
          `Marking for deletion Pod ${key.ns}/${key.name}`,
          { component: 'taint-eviction-controller' },
        );
        try {
          const conds = ((cur.status?.conditions ?? []) as { type: string }[]).filter(
            (c) => c.type !== 'DisruptionTarget',
          );
          const withCond = this.ctx.api.updateStatus({
            ...cur,
            status: {
              ...cur.status,
              conditions: [
                ...conds,
                {
                  type: 'DisruptionTarget',
                  status: 'True',
                  lastProbeTime: null,
                  lastTransitionTime: this.ctx.clock.nowISO(),
                  reason: 'DeletionByTaintManager',
                  message: 'Taint manager: deleting due to NoExecute taint',
                },
              ],
            },
          });
          this.ctx.api.delete('pods', withCond.metadata.namespace, withCond.metadata.name);
        } catch {
          // already gone
        }
      }),
    );
  }
}
