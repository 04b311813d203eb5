/** What a pod worker needs from its node's kubelet (implemented by NodeAgent). */
import type { EngineContext } from '../context';
import type { ImageCatalog, ResolvedImage } from '../images/catalog';
import type { ServerContext } from '../images/types';
import type { Rng } from '../sim/rng';
import type { Backoff } from './backoff';
import type { PodFacts } from './config';
import type { Mount } from './fs';
import type { ShellHost } from './shell/host';
import type { ContainerRt, PodRt } from './types';
import type { VolumeStores } from './volumes';

export interface PullOutcome {
  ok: boolean;
  message?: string;
  pullMs: number;
  totalMs: number;
}

export interface Agent {
  ctx: EngineContext;
  nodeName: string;
  hostIP: string;
  rng: Rng;
  images: ImageCatalog;
  crashBackoff: Backoff;
  pullBackoff: Backoff;
  volumeStores: VolumeStores;
  record(
    rt: PodRt,
    c: ContainerRt | undefined,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void;
  markDirty(rt: PodRt): void;
  allocateIP(rt: PodRt): string;
  releaseIP(ip: string): void;
  hasImage(imageName: string): boolean;
  /** Pull through the node's serialized image puller; `done` runs when this pull finishes. */
  pull(image: ResolvedImage | { ok: false; message: string }, done: (o: PullOutcome) => void): void;
  facts(rt: PodRt): PodFacts;
  shellHost(rt: PodRt, c: ContainerRt, env: Record<string, string>): ShellHost;
  serverContext(rt: PodRt, c: ContainerRt, env: Record<string, string>, args: string[]): ServerContext;
  extraStartupMs(rt: PodRt): number;
  /** /etc/hosts, /etc/hostname, /etc/resolv.conf as the kubelet writes them for the pod. */
  managedFiles(rt: PodRt): Mount[];
  containerStarted(rt: PodRt, c: ContainerRt): void;
  containerStopped(rt: PodRt, c: ContainerRt): void;
  /** The kubelet finished with the pod: delete the API object (grace 0) and forget it. */
  finished(rt: PodRt): void;
}
