/**
 * The scheduler's cache: per node, the summed requests of the pods bound there, their host ports and
 * the pods themselves, kept current from watch events so a scheduling cycle never scans every pod.
 */
import type { ApiServer } from '../api/apiserver';
import type { OwnerReference, StoredObject } from '../api/types';
import { nodeAllocatable, podRequests, type Resources, zero } from './resources';

export interface NodeInfo {
  node: StoredObject;
  /**
   * The node's kubernetes.io/hostname and topology.kubernetes.io/zone labels, read once per node version:
   * default spreading looks them up for every feasible node of every pod.
   */
  hostname: string | undefined;
  zone: string | undefined;
  allocatable: Resources & { pods: number };
  requested: Resources;
  /** Requests with the scheduler's non-zero defaults (100m CPU, 200Mi) for pods that set none: used for scoring. */
  nonZero: { cpu: number; memory: number };
  pods: Map<string, StoredObject>;
  ports: Set<string>;
  /** Pods per controller owner uid (default topology spreading counts these). */
  owners: Map<string, number>;
}

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

interface Contribution {
  node: string;
  owner?: string;
  req: Resources;
  nonZero: { cpu: number; memory: number };
  ports: readonly string[];
}

/** Shared by the (many) pods without host ports; never changed. */
const NO_PORTS: readonly string[] = Object.freeze([]);

function hostPorts(pod: StoredObject): readonly string[] {
  let out: string[] | undefined;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out ??= [];
      out.push(`${p.protocol ?? 'TCP'}/${p.hostIP ?? '0.0.0.0'}/${p.hostPort}`);
    }
  }
  return out ?? NO_PORTS;
}

/** The first owner reference marked controller (a loop, not a closure: runs for every pod bound). */
export function controllerRef(pod: StoredObject): OwnerReference | undefined {
  const refs = pod.metadata.ownerReferences;
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i].controller) return refs[i];
  return undefined;
}

