/**
 * The kubelet of one node: runs the pods bound to it (one PodWorker each), pulls images through a
 * serialized puller, hands out pod IPs from the node's podCIDR, writes pod status, renews the node's
 * Lease and keeps its conditions and image list current.
 */
import { INTERNAL } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';
import type { ResolvedImage } from '../images/catalog';
import type { ServerContext } from '../images/types';
import { nodeAllocatable } from '../scheduler/resources';
import { isoSeconds } from '../sim/clock';
import type { Rng } from '../sim/rng';
import { deepEqual } from '../util/objects';
import type { Agent, PullOutcome } from './agent';
import type { PodFacts } from './config';
import { kubeletManagedFiles } from './etc-files';
import type { Mount } from './fs';
import type { KubeletManager } from './manager';
import { NodeStatusKeeper } from './node-status';
import { PodWorker } from './pod-worker';
import type { ShellHost } from './shell/host';
import { buildStatus } from './status';
import { type ContainerRt, fieldPathOf, type PodRt } from './types';

/** Registry throughput for simulated pulls (bytes per ms) and the fixed cost of resolving a manifest. */
const PULL_BYTES_PER_MS = 32_000;
const PULL_BASE_MS = 320;

export class NodeAgent implements Agent {
  readonly workers = new Map<string, PodWorker>();
  private readonly byKey = new Map<string, string>();
  readonly imageCache = new Map<string, ResolvedImage>();
  private pullFreeAt = 0;
  /** When the latest queued pull of each image ends. */
  private readonly inFlight = new Map<string, number>();
  private readonly ipsInUse = new Set<string>();
  private ipNext = 2;
  /** Pods whose status is to be written, in the order they changed (each once: `rt.dirty`). */
  private dirty: PodRt[] = [];
  /** An empty list for the next `dirty` (the two are swapped by every flush rather than made anew). */
  private spareDirty: PodRt[] | undefined = [];
  private flushing = false;
  private readonly queue: WorkQueue;
  readonly status: NodeStatusKeeper;
  /** false while the kubelet is stopped (a fault): no status, no leases, no pod work. */
  running = true;
  readonly rng: Rng;
  /** The `source` of this kubelet's events (the recorder only reads it). */
  private readonly eventSource: { component: string; host: string };

  constructor(
    private readonly m: KubeletManager,
    readonly nodeName: string,
    node: StoredObject,
  ) {
    this.rng = m.rng.fork(`node:${nodeName}`);
    this.eventSource = { component: 'kubelet', host: nodeName };
    this.queue = new WorkQueue(m.ctx.clock, `kubelet:${nodeName}`, (key) => this.reconcile(key), 40);
    this.status = new NodeStatusKeeper(m.ctx, this, node);
  }

  get ctx() {
    return this.m.ctx;
  }
  get images() {
    return this.m.images;
  }
  get crashBackoff() {
    return this.m.crashBackoff;
  }
  get pullBackoff() {
    return this.m.pullBackoff;
  }
  get volumeStores() {
    return this.m.volumeStores;
  }

  /** The node's InternalIP, looked up again only when its addresses list is replaced. */
  private hostIPOf?: { addresses: unknown; ip: string };
  get hostIP(): string {
    const node = this.ctx.api.store.get('nodes', undefined, this.nodeName);
    const addresses = node?.status?.addresses;
    if (this.hostIPOf?.addresses !== addresses || !this.hostIPOf) {
      const list = (addresses ?? []) as { type: string; address: string }[];
      this.hostIPOf = { addresses, ip: list.find((a) => a.type === 'InternalIP')?.address ?? '' };
    }
    return this.hostIPOf.ip;
  }

  start(): void {
    // The sandbox (pause) image is on every node from the start, as kubeadm pre-pulls it.
    const pause = this.images.resolve('registry.k8s.io/pause:3.10');
    if (pause.ok) this.imageCache.set(pause.imageName, pause);
    this.status.start();
  }

  enqueue(key: string): void {
    if (this.running) this.queue.add(key);
  }

