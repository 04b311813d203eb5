/**
 * What a kubelet reports about its node: the Lease in kube-node-lease renewed every 10s, and the Node's
 * conditions (MemoryPressure, DiskPressure, PIDPressure, Ready) and image list, written when they change
 * and at least every 5 minutes (nodeStatusReportFrequency).
 */
import { INTERNAL } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import type { ScheduledTask } from '../sim/clock';
import { deepEqual } from '../util/objects';
import type { NodeAgent } from './node-agent';

export const LEASE_DURATION_SECONDS = 40;
const RENEW_INTERVAL_MS = 10_000;
const STATUS_UPDATE_MS = 10_000;
const STATUS_REPORT_MS = 300_000;

const CONDITIONS: [type: string, status: string, reason: string, message: string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

export class NodeStatusKeeper {
  private timer?: ScheduledTask;
  private lastReportMs = Number.NEGATIVE_INFINITY;
  private imagesDirty = true;
  private startedOnce = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly agent: NodeAgent,
    _node: StoredObject,
  ) {}

  start(): void {
    const restart = this.startedOnce;
    this.startedOnce = true;
    const name = this.agent.nodeName;
    const node = this.ctx.api.store.get('nodes', undefined, name);
    if (node) {
      const src = { component: 'kubelet', host: name };
      this.ctx.events.record(node, 'Normal', 'Starting', 'Starting kubelet.', src);
      for (const [, , reason] of CONDITIONS.slice(0, 3))
        this.ctx.events.record(
          node,
          'Normal',
          reason.replace('Kubelet', 'Node'),
          `Node ${name} status is now: ${reason.replace('Kubelet', 'Node')}`,
          src,
        );
      this.ctx.events.record(
        node,
        'Normal',
        'NodeAllocatableEnforced',
        'Updated Node Allocatable limit across pods',
        src,
      );
      if (restart)
        this.ctx.events.record(node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, src);
    }
    this.lastReportMs = Number.NEGATIVE_INFINITY;
    this.tick();
  }

  stop(): void {
    if (this.timer) this.timer.cancelled = true;
    this.timer = undefined;
  }

  imagesChanged(): void {
    this.imagesDirty = true;
  }

  private tick(): void {
    this.renewLease();
    this.updateNode();
    // Lease renewals and status updates share the 10s period here.
    this.timer = this.ctx.clock.after(
      Math.min(RENEW_INTERVAL_MS, STATUS_UPDATE_MS),
      `kubelet:heartbeat:${this.agent.nodeName}`,
      () => this.tick(),
    );
  }

  private renewLease(): void {
    const api = this.ctx.api;
    const name = this.agent.nodeName;
    const renewTime = this.ctx.clock.nowMicroISO();
    const existing = api.store.get('leases.coordination.k8s.io', 'kube-node-lease', name);
    try {
      if (existing) {
        api.update(
          {
            ...existing,
            spec: {
              ...existing.spec,
              holderIdentity: name,
              leaseDurationSeconds: LEASE_DURATION_SECONDS,
              renewTime,
            },
          },
          INTERNAL,
        );
      } else {
        const node = api.store.get('nodes', undefined, name);
        if (!node || !api.store.get('namespaces', undefined, 'kube-node-lease')) return;
        api.create(
          {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: {
              name,
              namespace: 'kube-node-lease',
              ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }],
            },
            spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime },
          },
          INTERNAL,
        );
      }
    } catch {
      // the namespace may not exist yet during bootstrap; the next renewal creates it
    }
  }

  private imageList(): { names: string[]; sizeBytes: number }[] {
    return [...this.agent.imageCache.values()]
      .sort((a, b) => b.tag.sizeBytes - a.tag.sizeBytes || (a.imageName < b.imageName ? -1 : 1))
      .slice(0, 50)
      .map((i) => ({ names: [i.imageID, i.imageName], sizeBytes: i.tag.sizeBytes }));
  }

  private updateNode(): void {
    const api = this.ctx.api;
    const node = api.store.get('nodes', undefined, this.agent.nodeName);
    if (!node) return;
    const nowMs = this.ctx.clock.now();
    const now = this.ctx.clock.nowISO();
    const old = (node.status?.conditions ?? []) as {
      type: string;
      status: string;
      reason?: string;
      lastTransitionTime?: string;
      lastHeartbeatTime?: string;
    }[];
    const changed = CONDITIONS.some(([type, status, reason]) => {
      const o = old.find((c) => c.type === type);
      return !o || o.status !== status || o.reason !== reason;
    });
    const due = nowMs - this.lastReportMs >= STATUS_REPORT_MS;
    if (!changed && !due && !this.imagesDirty) return;
    const conditions = CONDITIONS.map(([type, status, reason, message]) => {
      const o = old.find((c) => c.type === type);
      const transition = o && o.status === status ? o.lastTransitionTime : now;
      const heartbeat = changed || due || !o?.lastHeartbeatTime ? now : o.lastHeartbeatTime;
      return { type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason, message };
    });
    const status = { ...node.status, conditions, images: this.imageList() };
    this.imagesDirty = false;
    if (changed || due) this.lastReportMs = nowMs;
    if (deepEqual(status, node.status)) return;
    try {
      api.updateStatus({ ...node, status }, INTERNAL);
    } catch {
      // retried on the next tick
    }
  }
}
