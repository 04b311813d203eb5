/**
 * The HPA's replica calculation for Resource metrics (pkg/controller/podautoscaler/replica_calculator.go):
 * usage ratio against the target over ready pods with metrics, a 10% tolerance, and the conservative
 * second pass when some pods are unready or have no metrics (missing ones count as 100% when scaling
 * down and 0% when scaling up; unready ones as 0% when scaling up).
 */

export const TOLERANCE = 0.1;

export interface PodSample {
  name: string;
  /** Sum of the containers' requests for the resource (millicores / bytes); undefined when a container has none. */
  request: number | undefined;
  /** Usage (millicores / bytes), undefined when metrics are missing for the pod. */
  usage: number | undefined;
  /** CPU only: not Ready (counted as 0 when scaling up). */
  unready: boolean;
}

export interface Recommendation {
  replicas: number;
  /** Average utilization in percent of request (Utilization targets). */
  utilization?: number;
  /** Average usage per pod (millicores / bytes). */
  averageValue: number;
}

/** Utilization target (percent of request). Throws with upstream's wording when requests are missing. */
export function replicasForUtilization(
  current: number,
  target: number,
  pods: PodSample[],
  resource: string,
  containerOf: (pod: string) => string,
): Recommendation {
  const withMetrics = pods.filter((p) => p.usage !== undefined);
  for (const p of pods)
    if (p.request === undefined)
      throw new Error(`missing request for ${resource} in container ${containerOf(p.name)} of Pod ${p.name}`);
  const ready = withMetrics.filter((p) => !p.unready);
  const missing = pods.filter((p) => p.usage === undefined);
  const unready = withMetrics.filter((p) => p.unready);
  const ratioOf = (samples: { usage: number; request: number }[]) => {
    const usage = samples.reduce((s, p) => s + p.usage, 0);
    const requests = samples.reduce((s, p) => s + p.request, 0);
    const utilization = requests > 0 ? Math.floor((usage * 100) / requests) : 0;
    return { ratio: utilization / target, utilization, usage };
  };
  const base = ratioOf(ready.map((p) => ({ usage: p.usage!, request: p.request! })));
  const averageValue = ready.length ? Math.floor(base.usage / ready.length) : 0;
  const result = (replicas: number): Recommendation => ({
    replicas,
    utilization: base.utilization,
    averageValue,
  });
  const scaleUpWithUnready = unready.length > 0 && base.ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0) {
    if (Math.abs(1 - base.ratio) <= TOLERANCE) return result(current);
    return result(Math.ceil(base.ratio * ready.length));
  }
  const samples = ready.map((p) => ({ usage: p.usage!, request: p.request! }));
  if (missing.length > 0) {
    const fallback = base.ratio < 1 ? Math.max(100, target) : 0;
    for (const p of missing) samples.push({ usage: (p.request! * fallback) / 100, request: p.request! });
  }
  // Unready pods only come back (at 0%) when they could hold a scale-up back.
  if (scaleUpWithUnready) for (const p of unready) samples.push({ usage: 0, request: p.request! });
  const next = ratioOf(samples);
  if (
    Math.abs(1 - next.ratio) <= TOLERANCE ||
    (base.ratio < 1 && next.ratio > 1) ||
    (base.ratio > 1 && next.ratio < 1)
  ) {
    return result(current);
  }
  const replicas = Math.ceil(next.ratio * samples.length);
  if ((next.ratio < 1 && replicas > current) || (next.ratio > 1 && replicas < current))
    return result(current);
  return result(replicas);
}

/** AverageValue target (usage per pod, no requests needed). */
export function replicasForAverageValue(current: number, target: number, pods: PodSample[]): Recommendation {
  const withMetrics = pods.filter((p) => p.usage !== undefined);
  const usage = withMetrics.reduce((s, p) => s + p.usage!, 0);
  const averageValue = withMetrics.length ? Math.floor(usage / withMetrics.length) : 0;
  const ratio = usage / (target * withMetrics.length);
  if (Math.abs(1 - ratio) <= TOLERANCE) return { replicas: current, averageValue };
  return { replicas: Math.ceil(usage / target), averageValue };
}
