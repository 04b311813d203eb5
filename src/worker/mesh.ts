/**
 * The Mesh view's telemetry (a Kiali-style versioned-app graph): workload -> Service -> workload edges
 * with rps, error % and latency percentiles over the last 10 s of simulated time, each node's inbound
 * golden signals, the mesh's load generators, and one focused node's time series.
 *
 * The engine's telemetry keys edges by workload only; the Service a request was addressed to travels
 * with each request, so this tracker subscribes from cluster start and keeps two more MeshTelemetry
 * aggregates (caller -> Service, Service -> answering workload) with the same histogram buckets, so the
 * percentiles on Service edges are as exact as the engine's own. Messages go out only while the view is
 * open, at most every MESH_MIN_INTERVAL_MS of real time, and only when something differs.
 */
import type { StoredObject } from '../engine/api/types';
import type { Cluster } from '../engine/cluster';
import type { Mesh } from '../engine/istio/mesh';
import {
  type MeshRequest,
  MeshTelemetry,
  SERIES_SECONDS,
  type TelemetryStats,
} from '../engine/istio/telemetry';
import type {
  MeshEdgeView,
  MeshLoadView,
  MeshNodeView,
  MeshSeries,
  MeshState,
  WorkerMessage,
} from '../protocol/messages';

/** Simulated time the graph's numbers cover (whole seconds ending at the last complete second). */
export const MESH_WINDOW_MS = 10_000;
/** Real time between two messages at the most (a 32x clock must not flood the page). */
export const MESH_MIN_INTERVAL_MS = 250;
export const UNKNOWN = 'unknown';

const workloadId = (key: string) => `workload:${key}`;
const serviceId = (key: string) => `service:${key}`;

export class MeshTracker {
  /** Caller workload -> Service (the request's destination replaced by its Service). */
  private toService = new MeshTelemetry();
  /** Service -> answering workload (the request's source replaced by its Service). */
  private fromService = new MeshTelemetry();
  /** Workload -> workload without a Service (a pod IP called directly). */
  private direct = new MeshTelemetry();
  private unsubscribe?: () => void;
  private cluster?: Cluster;
  private open = false;
  private focus?: string;
  private waitedMs = 0;
  private pending = false;
  private lastStateKey = '';
  private lastSeriesKey = '';

  /** Follow a (new) cluster's mesh from its start; call before anything runs in it. */
  attach(cluster: Cluster): void {
    this.unsubscribe?.();
    this.cluster = cluster;
    this.toService = new MeshTelemetry();
    this.fromService = new MeshTelemetry();
    this.direct = new MeshTelemetry();
    this.lastStateKey = '';
    this.lastSeriesKey = '';
    this.pending = this.open;
    this.unsubscribe = meshOf(cluster)?.telemetry.subscribe((r) => this.record(r));
  }

  private record(r: MeshRequest): void {
    if (!r.service) {
      this.direct.record(r);
      return;
    }
    this.toService.record({ ...r, destination: r.service });
    // When Envoy answered itself (no healthy upstream, no route) the engine names the Service as the
    // destination: the caller -> Service edge shows it. A workload may share the Service's name, though.
    if (r.destination === UNKNOWN) return;
    if (r.destination !== r.service || this.isWorkload(r.destination))
      this.fromService.record({ ...r, source: r.service });
  }

  private isWorkload(key: string): boolean {
    const store = this.cluster?.api.store;
    if (!store) return false;
    const [namespace, name] = splitKey(key);
    return (
      WORKLOAD_RESOURCES.some((r) => !!store.get(r, namespace, name)) || !!store.get('pods', namespace, name)
    );
  }

  /** The page opened or closed the view, or focused another node: the next tick posts at once. */
  watch(open: boolean, focus: string | undefined): void {
    this.open = open;
    this.focus = open ? focus : undefined;
    this.lastStateKey = '';
    this.lastSeriesKey = '';
    this.pending = open;
  }

  /** Called every frame with the real time elapsed: post the state when due and changed. */
  tick(realElapsedMs: number, post: (msg: WorkerMessage) => void): void {
    if (!this.open || !this.cluster) return;
    this.waitedMs += realElapsedMs;
    if (!this.pending && this.waitedMs < MESH_MIN_INTERVAL_MS) return;
    this.pending = false;
    this.waitedMs = 0;
    const msg = this.collect();
    if (msg) post(msg);
  }

