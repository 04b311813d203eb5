/** The pod row of `kubectl get pods` (printPod): READY, STATUS, RESTARTS, AGE and the wide columns. */
import type { StoredObject } from '../../../engine/api/types';
import { parseRFC3339 } from '../../../engine/sim/timefmt';
import { humanDurationImpl } from '../duration';
import { age } from '../format';
import { AGE, type Cell, NAME, type TableHandler, WIDE } from './types';

type Any = any;

export const podTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    AGE,
    WIDE('IP'),
    WIDE('Node'),
    WIDE('Nominated Node'),
    WIDE('Readiness Gates'),
  ],
  row: podRow,
};

/** The STATUS cell alone (used by describe-like summaries and the UI too). */
export function podStatusReason(pod: StoredObject): string {
  return podSummary(pod).reason;
}

function podRow(pod: StoredObject, nowMs: number): Cell[] {
  const s = podSummary(pod);
  let restarts = String(s.restarts);
  if (s.restarts !== 0 && s.lastRestartMs > 0)
    restarts = `${s.restarts} (${humanDurationImpl(nowMs - s.lastRestartMs)} ago)`;
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  const podIP = status.podIPs?.[0]?.ip || '<none>';
  const gates: Any[] = spec.readinessGates ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    let trueCount = 0;
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
      if (c?.status === 'True') trueCount++;
    }
    readinessGates = `${trueCount}/${gates.length}`;
  }
  return [
    pod.metadata.name,
    `${s.ready}/${s.total}`,
    s.reason,
    restarts,
    age(pod.metadata.creationTimestamp, nowMs),
    podIP,
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates,
  ];
}

interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestartMs: number;
}

function finishedAt(cs: Any): number {
  const t = cs.lastState?.terminated?.finishedAt;
  return typeof t === 'string' ? parseRFC3339(t) : 0;
}

function isRestartableInit(c: Any): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(status: Any, type: string): boolean {
  return (status.conditions ?? []).some((c: Any) => c.type === type && c.status === 'True');
}

/** kubectl's printPod status walk: init containers first, then app containers last to first. */
function podSummary(pod: StoredObject): PodSummary {
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  const initSpecs: Any[] = spec.initContainers ?? [];
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let restarts = 0;
  let lastRestartMs = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestartMs = 0;
  const phase: string = status.phase ?? '';
  let reason = status.reason || phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initByName = new Map<string, Any>(initSpecs.map((c) => [c.name, c]));
  for (const c of initSpecs) if (isRestartableInit(c)) total++;

  let initializing = false;
  const initStatuses: Any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestartMs = Math.max(lastRestartMs, finishedAt(cs));
    const sidecar = isRestartableInit(initByName.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestartMs = Math.max(lastSidecarRestartMs, finishedAt(cs));
    }
    const term = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason)
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = `Init:${term.reason}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestartMs = lastSidecarRestartMs;
    let hasRunning = false;
    const statuses: Any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestartMs = Math.max(lastRestartMs, finishedAt(cs));
      const waiting = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod whose last container completed but another still runs is shown by its Ready condition.
    if (reason === 'Completed' && hasRunning)
      reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';

  return { ready, total, reason, restarts, lastRestartMs };
}