  /** A pod of this node changed (or is new): reconcile what runs here with the object. */
  private reconcile(key: string): void {
    if (!this.running) return;
    const { namespace, name } = splitKey(key);
    const pod = this.ctx.api.store.get('pods', namespace, name);
    const uid = this.byKey.get(key);
    const worker = uid ? this.workers.get(uid) : undefined;
    if (worker && (!pod || pod.metadata.uid !== uid || pod.spec?.nodeName !== this.nodeName)) {
      worker.abandon();
      this.forget(worker.rt);
    }
    if (!pod || pod.spec?.nodeName !== this.nodeName) return;
    let w = this.workers.get(pod.metadata.uid);
    if (!w) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      w = this.admit(pod);
      if (!w) return;
    }
    const specChanged = w.rt.pod.spec !== pod.spec;
    w.rt.pod = pod;
    if (specChanged && !pod.metadata.deletionTimestamp) w.specChanged();
    if (pod.metadata.deletionTimestamp) w.terminate();
    else w.sync();
  }

  private admit(pod: StoredObject): PodWorker | undefined {
    const now = this.ctx.clock.now();
    const { init, app } = PodWorker.containers(pod);
    const rt: PodRt = {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      pod,
      createdAtMs: now,
      startTime: pod.status?.startTime ?? isoSeconds(now),
      sandbox: 'none',
      init,
      app,
      conditions: {},
      busy: false,
      terminating: false,
      gone: false,
      tasks: [],
      mountRetryMs: 2000,
      dirty: false,
      lastWrittenStatus: undefined,
    };
    const w = new PodWorker(rt, this);
    this.workers.set(rt.uid, w);
    this.byKey.set(keyOf(pod), rt.uid);
    this.m.probes.podAdded(this, w);
    this.markDirty(rt);
    return w;
  }

  private forget(rt: PodRt): void {
    rt.gone = true;
    this.workers.delete(rt.uid);
    if (this.byKey.get(`${rt.namespace}/${rt.name}`) === rt.uid)
      this.byKey.delete(`${rt.namespace}/${rt.name}`);
    if (rt.ip && !rt.pod.spec?.hostNetwork && !rt.ipReleased) this.releaseIP(rt.ip);
    rt.ipReleased = true;
    this.m.probes.podRemoved(rt);
    this.crashBackoff.clear(`${rt.uid}/`);
    this.pullBackoff.clear(`${rt.uid}_`);
    // Left in the dirty list if it is there: the status manager passes over gone pods.
  }

  /** A pod bound here was deleted from the API. */
  podDeleted(pod: StoredObject): void {
    const w = this.workers.get(pod.metadata.uid);
    if (!w) return;
    w.abandon();
    this.forget(w.rt);
  }

  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  // ------------------------------------------------------------ Agent

  record(
    rt: PodRt,
    c: ContainerRt | undefined,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.ctx.events.record(rt.pod, type, reason, message, this.eventSource, c ? fieldPathOf(c) : undefined);
  }

  markDirty(rt: PodRt): void {
    if (!rt.dirty) {
      rt.dirty = true;
      this.dirty.push(rt);
    }
    if (this.flushing) return;
    this.flushing = true;
    this.ctx.clock.after(0, 'kubelet:status', this.flushTask);
  }

  /** The status manager's task (one function for every flush rather than a closure per flush). */
  private readonly flushTask = () => this.flush();

  /** The status manager: write every changed pod status once per instant. */
  private flush(): void {
    this.flushing = false;
    if (!this.running) return;
    const pods = this.dirty;
    this.dirty = this.spareDirty ?? [];
    this.spareDirty = undefined;
    for (const rt of pods) rt.dirty = false;
    const now = this.ctx.clock.nowISO();
    const hostIP = this.hostIP;
    for (const rt of pods) {
      if (rt.gone) continue;
      const current = this.ctx.api.store.get('pods', rt.namespace, rt.name);
      if (!current || current.metadata.uid !== rt.uid) continue;
      rt.pod = current;
      const status = buildStatus(rt, hostIP, now);
      if (deepEqual(status, current.status)) continue;
      try {
        // Through /status only the status is taken (everything else is the stored object's): no copy of
        // the whole pod to send it.
        rt.pod = this.ctx.api.updateStatus(
          { apiVersion: current.apiVersion, kind: current.kind, metadata: current.metadata, status },
          INTERNAL,
        );
        rt.lastWrittenStatus = status;
      } catch {
        // A conflicting write: the next change writes again.
      }
    }
    pods.length = 0;
    this.spareDirty = pods;
  }

  /** The first three octets of the podCIDR, kept until the CIDR changes. */
  private ipBaseOf?: { cidr: string; base: string };

  allocateIP(_rt: PodRt): string {
    const node = this.ctx.api.store.get('nodes', undefined, this.nodeName);
    const cidr: string = node?.spec?.podCIDR ?? '10.244.0.0/24';
    if (this.ipBaseOf?.cidr !== cidr)
      this.ipBaseOf = { cidr, base: cidr.split('/')[0].split('.').slice(0, 3).join('.') };
    const base = this.ipBaseOf.base;
    for (let tries = 0; tries < 253; tries++) {
      const ip = `${base}.${this.ipNext}`;
      this.ipNext = this.ipNext >= 254 ? 2 : this.ipNext + 1;
      if (!this.ipsInUse.has(ip)) {
        this.ipsInUse.add(ip);
        return ip;
      }
    }
    return `${base}.254`;
  }

  releaseIP(ip: string): void {
    this.ipsInUse.delete(ip);
  }

  hasImage(imageName: string): boolean {
    return this.imageCache.has(imageName);
  }

  pull(image: ResolvedImage | { ok: false; message: string }, done: (o: PullOutcome) => void): void {
    const now = this.ctx.clock.now();
    let pullMs: number;
    if (!image.ok) pullMs = this.rng.int(400, 1400);
    else if (this.imageCache.has(image.imageName)) pullMs = this.rng.int(350, 900);
    // containerd shares the layers of a pull already queued: this one only waits for it.
    else if ((this.inFlight.get(image.imageName) ?? 0) > now) pullMs = this.rng.int(40, 160);
    else
      pullMs = Math.round(
        (PULL_BASE_MS + image.tag.sizeBytes / PULL_BYTES_PER_MS) * (0.85 + this.rng.next() * 0.3),
      );
    // serializeImagePulls: one pull at a time per node; later ones wait.
    const start = Math.max(now, this.pullFreeAt);
    const end = start + pullMs;
    this.pullFreeAt = end;
    if (image.ok) this.inFlight.set(image.imageName, Math.max(end, this.inFlight.get(image.imageName) ?? 0));
    this.ctx.clock.at(end, 'kubelet:pull', () => {
      if (image.ok) {
        const first = !this.imageCache.has(image.imageName);
        this.imageCache.set(image.imageName, image);
        if (first) this.status.imagesChanged();
        done({ ok: true, pullMs, totalMs: end - now });
      } else done({ ok: false, message: image.message, pullMs, totalMs: end - now });
    });
  }

  facts(rt: PodRt): PodFacts {
    const node = this.ctx.api.store.get('nodes', undefined, this.nodeName);
    const alloc = node ? nodeAllocatable(node) : { cpu: 0, memory: 0 };
    return {
      podIP: rt.ip ?? '',
      hostIP: this.hostIP,
      nodeAllocatable: { cpu: alloc.cpu, memory: alloc.memory },
    };
  }

  shellHost(rt: PodRt, c: ContainerRt, env: Record<string, string>): ShellHost {
    return this.m.shellHost(this, rt, c, env);
  }

  serverContext(rt: PodRt, c: ContainerRt, env: Record<string, string>, args: string[]): ServerContext {
    return this.m.serverContext(rt, c, env, args);
  }

  extraStartupMs(rt: PodRt): number {
    return this.m.faults.extraStartupMs(rt.pod, this.ctx);
  }

  managedFiles(rt: PodRt): Mount[] {
    return kubeletManagedFiles(this.ctx, rt, this.nodeName);
  }

  containerStarted(rt: PodRt, c: ContainerRt): void {
    this.m.probes.containerStarted(this, rt, c);
  }

  containerStopped(rt: PodRt, c: ContainerRt): void {
    this.m.probes.containerStopped(rt, c);
  }

  finished(rt: PodRt): void {
    const w = this.workers.get(rt.uid);
    this.flush();
    const current = this.ctx.api.store.get('pods', rt.namespace, rt.name);
    if (w) this.forget(rt);
    if (current && current.metadata.uid === rt.uid && current.metadata.deletionTimestamp) {
      try {
        this.ctx.api.delete('pods', rt.namespace, rt.name, { gracePeriodSeconds: 0 });
      } catch {
        // already gone
      }
    }
  }

  // ------------------------------------------------------------ faults

  /** Stop the kubelet: nothing is reported any more; containers keep running as they were. */
  stop(): void {
    this.running = false;
    this.status.stop();
  }

  /** Start the kubelet again: report the node, resync every pod bound here. */
  resume(): void {
    if (this.running) return;
    this.running = true;
    this.status.start();
    for (const pod of this.ctx.api.store.byIndex('pods:nodeName', this.nodeName)) this.enqueue(keyOf(pod));
    for (const w of [...this.workers.values()]) {
      const pod = this.ctx.api.store.get('pods', w.rt.namespace, w.rt.name);
      if (!pod || pod.metadata.uid !== w.rt.uid) {
        w.abandon();
        this.forget(w.rt);
      } else this.markDirty(w.rt);
    }
  }

  /** The node goes away (deleted): every pod's containers stop. */
  shutdown(): void {
    for (const w of [...this.workers.values()]) {
      w.abandon();
      this.forget(w.rt);
    }
    this.status.stop();
    this.running = false;
  }
}
