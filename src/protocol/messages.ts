/**
 * The typed protocol between the page and the engine worker: the only module both sides import.
 * UI -> worker: `Command`s. Worker -> UI: `WorkerMessage`s. Requests that expect an answer carry an `id`
 * and get a `reply` with the same id.
 */
import type { ViewDiff } from './diff';
import type { ObjectView, ServiceTraffic, TrafficEdge } from './views';

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
export type Speed = (typeof SPEEDS)[number];

/** Virtual time a single Step moves the paused clock. */
export const STEP_MS = 1000;

export type Fault =
  | { type: 'stop-node'; node: string }
  | { type: 'kill-pod'; namespace: string; name: string }
  | { type: 'break-endpoint'; namespace: string; name: string; probe: 'readiness' | 'liveness' }
  /** Undo break-endpoint on a pod or workload (`name` as for break-endpoint: a pod or a Deployment). */
  | { type: 'fix-endpoint'; namespace: string; name: string }
  /** Containers of the pod or workload started from now on take `seconds` longer to listen. */
  | { type: 'slow-startup'; namespace: string; name: string; seconds: number }
  | { type: 'unpullable-image'; image: string };

/** Which cluster the lab runs: plain Kubernetes or OpenShift (its API groups, `oc`, routes, builds). */
export type ClusterProfile = 'kubernetes' | 'openshift';
export const CLUSTER_PROFILES: readonly ClusterProfile[] = ['kubernetes', 'openshift'];

export interface ResetOptions {
  seed?: number;
  /** Keeps the current profile when absent. */
  profile?: ClusterProfile;
  /** Worker nodes (the control-plane node is always added). */
  workers?: number;
}

export type Command =
  /** Run one command line; `id` matches the reply and any stream chunks. */
  | { type: 'run'; id: number; line: string; stdin?: string }
  /** Stop a running stream (Ctrl-C). */
  | { type: 'stop-stream'; id: number }
  | { type: 'complete'; id: number; line: string; cursor: number }
  /** Apply one editor file: the same path as `kubectl apply -f <path>`. */
  | { type: 'apply'; id: number; path: string; content: string }
  /** API-server validation of an editor file (dry run), for markers with the real messages. */
  | { type: 'validate'; id: number; content: string }
  /** The editor's files, so `-f name.yaml` reads them. */
  | { type: 'set-files'; files: Record<string, string> }
  | { type: 'set-speed'; speed: Speed }
  | { type: 'pause' }
  | { type: 'play' }
  | { type: 'step' }
  | { type: 'fault'; id: number; fault: Fault }
  | { type: 'reset'; id: number; options?: ResetOptions }
  /** Ask for a full snapshot (sent after a sequence gap). */
  | { type: 'resync' }
  /**
   * The page applied (and painted) diff `seq`: the worker sends the next one only then, so a busy main
   * thread gets fewer, larger diffs instead of a growing queue.
   */
  | { type: 'ack'; seq: number }
  /** The full stored object of one uid, as YAML, plus its events (the inspector). */
  | { type: 'inspect'; id: number; uid: string }
  /** JSON schemas for the editor's validation and completion. */
  | { type: 'schemas'; id: number }
  /** Start a lesson or exercise: a fresh cluster built by CLI runs (not counted as learner actions). */
  | { type: 'load-scenario'; id: number; scenario: Scenario }
  /** Evaluate a lesson check (src/lessons/checks.ts) against the live cluster and the learner's commands since `sinceMs`. */
  | { type: 'check'; id: number; check: unknown; sinceMs: number }
  /**
   * The Mesh view opened (`open: true`) or closed: the worker posts `mesh` messages only while it is open.
   * `focus` is the node whose time series come along (`workload:ns/name` or `service:ns/name`).
   */
  | { type: 'mesh-watch'; open: boolean; focus?: string };

export interface Scenario {
  seed: number;
  workers: number;
  /** 'kubernetes' when absent. */
  profile?: ClusterProfile;
  runs: { line: string; stdin?: string }[];
  /** Virtual time to let pass after the runs. */
  settleMs: number;
}

export interface ClockState {
  nowMs: number;
  /** RFC 3339 of the virtual now. */
  nowISO: string;
  paused: boolean;
  speed: Speed;
  /** Present while the cluster is too busy for `speed`: the speed virtual time actually reached over the
   * last second of real time (one decimal). */
  reachedSpeed?: number;
  seed: number;
  profile: ClusterProfile;
  /** The namespace the terminal's current context points at: the graph's filter follows it when it changes. */
  namespace: string;
}

export interface ValidationIssue {
  /** Index of the YAML document in the file (0-based). */
  doc: number;
  /** Field path as the API server words it, e.g. `spec.replicas`; '' for the whole document. */
  field: string;
  message: string;
}

