/**
 * What the UI knows about a cluster object: a small, flat summary the worker derives from the stored
 * object (the graph, the table and accessible names need nothing else). The full object is fetched on
 * demand by the inspector, so a 1,000-pod rollout never clones whole manifests into the page.
 */

/** Kinds the UI mirrors: what the graph draws plus namespaces for the filter. */
export type ViewKind =
  | 'Namespace'
  | 'Node'
  | 'Pod'
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob'
  | 'Service'
  | 'Ingress'
  | 'ConfigMap'
  | 'Secret'
  | 'PersistentVolumeClaim'
  // OpenShift (src/worker/openshift-views.ts). ImageStreamTag nodes are drawn per ImageStream tag by the UI.
  | 'BuildConfig'
  | 'Build'
  | 'ImageStream'
  | 'ImageStreamTag'
  | 'DeploymentConfig'
  | 'ReplicationController'
  | 'Route';

export interface ObjectRef {
  kind: string;
  name: string;
}

export interface ObjectView {
  uid: string;
  kind: ViewKind;
  name: string;
  /** '' for cluster-scoped kinds (Node, Namespace). */
  namespace: string;
  /**
   * Pods: the STATUS column text kubectl prints (`Running`, `CrashLoopBackOff`, `Terminating`...).
   * Other kinds: a short state (`Ready`/`NotReady` for nodes, `2/3` for workloads, `Active`...).
   */
  status: string;
  /** Pods: the READY column (`1/1`); workloads: ready/desired. */
  ready?: string;
  /** Pods: whether the Ready condition is True (Services send traffic only to these). */
  podReady?: boolean;
  restarts?: number;
  labels: Record<string, string>;
  /** Controller owner uid (metadata.ownerReferences with controller: true, else the first). */
  ownerUid?: string;
  /** Pods: spec.nodeName once scheduled. */
  nodeName?: string;
  /** Services: spec.selector (a plain map; empty = selects nothing). */
  selector?: Record<string, string>;
  /** Ingress: the Services its rules and default backend send to. */
  backends?: string[];
  /** Pods: ConfigMaps, Secrets and PVCs the pod mounts or reads env from. */
  uses?: ObjectRef[];
  /** Nodes: control-plane or worker; ImageStreamTag nodes: 'builder' when only builds read the tag. */
  role?: string;
  /** Set while the object has a deletionTimestamp (drawn fading). */
  terminating?: boolean;
  /** OpenShift: ImageStreamTags the object builds on, pushes to or runs (the build chain's links). */
  imageTags?: ImageTagRef[];
  /** ImageStreams: each tag with its newest image. */
  tags?: ImageTagView[];
  /** Builds: number, cause and (while running) when each stage of the build log begins. */
  build?: BuildView;
  /** Routes: host, path, TLS and the weighted backends (`backends` lists the same Service names). */
  route?: RouteView;
}

/** An ImageStreamTag another object refers to. */
export interface ImageTagRef {
  namespace: string;
  stream: string;
  tag: string;
  /**
   * output: a build pushes there; builder: a BuildConfig builds on it; trigger: a workload's image trigger
   * (DeploymentConfig ImageChange or `image.openshift.io/triggers`); image: a container runs its image.
   */
  role: 'output' | 'builder' | 'trigger' | 'image';
}

export interface ImageTagView {
  tag: string;
  /** `sha256:...` of the newest image; absent until imported or pushed. */
  digest?: string;
}

/** Build log stages, named as OpenShift's build status stages are. */
export type BuildStage = 'FetchInputs' | 'PullImages' | 'Build' | 'PushImage';

export interface BuildView {
  number: number;
  strategy: string;
  cause: 'ConfigChange' | 'ImageChange' | 'Webhook' | 'Manual';
  /** Once running: the virtual ms at which each stage's first log line appears, in order. */
  stages?: { stage: BuildStage; atMs: number }[];
  /** Once running: the virtual ms of the log's last line. */
  endMs?: number;
}

export interface RouteView {
  host: string;
  path?: string;
  /** spec.tls.termination (edge, passthrough, reencrypt). */
  tls?: string;
  admitted: boolean;
  /** `to` then `alternateBackends`, with their weights (100 when unset). */
  weights: { service: string; weight: number }[];
}

/** Traffic seen by the network service: one edge per (from, to) pair with a count, drawn for a while. */
export interface TrafficEdge {
  /** Pod uid, or '' for traffic from outside the cluster. */
  fromUid: string;
  /** Service or pod uid. */
  toUid: string;
  /** Requests over the traffic window (the last few seconds of virtual time). */
  count: number;
  /** Requests per second over the window (one decimal). */
  rps: number;
  /** Failed requests (no answer, or a 5xx answer) over the window. */
  errors: number;
  /** Virtual time of the last request (ms). */
  lastMs: number;
}

/** A Service's request stats over the traffic model's window (the badge on its graph node). */
export interface ServiceTraffic {
  uid: string;
  /** Requests per second (one decimal). */
  rps: number;
  /** Share of failed requests, 0..1. */
  errorRate: number;
  /** 95th percentile latency in ms. */
  p95Ms: number;
}