  /** The message to post, or undefined when neither the state nor the focused series changed. */
  collect(): Extract<WorkerMessage, { type: 'mesh' }> | undefined {
    const cluster = this.cluster;
    if (!cluster) return undefined;
    const state = this.state(cluster);
    const { nowMs: _now, ...rest } = state;
    const stateKey = JSON.stringify(rest);
    const series = this.focus ? this.series(cluster, this.focus) : undefined;
    const seriesKey = series ? JSON.stringify(series) : '';
    if (stateKey === this.lastStateKey && seriesKey === this.lastSeriesKey) return undefined;
    this.lastStateKey = stateKey;
    this.lastSeriesKey = seriesKey;
    return { type: 'mesh', state, ...(series ? { series } : {}) };
  }

  state(cluster: Cluster): MeshState {
    const mesh = meshOf(cluster);
    const store = cluster.api.store;
    const nowMs = cluster.clock.now();
    const installed = !!store.get('services', 'istio-system', 'istiod');
    const base = { installed, nowMs, windowMs: MESH_WINDOW_MS };
    if (!mesh) return { ...base, nodes: [], edges: [], load: [] };
    // The last 10 complete seconds: the current second is still filling up.
    const end = Math.floor(nowMs / 1000) * 1000 - 1;
    const stats = (t: MeshTelemetry) => t.edgeStats(end, MESH_WINDOW_MS - 1);
    const edges: MeshEdgeView[] = [];
    const nodes = new Map<string, MeshNodeView>();
    const workload = (key: string) => this.workloadNode(cluster, nodes, key, end);
    const service = (key: string) => {
      const id = serviceId(key);
      if (!nodes.has(id)) {
        const [namespace, name] = splitKey(key);
        const s = this.toService.workloadStats(key, end, MESH_WINDOW_MS - 1);
        nodes.set(id, { id, kind: 'service', namespace, name, ...signals(s), idle: s.requests === 0 });
      }
      return id;
    };
    for (const e of stats(this.toService))
      edges.push(edgeView(workload(e.source), service(e.destination), e));
    for (const e of stats(this.fromService))
      edges.push(edgeView(service(e.source), workload(e.destination), e));
    for (const e of stats(this.direct)) edges.push(edgeView(workload(e.source), workload(e.destination), e));
    // Idle workloads of injected namespaces: the versions no route sends to yet (a canary's v2) show too.
    if (installed)
      for (const ns of store.list('namespaces')) {
        if (ns.metadata.labels?.['istio-injection'] !== 'enabled') continue;
        for (const d of store.list('deployments.apps', ns.metadata.name))
          workload(`${ns.metadata.name}/${d.metadata.name}`);
      }
    const load: MeshLoadView[] = mesh.load.list().map((g) => ({
      id: g.id,
      from: g.from === 'ingress' ? 'ingress' : `${g.from.namespace}/${g.from.app}`,
      url: g.url,
      rps: g.rps,
      sent: g.sent,
      ...(g.lastError ? { lastError: g.lastError } : {}),
    }));
    const hint = installed && load.length === 0 ? loadHint(cluster) : undefined;
    return {
      ...base,
      ...(hint ? { loadHint: hint } : {}),
      nodes: [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      edges: edges.sort((a, b) =>
        a.source + a.target < b.source + b.target ? -1 : a.source + a.target > b.source + b.target ? 1 : 0,
      ),
      load,
    };
  }

  private workloadNode(cluster: Cluster, nodes: Map<string, MeshNodeView>, key: string, end: number): string {
    const id = workloadId(key);
    if (nodes.has(id)) return id;
    const [namespace, name] = key === UNKNOWN ? ['', UNKNOWN] : splitKey(key);
    const labels = key === UNKNOWN ? undefined : workloadLabels(cluster, namespace, name);
    const s = meshOf(cluster)?.telemetry.workloadStats(key, end, MESH_WINDOW_MS - 1);
    nodes.set(id, {
      id,
      kind: 'workload',
      namespace,
      name,
      ...(labels?.app ? { app: labels.app } : {}),
      ...(labels?.version ? { version: labels.version } : {}),
      ...signals(s),
      idle: !s || s.requests === 0,
    });
    return id;
  }

  /** The focused node's signals per complete second, gaps filled (no requests: 0 rps, no latency). */
  series(cluster: Cluster, focus: string): MeshSeries {
    const out: MeshSeries = {
      focus,
      t: [],
      rps: [],
      errorPercent: [],
      p50: [],
      p95: [],
      p99: [],
      saturation: [],
    };
    const i = focus.indexOf(':');
    const kind = focus.slice(0, i);
    const key = focus.slice(i + 1);
    const source = kind === 'service' ? this.toService : meshOf(cluster)?.telemetry;
    const points = source?.series(key) ?? [];
    const last = Math.floor(cluster.clock.now() / 1000) - 1;
    if (points.length === 0 || last < 0) return out;
    const first = Math.max(Math.floor(points[0].atMs / 1000), last - SERIES_SECONDS + 1);
    const bySecond = new Map(points.map((p) => [Math.floor(p.atMs / 1000), p]));
    for (let s = first; s <= last; s++) {
      const p = bySecond.get(s);
      out.t.push(s);
      out.rps.push(p?.requests ?? 0);
      out.errorPercent.push(p?.errorPercent ?? 0);
      out.p50.push(p ? p.p50 : null);
      out.p95.push(p ? p.p95 : null);
      out.p99.push(p ? p.p99 : null);
      out.saturation.push(p?.saturation ?? 0);
    }
    return out;
  }
}

function meshOf(cluster: Cluster): Mesh | undefined {
  return cluster.ctx.services.get('istio') as Mesh | undefined;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** rps from the request count: the engine divides by the window it was given (one ms short here). */
function signals(s: TelemetryStats | undefined) {
  if (!s) return { rps: 0, errorPercent: 0, p95: 0 };
  return { rps: round2((s.requests * 1000) / MESH_WINDOW_MS), errorPercent: s.errorPercent, p95: s.p95 };
}

function edgeView(source: string, target: string, s: TelemetryStats & { mtls: boolean }): MeshEdgeView {
  return {
    source,
    target,
    rps: round2((s.requests * 1000) / MESH_WINDOW_MS),
    errorPercent: s.errorPercent,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    mtls: s.mtls,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What the engine's telemetry names as a workload (workloadOf): the pods' owner, else the pod. */
const WORKLOAD_RESOURCES = [
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'replicasets.apps',
  'jobs.batch',
];

/** app / version of a workload: its pod template's labels (a Deployment, StatefulSet...) or the pod's. */
function workloadLabels(
  cluster: Cluster,
  namespace: string,
  name: string,
): Record<string, string> | undefined {
  const store = cluster.api.store;
  for (const resource of WORKLOAD_RESOURCES) {
    const o = store.get(resource, namespace, name) as StoredObject | undefined;
    if (o) return o.spec?.template?.metadata?.labels ?? o.metadata.labels;
  }
  return store.get('pods', namespace, name)?.metadata.labels;
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/**
 * A `lab mesh load start` line that makes the graph move: bookinfo's users through the ingress gateway
 * when a Gateway and productpage exist; else a client with no Service of its own (sleep, curl) calling
 * the Service in front of the most versions. Undefined when the cluster has no such pair.
 */
export function loadHint(cluster: Cluster): string | undefined {
  const store = cluster.api.store;
  const injected = store
    .list('namespaces')
    .filter((ns) => ns.metadata.labels?.['istio-injection'] === 'enabled')
    .map((ns) => ns.metadata.name);
  const gateways = store.list('gateways.networking.istio.io');
  for (const ns of injected)
    if (gateways.length && store.get('services', ns, 'productpage'))
      return 'lab mesh load start --from ingress --to /productpage --rps 10';
  for (const ns of injected) {
    const services = store.list('services', ns).filter((s) => s.spec?.selector && s.spec?.ports?.length);
    const workloads: { ref: string; labels: Record<string, string> | undefined }[] = [
      ...store.list('deployments.apps', ns).map((d) => ({
        ref: `deploy/${d.metadata.name}`,
        labels: d.spec?.template?.metadata?.labels as Record<string, string> | undefined,
      })),
      ...store
        .list('pods', ns)
        .filter((p) => !p.metadata.ownerReferences?.length)
        .map((p) => ({ ref: `pod/${p.metadata.name}`, labels: p.metadata.labels })),
    ];
    const client = workloads.find(
      (w) => w.labels?.app && !services.some((s) => selects(s.spec?.selector, w.labels)),
    );
    if (!client) continue;
    let best: { name: string; port: number; versions: number } | undefined;
    for (const s of services) {
      const versions = workloads.filter((w) => selects(s.spec?.selector, w.labels)).length;
      if (versions > 0 && (!best || versions > best.versions))
        best = { name: s.metadata.name, port: s.spec?.ports?.[0]?.port, versions };
    }
    if (best)
      return `lab mesh load start --from ${client.ref} --to http://${best.name}:${best.port}/ --rps 10 -n ${ns}`;
  }
  return undefined;
}