const terminal = (pod: StoredObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export class Snapshot {
  readonly nodes = new Map<string, NodeInfo>();
  private readonly contributions = new Map<string, Contribution>();
  /** Pods that carry required anti-affinity (checked against every incoming pod). */
  readonly antiAffinityPods = new Map<string, StoredObject>();

  constructor(private readonly api: ApiServer) {}

  start(onChange: (kind: 'node' | 'pod-deleted' | 'pod-added', obj: StoredObject) => void): void {
    this.api.watch('nodes', undefined, (e) => {
      if (e.type === 'DELETED') {
        this.nodes.delete(e.object.metadata.name);
        this.sorted = undefined;
      } else this.upsertNode(e.object);
      // Only changes that can make a pod fit wake the queue (not heartbeats or image lists).
      // The same object (status writes keep sharing spec, labels and allocatable) needs no serialising.
      const o = e.old;
      const cur = e.object;
      const relevant =
        !o ||
        e.type === 'DELETED' ||
        o.spec?.unschedulable !== cur.spec?.unschedulable ||
        (o.spec?.taints !== cur.spec?.taints &&
          JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(cur.spec?.taints ?? [])) ||
        (o.metadata.labels !== cur.metadata.labels &&
          JSON.stringify(o.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {})) ||
        (o.status?.allocatable !== cur.status?.allocatable &&
          JSON.stringify(o.status?.allocatable ?? {}) !== JSON.stringify(cur.status?.allocatable ?? {}));
      if (relevant) onChange('node', e.object);
    });
    this.api.watch('pods', undefined, (e) => {
      const uid = e.object.metadata.uid;
      // Most pod writes are kubelet status updates: same spec, same owners, same terminal state. Then only
      // the stored reference changes; re-counting requests and ports for each would dominate scale-ups.
      if (
        e.type === 'MODIFIED' &&
        e.old &&
        e.old.spec === e.object.spec &&
        e.old.metadata.ownerReferences === e.object.metadata.ownerReferences &&
        terminal(e.old) === terminal(e.object)
      ) {
        const c = this.contributions.get(uid);
        if (c) {
          this.nodes.get(c.node)?.pods.set(uid, e.object);
          if (this.antiAffinityPods.has(uid)) this.antiAffinityPods.set(uid, e.object);
        }
        return;
      }
      this.removePod(uid);
      if (e.type !== 'DELETED' && e.object.spec?.nodeName && !terminal(e.object)) this.addPod(e.object);
      if (e.type === 'DELETED' || (e.old && !terminal(e.old) && terminal(e.object)))
        onChange('pod-deleted', e.object);
    });
  }

  private upsertNode(node: StoredObject): void {
    const existing = this.nodes.get(node.metadata.name);
    if (existing) {
      existing.node = node;
      existing.hostname = node.metadata.labels?.[HOSTNAME_LABEL];
      existing.zone = node.metadata.labels?.[ZONE_LABEL];
      existing.allocatable = nodeAllocatable(node);
      return;
    }
    const info: NodeInfo = {
      node,
      hostname: node.metadata.labels?.[HOSTNAME_LABEL],
      zone: node.metadata.labels?.[ZONE_LABEL],
      allocatable: nodeAllocatable(node),
      requested: zero(),
      nonZero: { cpu: 0, memory: 0 },
      pods: new Map(),
      ports: new Set(),
      owners: new Map(),
    };
    this.nodes.set(node.metadata.name, info);
    this.sorted = undefined;
    for (const c of this.contributions.values()) if (c.node === node.metadata.name) this.apply(info, c, 1);
    for (const p of this.api.store.byIndex('pods:nodeName', node.metadata.name))
      if (!terminal(p)) info.pods.set(p.metadata.uid, p);
  }

  private apply(info: NodeInfo, c: Contribution, sign: 1 | -1): void {
    // for-in, not Object.entries: same keys in the same order without an array of pairs per pod.
    for (const k in c.req) info.requested[k] = (info.requested[k] ?? 0) + sign * c.req[k];
    info.nonZero.cpu += sign * c.nonZero.cpu;
    info.nonZero.memory += sign * c.nonZero.memory;
    for (const p of c.ports) {
      if (sign > 0) info.ports.add(p);
      else info.ports.delete(p);
    }
    if (c.owner) {
      const n = (info.owners.get(c.owner) ?? 0) + sign;
      if (n > 0) info.owners.set(c.owner, n);
      else info.owners.delete(c.owner);
    }
  }

  /** Count a pod on its node (also used to assume a pod the moment it is bound). */
  addPod(pod: StoredObject): void {
    const req = podRequests(pod);
    const c: Contribution = {
      node: pod.spec.nodeName,
      owner: controllerRef(pod)?.uid,
      req,
      nonZero: { cpu: req.cpu || DEFAULT_MILLI_CPU, memory: req.memory || DEFAULT_MEMORY },
      ports: hostPorts(pod),
    };
    this.contributions.set(pod.metadata.uid, c);
    const info = this.nodes.get(c.node);
    if (info) {
      this.apply(info, c, 1);
      info.pods.set(pod.metadata.uid, pod);
    }
    if (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length)
      this.antiAffinityPods.set(pod.metadata.uid, pod);
  }

  requestsOf(pod: StoredObject): Resources {
    return this.contributions.get(pod.metadata.uid)?.req ?? podRequests(pod);
  }

  removePod(uid: string): void {
    const c = this.contributions.get(uid);
    if (!c) return;
    this.contributions.delete(uid);
    const info = this.nodes.get(c.node);
    if (info) {
      this.apply(info, c, -1);
      info.pods.delete(uid);
    }
    this.antiAffinityPods.delete(uid);
  }

  private sorted?: NodeInfo[];

  /** Nodes in name order (the scheduler's node list order). */
  list(): NodeInfo[] {
    if (!this.sorted || this.sorted.length !== this.nodes.size) {
      this.sorted = [...this.nodes.values()].sort((a, b) =>
        a.node.metadata.name < b.node.metadata.name ? -1 : 1,
      );
    }
    return this.sorted;
  }
}

export { DEFAULT_MEMORY, DEFAULT_MILLI_CPU };
