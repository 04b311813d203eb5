/**
 * Pod resource usage as the HPA reads it from the resource metrics API (metrics-server). The kubelet
 * side (H3) publishes a 'metrics' service; this adapter accepts the shapes it may offer and reports
 * "no metrics" the way the API does when a pod has none yet.
 */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { quantityValue } from '../schema/quantity';

export interface PodUsage {
  cpuMillis: number;
  memoryBytes: number;
}

export interface MetricsReader {
  /** Whether a metrics API is served at all (metrics-server installed). */
  available(): boolean;
  usage(pod: StoredObject): PodUsage | undefined;
}

type Loose = Record<string, unknown>;

/** A PodMetrics-like object ({containers: [{usage: {cpu, memory}}]}) or flat numbers, summed per pod. */
function toUsage(raw: unknown): PodUsage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  // The kubelets' ContainerUsage[]: { name, cpu: millicores, memory: bytes } per running container.
  if (Array.isArray(raw)) {
    if (raw.length === 0) return undefined;
    let cpu = 0;
    let mem = 0;
    for (const c of raw as Loose[]) {
      cpu += typeof c.cpu === 'number' ? c.cpu : quantityValue(c.cpu ?? '0') * 1000;
      mem += typeof c.memory === 'number' ? c.memory : quantityValue(c.memory ?? '0');
    }
    return { cpuMillis: cpu, memoryBytes: mem };
  }
  const r = raw as Loose;
  if (typeof r.cpuMillis === 'number')
    return { cpuMillis: r.cpuMillis, memoryBytes: Number(r.memoryBytes ?? 0) };
  if (typeof r.cpuMilli === 'number')
    return { cpuMillis: r.cpuMilli, memoryBytes: Number(r.memoryBytes ?? r.memory ?? 0) };
  if (Array.isArray(r.containers)) {
    let cpu = 0;
    let mem = 0;
    for (const c of r.containers as Loose[]) {
      const u = (c.usage ?? c) as Loose;
      cpu += typeof u.cpuMillis === 'number' ? u.cpuMillis : quantityValue(u.cpu ?? '0') * 1000;
      mem += typeof u.memoryBytes === 'number' ? u.memoryBytes : quantityValue(u.memory ?? '0');
    }
    return { cpuMillis: cpu, memoryBytes: mem };
  }
  if (r.usage) return toUsage({ containers: [{ usage: r.usage }] });
  return undefined;
}

export function metricsReader(ctx: EngineContext): MetricsReader {
  const source = () => ctx.services.get('metrics') as Loose | undefined;
  return {
    available() {
      const s = source();
      if (!s) return false;
      return typeof s.available === 'function' ? Boolean((s.available as () => boolean)()) : true;
    },
    usage(pod) {
      const s = source();
      if (!s) return undefined;
      for (const method of ['podUsage', 'usage', 'podMetrics', 'forPod']) {
        const fn = s[method];
        if (typeof fn !== 'function') continue;
        const raw = fn.length >= 2 ? fn.call(s, pod.metadata.namespace, pod.metadata.name) : fn.call(s, pod);
        return toUsage(raw);
      }
      return undefined;
    },
  };
}
