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
  | 'PersistentVolumeClaim';

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
  /** Nodes: control-plane or worker. */
  role?: string;
  /** Set while the object has a deletionTimestamp (drawn fading). */
  terminating?: boolean;
}

/** Traffic seen by the network service: one edge per (from, to) pair with a count, drawn for a while. */
export interface TrafficEdge {
  /** Pod uid, or '' for traffic from outside the cluster. */
  fromUid: string;
  /** Service or pod uid. */
  toUid: string;
  count: number;
  /** Virtual time of the last request (ms). */
  lastMs: number;
}