export interface InspectResult {
  found: boolean;
  yaml: string;
  describe: string;
  events: string;
  logs?: string;
  /** Pods: the prober's configuration and recent results (src/worker/probe-timeline.ts). */
  probes?: ProbeTimeline;
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

/**
 * What a probe result led to: `restart` (the kubelet killed the container to restart it), `unready`
 * (Ready went False: the pod left the Service's endpoints), `ready` (back in the endpoints), `started`
 * (the startup probe passed: liveness and readiness probes begin), `startup-pending` (a startup failure
 * below failureThreshold: the other probes are still held off).
 */
export type ProbeAction = 'restart' | 'unready' | 'ready' | 'started' | 'startup-pending';

/** One configured probe of one container, with the prober's current counters. */
export interface ProbeConfigView {
  container: string;
  probe: ProbeKind;
  /** httpGet, tcpSocket, exec or grpc. */
  handler: string;
  /** `kubectl describe` wording: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
  describe: string;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  /** The latest result ('pending' before the first probe ran). */
  last: 'success' | 'failure' | 'pending';
  consecutiveFailures: number;
  consecutiveSuccesses: number;
}

/** One probe execution. */
export interface ProbeExecution {
  atMs: number;
  /** RFC 3339 virtual time. */
  time: string;
  container: string;
  probe: ProbeKind;
  result: 'success' | 'failure';
  /** Why it failed (the Unhealthy event's text after `probe failed: `). */
  reason?: string;
  consecutiveFailures: number;
  failureThreshold: number;
  consecutiveSuccesses: number;
  successThreshold: number;
  action?: ProbeAction;
}

export interface ProbeTimeline {
  configs: ProbeConfigView[];
  /** Newest first, at most the last PROBE_TIMELINE_LIMIT. */
  executions: ProbeExecution[];
  /** How many executions the kubelet keeps for the pod (executions may show fewer). */
  total: number;
}

export interface SchemaBundle {
  /** One JSON schema (draft-07) for any manifest of a kind the engine serves (if/then per apiVersion + kind). */
  schema: Record<string, unknown> | null;
}

export type ReplyValue =
  | {
      kind: 'run';
      output: string;
      exitCode: number;
      streaming: boolean;
      openEditor?: EditorOpen;
      clear?: boolean;
    }
  | { kind: 'complete'; completions: string[] }
  | { kind: 'validate'; issues: ValidationIssue[] }
  | { kind: 'inspect'; result: InspectResult }
  | { kind: 'schemas'; bundle: SchemaBundle }
  | { kind: 'check'; passed: boolean; missing: Record<string, string>[] }
  | { kind: 'ok'; message?: string }
  | { kind: 'error'; message: string };

export interface EditorOpen {
  path: string;
  content: string;
}

export type WorkerMessage =
  /** The first message and the answer to `resync`: every mirrored object. */
  | {
      type: 'snapshot';
      seq: number;
      objects: ObjectView[];
      clock: ClockState;
      traffic: TrafficEdge[];
      serviceTraffic?: ServiceTraffic[];
    }
  /** Changes since `seq - 1`, at most one per animation frame; traffic only when it changed. */
  | {
      type: 'diff';
      seq: number;
      diff: ViewDiff;
      clock: ClockState;
      traffic?: TrafficEdge[];
      serviceTraffic?: ServiceTraffic[];
    }
  | { type: 'reply'; id: number; value: ReplyValue }
  | { type: 'stream'; id: number; chunk: string }
  | { type: 'stream-end'; id: number; exitCode: number }
  /** The engine could not start (or restore); shown instead of the lab. */
  | { type: 'fatal'; message: string }
  /** Mesh telemetry for the Mesh view (while open, when changed, at most a few times a second). */
  | { type: 'mesh'; state: MeshState; series?: MeshSeries };

/** A node of the mesh graph: a workload (`ns/name`, or `unknown` for callers outside) or a Service. */
export interface MeshNodeView {
  /** `workload:ns/name` or `service:ns/name` (a workload and a Service may share a name). */
  id: string;
  kind: 'workload' | 'service';
  namespace: string;
  name: string;
  app?: string;
  version?: string;
  /** Inbound golden signals over the window, as the server side sees them. */
  rps: number;
  errorPercent: number;
  p95: number;
  /** No traffic in the window (drawn dimmed). */
  idle: boolean;
}

export interface MeshEdgeView {
  /** Node ids (`workload:...` / `service:...`). */
  source: string;
  target: string;
  rps: number;
  errorPercent: number;
  p50: number;
  p95: number;
  p99: number;
  mtls: boolean;
}

export interface MeshLoadView {
  id: string;
  /** `ingress` or `namespace/app`. */
  from: string;
  url: string;
  rps: number;
  sent: number;
  lastError?: string;
}

export interface MeshState {
  /** istiod is installed. */
  installed: boolean;
  nowMs: number;
  windowMs: number;
  nodes: MeshNodeView[];
  edges: MeshEdgeView[];
  /** The mesh's own load generators. */
  load: MeshLoadView[];
  /** With no generator running: a `lab mesh load start ...` line that would drive these workloads. */
  loadHint?: string;
}

/** One node's golden signals, one point per simulated second (columns, as uPlot takes them). */
export interface MeshSeries {
  focus: string;
  /** Seconds of simulated time. */
  t: number[];
  rps: number[];
  errorPercent: number[];
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
  /** Requests in flight (Little's law). */
  saturation: number[];
}
