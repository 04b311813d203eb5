/**
 * kube-scheduler (default profile): a priority queue of unscheduled pods with back-off, filter and score
 * over a cached snapshot of the nodes, a deterministic tie-break, binding (spec.nodeName + PodScheduled),
 * and FailedScheduling with the real FitError wording when no node fits.
 */

import { INTERNAL } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { keyOf } from '../controllers/workqueue';
import type { ImageCatalog } from '../images/catalog';
import type { Rng } from '../sim/rng';
import { ensurePodNodeIndex } from './cache';
import { type CycleState, type FilterFailure, newCycleState, runFilters } from './filters';
import { evictVictims, preempt } from './preemption';
import { podRequests } from './resources';
import { defaultSpreadSelector, type ScoreContext, scoreNodes } from './scores';
import { type NodeInfo, Snapshot } from './snapshot';
import { prepareSpread } from './spread';
import { planVolumes, volumeFilter } from './volumes';

export const SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are retried at least this often even without a cluster event. */
const MAX_IN_UNSCHEDULABLE_MS = 300_000;

interface Queued {
  /** The pod's namespace and name (its key, split once rather than on every pass). */
  namespace: string | undefined;
  name: string;
  attempts: number;
  backoffUntil: number;
  /** In the unschedulable pool: waits for a cluster change. */
  parked: boolean;
  parkedAt: number;
}

export interface SchedulerService {
  /** Run a scheduling pass now (normally it runs on its own). */
  flush(): void;
  /** Pods waiting in the queue (namespace/name). */
  pending(): string[];
  /** The last FailedScheduling message for a pod, if it is unschedulable. */
  lastFailure(namespace: string, name: string): string | undefined;
}

export class Scheduler implements SchedulerService {
  private readonly snapshot: Snapshot;
  private readonly queue = new Map<string, Queued>();
  private readonly failures = new Map<string, string>();
  private readonly rng: Rng;
  private cycleScheduled = false;
  private nextStartNode = 0;
  /**
   * Per scheduling pass: the nodes holding each image. Kubelets add an image only when a pull finishes,
   * which is a later clock task, never during a pass, so one lookup per image per pass answers every
   * pod's ImageLocality (node count and per-node presence) without asking the kubelets per node per pod.
   */
  private readonly imageHolders = new Map<string, Set<string>>();
  /** One ScoreContext for every pod (no closures per scoring call); totalNodes is set per pod. */
  private readonly scoreContext: ScoreContext = {
    totalNodes: 0,
    imageHolders: (img) => this.nodesWithImage(img),
  };
  /** Per-node totals of the pod being scored (reused: one pod is scored at a time). */
  private readonly totals: number[] = [];
  /** The pod's resolved images for ImageLocality (reused scratch list). */
  private readonly podImages: { name: string; size: number }[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly images?: ImageCatalog,
  ) {
    this.rng = ctx.rng.fork('scheduler');
    this.snapshot = new Snapshot(ctx.api);
  }

  start(): void {
    ensurePodNodeIndex(this.ctx.api);
    this.snapshot.start((kind) => {
      if (kind === 'node' || kind === 'pod-deleted') this.moveAllToActive();
    });
    this.ctx.api.watch('pods', undefined, (e) => {
      const key = keyOf(e.object);
      if (e.type === 'DELETED' || !this.wants(e.object)) {
        this.queue.delete(key);
        return;
      }
      if (!this.queue.has(key))
        this.queue.set(key, {
          namespace: e.object.metadata.namespace || undefined,
          name: e.object.metadata.name ?? '',
          attempts: 0,
          backoffUntil: 0,
          parked: false,
          parkedAt: 0,
        });
      else if (
        e.old &&
        (e.old.metadata.labels !== e.object.metadata.labels || e.old.spec !== e.object.spec)
      ) {
        const q = this.queue.get(key)!;
        q.parked = false;
      }
      this.kick();
    });
    for (const r of ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses.storage.k8s.io']) {
      this.ctx.api.watch(r, undefined, () => this.moveAllToActive());
    }
    const flushTimer = () =>
      this.ctx.clock.after(30_000, 'scheduler:flush-unschedulable', () => {
        const now = this.ctx.clock.now();
        for (const q of this.queue.values())
          if (q.parked && now - q.parkedAt >= MAX_IN_UNSCHEDULABLE_MS) q.parked = false;
        if ([...this.queue.values()].some((q) => !q.parked)) this.kick();
        flushTimer();
      });
    flushTimer();
  }

