/** Faults that change how containers behave (kept by the kubelets, set through the faults service). */
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';

export interface Target {
  namespace: string;
  /** A pod name, or a workload whose pods are meant (deployment/web, statefulset/db, replicaset/x). */
  pod?: string;
  deployment?: string;
  selector?: Record<string, string>;
}

interface BrokenEndpoint extends Target {
  path: string;
  status: number;
}

interface SlowStart extends Target {
  extraMs: number;
}

/** The Deployment (or other top owner) name of a pod, following ReplicaSet ownership. */
export function ownerWorkload(ctx: EngineContext, pod: StoredObject): string | undefined {
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (!ref) return undefined;
  if (ref.kind !== 'ReplicaSet') return ref.name;
  const rs = ctx.api.store.get('replicasets.apps', pod.metadata.namespace, ref.name);
  const top = (rs?.metadata.ownerReferences ?? []).find((r) => r.controller);
  return top?.name ?? ref.name;
}

export function matchesTarget(ctx: EngineContext, pod: StoredObject, t: Target): boolean {
  if ((pod.metadata.namespace ?? 'default') !== t.namespace) return false;
  if (t.pod) return pod.metadata.name === t.pod;
  if (t.deployment) return ownerWorkload(ctx, pod) === t.deployment;
  if (t.selector) return Object.entries(t.selector).every(([k, v]) => pod.metadata.labels?.[k] === v);
  return true;
}

interface BrokenProbe extends Target {
  probe: 'readiness' | 'liveness' | 'startup';
}

export class FaultState {
  broken: BrokenEndpoint[] = [];
  slow: SlowStart[] = [];
  brokenProbes: BrokenProbe[] = [];

  probeBroken(ctx: EngineContext, pod: StoredObject, probe: string): boolean {
    return this.brokenProbes.some((b) => b.probe === probe && matchesTarget(ctx, pod, b));
  }

  brokenStatus(ctx: EngineContext, pod: StoredObject, path: string): number | undefined {
    const pathname = path.split('?')[0];
    for (const b of this.broken)
      if ((b.path === '*' || b.path === pathname) && matchesTarget(ctx, pod, b)) return b.status;
    return undefined;
  }

  extraStartupMs(pod: StoredObject, ctx?: EngineContext): number {
    let extra = 0;
    for (const s of this.slow) {
      if ((pod.metadata.namespace ?? 'default') !== s.namespace) continue;
      if (s.pod && s.pod !== pod.metadata.name) continue;
      if (
        s.deployment &&
        (!ctx || ownerWorkload(ctx, pod) !== s.deployment) &&
        !pod.metadata.name.startsWith(`${s.deployment}-`)
      )
        continue;
      extra = Math.max(extra, s.extraMs);
    }
    return extra;
  }
}
