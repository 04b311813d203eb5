/**
 * The inspector's probe timeline for one pod: each configured probe (with the `kubectl describe` line and
 * the prober's current counters) and the latest probe executions from the kubelet's history (service
 * 'probes'), each with what it led to (a restart, leaving or joining the endpoints, start-up passing).
 */
import { describeProbe } from '../cli/printers/describe/containers';
import type { Cluster } from '../engine/cluster';
import type { ProbeRecord, ProbesService } from '../engine/kubelet/probes';
import type {
  ProbeAction,
  ProbeConfigView,
  ProbeExecution,
  ProbeKind,
  ProbeTimeline,
} from '../protocol/messages';

/** Executions sent to the inspector (newest first); the kubelet keeps up to 500 per pod. */
export const PROBE_TIMELINE_LIMIT = 50;

const KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];
const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];

type Spec = Record<string, any>;

interface Thresholds {
  failureThreshold: number;
  successThreshold: number;
}

function actionOf(r: ProbeRecord): ProbeAction | undefined {
  if (r.effect === 'restart' || r.effect === 'unready' || r.effect === 'ready' || r.effect === 'started')
    return r.effect;
  if (r.probe === 'startup' && r.result === 'failure') return 'startup-pending';
  return undefined;
}

function execution(r: ProbeRecord, t: Thresholds | undefined): ProbeExecution {
  const failureThreshold = t?.failureThreshold ?? 3;
  const action = actionOf(r);
  return {
    atMs: r.atMs,
    time: r.time,
    container: r.container,
    probe: r.probe,
    result: r.result,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    // The prober resets its failure counter as it kills the container, so the record of the failure that
    // caused a restart says 0: show the count that reached the threshold instead.
    consecutiveFailures:
      action === 'restart' ? Math.max(r.consecutiveFailures, failureThreshold) : r.consecutiveFailures,
    failureThreshold,
    consecutiveSuccesses: r.consecutiveSuccesses,
    successThreshold: t?.successThreshold ?? 1,
    ...(action ? { action } : {}),
  };
}

/** The probe timeline of a pod, or undefined when the pod does not exist. */
export function probeTimeline(
  cluster: Cluster,
  namespace: string,
  pod: string,
  limit = PROBE_TIMELINE_LIMIT,
): ProbeTimeline | undefined {
  const obj = cluster.api.store.get('pods', namespace, pod);
  if (!obj) return undefined;
  const spec = (obj.spec ?? {}) as Spec;
  const probes = cluster.ctx.services.get('probes') as ProbesService | undefined;
  const history = probes?.history(namespace, pod) ?? [];

  // Sidecars (restartable init containers) are probed like app containers.
  const containers = [
    ...((spec.initContainers ?? []) as Spec[]).filter((c) => c.restartPolicy === 'Always'),
    ...((spec.containers ?? []) as Spec[]),
  ];
  const latest = new Map<string, ProbeRecord>();
  for (const r of history) latest.set(`${r.container}/${r.probe}`, r);
  const thresholds = new Map<string, Thresholds>();
  const configs: ProbeConfigView[] = [];
  for (const c of containers) {
    for (const kind of KINDS) {
      const p = c[`${kind}Probe`] as Spec | undefined;
      if (!p) continue;
      const key = `${c.name}/${kind}`;
      // Liveness and startup probes must have successThreshold 1 (validation), so 1 is what counts.
      const t: Thresholds = {
        failureThreshold: p.failureThreshold ?? 3,
        successThreshold: kind === 'readiness' ? (p.successThreshold ?? 1) : 1,
      };
      thresholds.set(key, t);
      const last = latest.get(key);
      configs.push({
        container: c.name,
        probe: kind,
        handler: HANDLERS.find((h) => p[h]) ?? 'unknown',
        describe: describeProbe(p),
        initialDelaySeconds: p.initialDelaySeconds ?? 0,
        periodSeconds: p.periodSeconds ?? 10,
        timeoutSeconds: p.timeoutSeconds ?? 1,
        ...t,
        last: last?.result ?? 'pending',
        consecutiveFailures: last ? execution(last, t).consecutiveFailures : 0,
        consecutiveSuccesses: last?.consecutiveSuccesses ?? 0,
      });
    }
  }
  const executions: ProbeExecution[] = [];
  for (let i = history.length - 1; i >= 0 && executions.length < limit; i--) {
    const r = history[i];
    executions.push(execution(r, thresholds.get(`${r.container}/${r.probe}`)));
  }
  return { configs, executions, total: history.length };
}
