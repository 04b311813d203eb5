/**
 * The prober: per container, startup/liveness/readiness workers ticking every periodSeconds from when
 * the kubelet took the pod, with initialDelaySeconds, timeoutSeconds, success/failure thresholds. A
 * startup probe holds the others off; liveness failure restarts the container; readiness flips Ready.
 * Every result goes into a per-pod history the UI's probe timeline reads.
 */
import type { ScheduledTask } from '../sim/clock';
import type { KubeletManager } from './manager';
import type { NodeAgent } from './node-agent';
import type { PodWorker } from './pod-worker';
import type { ContainerRt, PodRt } from './types';

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

export interface ProbeRecord {
  /** Virtual ms and RFC 3339 time of the probe. */
  atMs: number;
  time: string;
  container: string;
  probe: ProbeKind;
  /** How it probed: httpGet / tcpSocket / exec / grpc. */
  handler: string;
  result: 'success' | 'failure';
  /** Why it failed (the text of the Unhealthy event after `... probe failed: `). */
  reason?: string;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** What the probe changed: `ready`, `unready`, `started`, `restart`. */
  effect?: string;
}

export interface ProbesService {
  /** Probe results of a pod, oldest first (bounded to the last 500). */
  history(namespace: string, pod: string): ProbeRecord[];
  /** Called with every new record (namespace, pod name, record). Returns the unsubscribe function. */
  subscribe(fn: (namespace: string, pod: string, record: ProbeRecord) => void): () => void;
}

const HISTORY_LIMIT = 500;
/** Each probe kind and its container spec field, in the order workers are made. */
const PROBE_FIELDS: [ProbeKind, string][] = [
  ['startup', 'startupProbe'],
  ['liveness', 'livenessProbe'],
  ['readiness', 'readinessProbe'],
];
const LABEL: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

type ProbeSpec = any;

interface Worker {
  kind: ProbeKind;
  container: string;
  spec: ProbeSpec;
  instance?: string;
  failures: number;
  successes: number;
  /** After a liveness/startup kill, probing waits for the new container instance (the prober's onHold). */
  onHold: boolean;
  timer?: ScheduledTask;
}

export class ProbeManager implements ProbesService {
  private readonly histories = new Map<string, { ns: string; name: string; records: ProbeRecord[] }>();
  private readonly workers = new Map<string, Worker[]>();
  private listeners: ((ns: string, pod: string, r: ProbeRecord) => void)[] = [];

  constructor(private readonly m: KubeletManager) {}

  history(namespace: string, pod: string): ProbeRecord[] {
    for (const h of this.histories.values()) if (h.ns === namespace && h.name === pod) return [...h.records];
    return [];
  }