  private wants(pod: StoredObject): boolean {
    return (
      !pod.spec?.nodeName &&
      (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
      !pod.metadata.deletionTimestamp &&
      pod.status?.phase !== 'Succeeded' &&
      pod.status?.phase !== 'Failed'
    );
  }

  private moveAllToActive(): void {
    let any = false;
    for (const q of this.queue.values()) {
      if (q.parked) {
        q.parked = false;
        any = true;
      }
    }
    if (any) this.kick();
  }

  private kick(): void {
    if (this.cycleScheduled) return;
    const now = this.ctx.clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const q of this.queue.values()) if (!q.parked) next = Math.min(next, Math.max(q.backoffUntil, now));
    if (next === Number.POSITIVE_INFINITY) return;
    this.cycleScheduled = true;
    // A few ms of queueing latency so a burst of new pods is handled in one pass.
    this.ctx.clock.at(Math.max(next, now + 5), 'scheduler:cycle', () => {
      this.cycleScheduled = false;
      this.flush();
    });
  }

  pending(): string[] {
    return [...this.queue.keys()];
  }

  lastFailure(namespace: string, name: string): string | undefined {
    return this.failures.get(`${namespace}/${name}`);
  }

  flush(): void {
    const now = this.ctx.clock.now();
    this.imageHolders.clear();
    const ready: StoredObject[] = [];
    for (const [key, q] of this.queue) {
      if (q.parked || q.backoffUntil > now) continue;
      const pod = this.ctx.api.store.get('pods', q.namespace, q.name);
      if (!pod || !this.wants(pod)) {
        this.queue.delete(key);
        continue;
      }
      ready.push(pod);
    }
    // PrioritySort: higher priority first, then older first.
    ready.sort(
      (a, b) =>
        (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0) ||
        (a.metadata.creationTimestamp < b.metadata.creationTimestamp
          ? -1
          : a.metadata.creationTimestamp > b.metadata.creationTimestamp
            ? 1
            : 0),
    );
    for (const pod of ready) this.scheduleOne(pod);
    this.kick();
  }

