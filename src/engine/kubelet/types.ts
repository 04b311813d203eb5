/** The kubelet's in-memory view of its pods and containers (what the container runtime knows). */
import type { StoredObject } from '../api/types';
import type { ResolvedImage } from '../images/catalog';
import type { ServerState } from '../images/types';
import type { ScheduledTask } from '../sim/clock';
import type { ContainerFs, VolumeData } from './fs';
import type { LogBuffer } from './logs';
import type { ContainerProcess } from './process';

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: TerminatedState };

export interface TerminatedState {
  exitCode: number;
  signal?: number;
  reason: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}

export interface ContainerRt {
  name: string;
  spec: any;
  /** An init container that runs to completion (not a sidecar). */
  init: boolean;
  /** A restartable init container (restartPolicy: Always). */
  sidecar: boolean;
  restartCount: number;
  state: ContainerState;
  lastState?: TerminatedState;
  containerID?: string;
  image?: ResolvedImage;
  ready: boolean;
  /** Startup probe passed (or none), while running. */
  started: boolean;
  /** Has any instance of this container been created? */
  everCreated: boolean;
  finishedAtMs?: number;
  proc?: ContainerProcess;
  /** The environment the current instance started with (exec and exec probes see it too). */
  env?: Record<string, string>;
  /** The container's file system view (an accessor: built from `fsInit` when first read). */
  fs?: ContainerFs;
  fsInit?: () => ContainerFs;
  fsBuilt?: ContainerFs;
  /** Log of each instance, oldest first; the last is the current (or most recent) one. */
  logs: LogBuffer[];
  serverState: ServerState;
  /** The spec's image changed: restart with the new one at once (no back-off). */
  redefined?: boolean;
  /** The status entry written last (reused by the next write when nothing in it changed). */
  lastStatus?: ContainerStatusView;
  /** The spec's volumeMounts that `lastStatus.volumeMounts` was made from. */
  lastStatusMounts?: unknown;
}

/** A kubelet-owned pod condition, as status carries it (shared between pods and writes: never mutated). */
export interface ConditionState {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** One entry of status.containerStatuses / initContainerStatuses (see status.ts). */
export interface ContainerStatusView {
  name: string;
  state: ContainerState;
  lastState: { terminated?: TerminatedState };
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
  volumeMounts?: unknown[];
}

export interface PodRt {
  uid: string;
  namespace: string;
  name: string;
  pod: StoredObject;
  createdAtMs: number;
  startTime: string;
  sandbox: 'none' | 'creating' | 'ready' | 'gone';
  ip?: string;
  /** The IP went back to the pool (terminal pod, or forgotten). */
  ipReleased?: boolean;
  init: ContainerRt[];
  app: ContainerRt[];
  /** By condition type; a plain object (a Map per pod costs ~0.15 KB more), values shared between pods. */
  conditions: Record<string, ConditionState | undefined>;
  /** A container start sequence (pull, create, start) is in flight. */
  busy: boolean;
  terminating: boolean;
  /** Finished (Succeeded/Failed) and its sandbox is gone. */
  terminal?: 'Succeeded' | 'Failed';
  /** Removed from the node: ignore late callbacks. */
  gone: boolean;
  tasks: ScheduledTask[];
  volumes?: Map<string, VolumeData>;
  mountRetryMs: number;
  nextSync?: ScheduledTask;
  /** The status' podIPs list for `ip` (reused by every status write). */
  podIPs?: { ip: string }[];
  /** Waiting for the status manager's next write (in its list of dirty pods). */
  dirty: boolean;
  /** The status object this kubelet wrote last (the next build reuses what it knows of it). */
  lastWrittenStatus?: unknown;
}

export const containerKey = (rt: PodRt, c: ContainerRt) => `${rt.uid}/${c.name}`;
/** Field paths by container name (one shared string each: events use them as correlator keys). */
const initFieldPaths = new Map<string, string>();
const appFieldPaths = new Map<string, string>();

export function fieldPathOf(c: ContainerRt): string {
  const initList = c.init || c.sidecar;
  const cache = initList ? initFieldPaths : appFieldPaths;
  let path = cache.get(c.name);
  if (path === undefined) {
    if (cache.size >= 4096) cache.clear();
    path = initList ? `spec.initContainers{${c.name}}` : `spec.containers{${c.name}}`;
    cache.set(c.name, path);
  }
  return path;
}