  subscribe(fn: (ns: string, pod: string, r: ProbeRecord) => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  podAdded(agent: NodeAgent, w: PodWorker): void {
    const list: Worker[] = [];
    // Sidecars, then app containers; each one's probes in this order.
    for (const c of w.rt.init) if (c.sidecar) this.addWorkers(agent, w, c, list);
    for (const c of w.rt.app) this.addWorkers(agent, w, c, list);
    if (list.length) this.workers.set(w.rt.uid, list);
    this.histories.set(w.rt.uid, { ns: w.rt.namespace, name: w.rt.name, records: [] });
  }

  private addWorkers(agent: NodeAgent, w: PodWorker, c: ContainerRt, list: Worker[]): void {
    for (const [kind, field] of PROBE_FIELDS) {
      const spec = c.spec[field];
      if (!spec) continue;
      const worker: Worker = { kind, container: c.name, spec, failures: 0, successes: 0, onHold: false };
      list.push(worker);
      this.schedule(agent, w, worker);
    }
  }

  podRemoved(rt: PodRt): void {
    for (const w of this.workers.get(rt.uid) ?? []) if (w.timer) w.timer.cancelled = true;
    this.workers.delete(rt.uid);
    // Keep the history a little longer only while a pod of that name does not replace it.
    this.histories.delete(rt.uid);
  }

  containerStarted(_agent: NodeAgent, _rt: PodRt, c: ContainerRt): void {
    // Run-to-completion init containers are only "ready" once they have succeeded.
    if (!c.init && !c.spec.readinessProbe && c.started) c.ready = true;
  }

  containerStopped(_rt: PodRt, _c: ContainerRt): void {}

  private period(spec: ProbeSpec): number {
    return (spec.periodSeconds ?? 10) * 1000;
  }

  private schedule(agent: NodeAgent, w: PodWorker, worker: Worker): void {
    worker.timer = agent.ctx.clock.after(this.period(worker.spec), `probe:${worker.kind}`, () => {
      if (w.rt.gone) return;
      this.tick(agent, w, worker);
      if (!w.rt.gone && !w.rt.terminal) this.schedule(agent, w, worker);
    });
  }

  private tick(agent: NodeAgent, w: PodWorker, worker: Worker): void {
    const rt = w.rt;
    if (!agent.running || rt.terminating) return;
    const c = [...rt.app, ...rt.init].find((x) => x.name === worker.container);
    if (!c || !('running' in c.state) || !c.proc) return;
    if (worker.instance !== c.containerID) {
      worker.instance = c.containerID;
      worker.failures = 0;
      worker.successes = 0;
      worker.onHold = false;
    }
    if (worker.onHold) return;
    const now = agent.ctx.clock.now();
    if (now - c.proc.startedAt < (worker.spec.initialDelaySeconds ?? 0) * 1000) return;
    if (worker.kind === 'startup' && c.started) return;
    if (worker.kind !== 'startup' && !c.started) return;

    const outcome = this.m.runProbe(agent, rt, c, worker.spec, worker.kind);
    const ok = outcome.ok;
    if (ok) {
      worker.successes++;
      worker.failures = 0;
    } else {
      worker.failures++;
      worker.successes = 0;
    }
    let effect: string | undefined;
    const threshold = worker.spec.failureThreshold ?? 3;
    const successThreshold = worker.kind === 'readiness' ? (worker.spec.successThreshold ?? 1) : 1;
    if (!ok)
      agent.record(rt, c, 'Warning', 'Unhealthy', `${LABEL[worker.kind]} probe failed: ${outcome.message}`);
    if (worker.kind === 'startup') {
      if (ok) {
        c.started = true;
        if (!c.spec.readinessProbe) c.ready = true;
        effect = 'started';
        agent.markDirty(rt);
      } else if (worker.failures >= threshold) effect = this.restart(agent, w, c, worker);
    } else if (worker.kind === 'liveness') {
      if (!ok && worker.failures >= threshold) effect = this.restart(agent, w, c, worker);
    } else if (ok && worker.successes >= successThreshold && !c.ready) {
      c.ready = true;
      effect = 'ready';
      agent.markDirty(rt);
    } else if (!ok && worker.failures >= threshold && c.ready) {
      c.ready = false;
      effect = 'unready';
      agent.markDirty(rt);
    }
    const handler = ['httpGet', 'tcpSocket', 'exec', 'grpc'].find((h) => worker.spec[h]) ?? 'unknown';
    const record: ProbeRecord = {
      atMs: now,
      time: agent.ctx.clock.nowMicroISO(),
      container: c.name,
      probe: worker.kind,
      handler,
      result: ok ? 'success' : 'failure',
      ...(ok ? {} : { reason: outcome.message }),
      consecutiveFailures: worker.failures,
      consecutiveSuccesses: worker.successes,
      ...(effect ? { effect } : {}),
    };
    const h = this.histories.get(rt.uid);
    if (h) {
      h.records.push(record);
      if (h.records.length > HISTORY_LIMIT) h.records.splice(0, h.records.length - HISTORY_LIMIT);
    }
    for (const l of this.listeners) l(rt.namespace, rt.name, record);
  }

  private restart(agent: NodeAgent, w: PodWorker, c: ContainerRt, worker: Worker): string {
    agent.record(
      w.rt,
      c,
      'Normal',
      'Killing',
      `Container ${c.name} failed ${worker.kind} probe, will be restarted`,
    );
    worker.failures = 0;
    worker.onHold = true;
    const grace =
      worker.spec.terminationGracePeriodSeconds ?? w.rt.pod.spec?.terminationGracePeriodSeconds ?? 30;
    w.killContainer(c, `${worker.kind} probe`, grace);
    return 'restart';
  }
}
