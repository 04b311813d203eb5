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
}

export interface ConditionState {
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  time: string;
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
  /** PodReadyToStartContainers etc. reported as False because the node lost the sandbox. */
  lastWrittenStatus?: unknown;
}

export const containerKey = (rt: PodRt, c: ContainerRt) => `${rt.uid}/${c.name}`;
export const fieldPathOf = (c: ContainerRt) =>
  c.init || c.sidecar ? `spec.initContainers{${c.name}}` : `spec.containers{${c.name}}`;