  private scheduleOne(pod: StoredObject): void {
    const key = keyOf(pod);
    const nodes = this.snapshot.list();
    const total = nodes.length;
    const state = newCycleState(pod, podRequests(pod), this.snapshot);
    if (total === 0) {
      this.unschedulable(pod, 'no nodes available to schedule pods');
      return;
    }
    const plan = planVolumes(this.ctx.api, pod);
    if (plan.prefilter) {
      this.unschedulable(
        pod,
        `0/${total} nodes are available: ${plan.prefilter}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
      );
      return;
    }
    prepareSpread(state, nodes);
    // Find feasible nodes, starting where the last cycle stopped (percentageOfNodesToScore).
    const want =
      total <= 100
        ? total
        : Math.max(100, Math.floor((total * Math.max(5, 50 - Math.floor(total / 125))) / 100));
    const feasible: NodeInfo[] = [];
    const failures = new Map<string, FilterFailure>();
    let checked = 0;
    // VolumeBinding runs after the other filters; with no claims it passes every node.
    const hasVolumes = plan.bound.length > 0 || plan.delayed.length > 0;
    for (; checked < total && feasible.length < want; checked++) {
      const n = nodes[(this.nextStartNode + checked) % total];
      const f = runFilters(state, n) ?? (hasVolumes ? volumeFilter(plan, n) : undefined);
      if (f) failures.set(n.node.metadata.name, f);
      else feasible.push(n);
    }
    this.nextStartNode = (this.nextStartNode + checked) % total;
    if (feasible.length === 0) {
      this.fitError(state, nodes, failures);
      return;
    }
    const chosen = feasible.length === 1 ? feasible[0] : this.select(state, feasible);
    if (
      plan.delayed.length > 0 &&
      plan.delayed.some(
        (pvc) =>
          pvc.metadata.annotations?.['volume.kubernetes.io/selected-node'] !== chosen.node.metadata.name,
      )
    ) {
      // PreBind: ask for the claims to be provisioned on the chosen node, then wait until they are bound.
      for (const pvc of plan.delayed) {
        try {
          this.ctx.api.update({
            ...pvc,
            metadata: {
              ...pvc.metadata,
              annotations: {
                ...pvc.metadata.annotations,
                'volume.kubernetes.io/selected-node': chosen.node.metadata.name,
              },
            },
          });
        } catch {
          // a concurrent change: the claim watch retries
        }
      }
      this.park(key);
      return;
    }
    if (plan.delayed.length) {
      this.park(key);
      return;
    }
    this.bind(pod, key, chosen.node.metadata.name);
  }

  private select(state: CycleState, feasible: NodeInfo[]): NodeInfo {
    const sc = this.scoreContext;
    sc.totalNodes = this.snapshot.nodes.size;
    const images = this.podImages;
    images.length = 0;
    for (const c of (state.pod.spec?.containers ?? []) as { image?: string }[]) {
      const r = this.images?.resolve(c.image ?? '');
      if (r?.ok) images.push({ name: r.imageName, size: r.tag.sizeBytes });
    }
    const totals = this.totals;
    scoreNodes(state, feasible, sc, defaultSpreadSelector(this.ctx.api, state.pod), images, totals);
    // Highest total wins; ties are broken at random (reservoir sampling), as the real selectHost does.
    let best = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (this.rng.int(0, ties - 1) === 0) best = i;
      }
    }
    return feasible[best];
  }

  /** The nodes that hold an image, found once per scheduling pass (see imageHolders). */
  private nodesWithImage(image: string): ReadonlySet<string> {
    let holders = this.imageHolders.get(image);
    if (holders) return holders;
    holders = new Set();
    const k = this.ctx.services.get('kubelets') as
      | { hasImage?(node: string, image: string): boolean }
      | undefined;
    if (k?.hasImage)
      for (const name of this.snapshot.nodes.keys()) if (k.hasImage(name, image)) holders.add(name);
    this.imageHolders.set(image, holders);
    return holders;
  }

  private bind(pod: StoredObject, key: string, nodeName: string): void {
    this.queue.delete(key);
    this.failures.delete(key);
    try {
      // The pods/binding subresource: spec.nodeName and PodScheduled=True in one write, as the real
      // scheduler's Bind plugin posts it.
      this.ctx.api.bind(pod.metadata.namespace ?? 'default', pod.metadata.name, nodeName, INTERNAL);
    } catch {
      // The pod changed or went away under us: the watch brings it back if it still needs a node.
      return;
    }
    this.ctx.events.record(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      { component: SCHEDULER_NAME },
    );
  }

  private fitError(state: CycleState, nodes: NodeInfo[], failures: Map<string, FilterFailure>): void {
    const total = nodes.length;
    const counts = new Map<string, number>();
    for (const f of failures.values()) for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const reasons = [...counts.entries()].map(([r, c]) => `${c} ${r}`).sort();
    let message = `0/${total} nodes are available: ${reasons.join(', ')}.`;
    const p = preempt(state, nodes, failures);
    if (p.message) message += ` ${p.message}`;
    else if (p.node) evictVictims(this.ctx, state.pod, p.node, p.victims);
    this.unschedulable(state.pod, message);
  }

  private park(key: string): void {
    const q = this.queue.get(key);
    if (!q) return;
    q.attempts++;
    q.backoffUntil =
      this.ctx.clock.now() + Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (q.attempts - 1));
    q.parked = true;
    q.parkedAt = this.ctx.clock.now();
  }

  private unschedulable(pod: StoredObject, message: string): void {
    const key = keyOf(pod);
    this.failures.set(key, message);
    this.park(key);
    this.ctx.events.record(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
    const conditions = (pod.status?.conditions ?? []) as {
      type: string;
      status?: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
    const prev = conditions.find((c) => c.type === 'PodScheduled');
    if (prev && prev.status === 'False' && prev.reason === 'Unschedulable' && prev.message === message)
      return;
    const cond = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: prev?.status === 'False' ? prev.lastTransitionTime : this.ctx.clock.nowISO(),
      reason: 'Unschedulable',
      message,
    };
    try {
      const cur = this.ctx.api.store.get('pods', pod.metadata.namespace, pod.metadata.name);
      if (!cur) return;
      this.ctx.api.updateStatus(
        {
          ...cur,
          status: {
            phase: 'Pending',
            ...cur.status,
            conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), cond],
          },
        },
        INTERNAL,
      );
    } catch {
      // retried on the next attempt
    }
  }
}
