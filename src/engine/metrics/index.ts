/**
 * metrics-server (service 'metrics'): CPU and memory per container, pod and node, from what the
 * simulated processes use (image profiles, leaks, request load). Like the real one, a pod has no
 * metrics until it has run for a scrape interval.
 *
 *   metrics.podUsage('default', 'web-x')  // { containers: [{ name, cpuMilli, memoryBytes }], timestamp, window }
 *   metrics.nodeUsage('node-1')           // { cpuMilli, memoryBytes }
 */
import type { StoredObject } from '../api/types';
import type { Component, EngineContext } from '../context';
import type { KubeletsService } from '../kubelet';
import { parseISO } from '../sim/clock';

/** metrics-server's resolution: a container needs to have run this long to be reported. */
export const SCRAPE_INTERVAL_MS = 15_000;
/** What the node's system daemons (kubelet, containerd, OS) use on top of pods. */
const SYSTEM_CPU_MILLI = 45;
const SYSTEM_MEMORY = 620 * 1024 * 1024;

export interface ContainerMetrics {
  name: string;
  cpuMilli: number;
  /** Same value, for readers that use this spelling (the HPA adapter). */
  cpuMillis: number;
  memoryBytes: number;
}

export interface PodMetrics {
  containers: ContainerMetrics[];
  timestamp: string;
  window: string;
}

export interface MetricsService {
  available(): boolean;
  podUsage(namespace: string, name: string): PodMetrics | undefined;
  nodeUsage(node: string): { cpuMilli: number; memoryBytes: number } | undefined;
}

export function createMetrics(ctx: EngineContext): MetricsService {
  const kubelets = () => ctx.services.get('kubelets') as KubeletsService | undefined;
  const forPod = (pod: StoredObject): PodMetrics | undefined => {
    const usage = kubelets()?.usage(pod);
    if (!usage || usage.length === 0) return undefined;
    const running = (
      (pod.status?.containerStatuses ?? []) as { state?: { running?: { startedAt?: string } } }[]
    ).flatMap((s) => (s.state?.running?.startedAt ? [parseISO(s.state.running.startedAt)] : []));
    if (running.length === 0 || ctx.clock.now() - Math.min(...running) < SCRAPE_INTERVAL_MS) return undefined;
    // Scrapes happen on a 15s grid; values are what was measured at the last one.
    return {
      containers: usage.map((u) => ({
        name: u.name,
        cpuMilli: u.cpu,
        cpuMillis: u.cpu,
        memoryBytes: u.memory,
      })),
      timestamp: ctx.clock.nowISO(),
      window: '15s',
    };
  };
  return {
    available: () => true,
    podUsage: (namespace, name) => {
      const pod = ctx.api.store.get('pods', namespace, name);
      return pod ? forPod(pod) : undefined;
    },
    nodeUsage: (node) => {
      if (!ctx.api.store.get('nodes', undefined, node)) return undefined;
      if (kubelets() && !kubelets()!.nodeRunning(node)) return undefined;
      let cpu = SYSTEM_CPU_MILLI;
      let mem = SYSTEM_MEMORY;
      for (const pod of ctx.api.store.byIndex('pods:nodeName', node)) {
        for (const u of kubelets()?.usage(pod) ?? []) {
          cpu += u.cpu;
          mem += u.memory;
        }
      }
      return { cpuMilli: cpu, memoryBytes: mem };
    },
  };
}

export const metricsComponent: Component = {
  name: 'metrics',
  start(ctx: EngineContext) {
    ctx.services.set('metrics', createMetrics(ctx));
  },
};
