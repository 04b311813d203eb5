/**
 * Pod status as the kubelet's status manager writes it: phase (kubelet getPhase), the five conditions
 * with lastTransitionTime, container statuses, IPs, startTime, qosClass.
 */
import type { StoredObject } from '../api/types';
import { qosClass } from '../scheduler/resources';
import type { ConditionState, ContainerRt, PodRt } from './types';

/**
 * Parts of pod status that many pods write alike (a condition that turned True in the same second, a
 * node's hostIPs, an empty lastState) are shared between their status objects rather than built for each:
 * stored objects are never mutated, and 100,000 pods would otherwise hold 100,000 copies of each.
 * The caches are bounded and cleared when full (what they hold is only ever a cheaper equal value).
 */
const SHARED_LIMIT = 4096;
const conditionStateCache = new Map<string, ConditionState>();
const ipListCache = new Map<string, { ip: string }[]>();
const NO_LAST_STATE = Object.freeze({});

function shared<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= SHARED_LIMIT) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}

export function podPhase(rt: PodRt): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  if (rt.terminal) return rt.terminal;
  const policy = rt.pod.spec?.restartPolicy ?? 'Always';
  const initDone = rt.init.every((c) => 'terminated' in c.state && c.state.terminated.exitCode === 0);
  const initFailed = rt.init.some((c) => 'terminated' in c.state && c.state.terminated.exitCode !== 0);
  if (initFailed && policy === 'Never') return 'Failed';
  if (!initDone && !rt.app.some((c) => c.everCreated)) return 'Pending';
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of rt.app) {
    if ('running' in c.state) running++;
    else if ('terminated' in c.state) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState) {
      stopped++;
      if (c.lastState.exitCode === 0) succeeded++;
    } else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Set a condition, keeping lastTransitionTime unless the status changes. */
export function setCondition(
  rt: PodRt,
  type: string,
  status: 'True' | 'False',
  now: string,
  reason?: string,
  message?: string,
): void {
  const prev = rt.conditions[type];
  const time = prev && prev.status === status ? prev.time : now;
  if (
    prev &&
    prev.status === status &&
    prev.time === time &&
    prev.reason === reason &&
    prev.message === message
  )
    return;
  rt.conditions[type] = shared(
    conditionStateCache,
    `${status}\u0000${time}\u0000${reason ?? ''}\u0000${message ?? ''}`,
    () => ({ status, reason, message, time }),
  );
}

const names = (cs: ContainerRt[]) => `[${cs.map((c) => c.name).join(' ')}]`;

/** Recompute the kubelet-owned conditions from the containers. */
export function updateConditions(rt: PodRt, now: string): void {
  const phase = podPhase(rt);
  setCondition(rt, 'PodReadyToStartContainers', rt.sandbox === 'ready' ? 'True' : 'False', now);
  const incompleteInit = rt.init.filter(
    (c) => !('terminated' in c.state && c.state.terminated.exitCode === 0),
  );
  const unreadySidecars = rt.init.filter((c) => c.sidecar && !c.ready);
  if (phase === 'Succeeded' || phase === 'Failed') {
    const why = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
    if (incompleteInit.some((c) => c.init)) {
      setCondition(
        rt,
        'Initialized',
        'False',
        now,
        'ContainersNotInitialized',
        `containers with incomplete status: ${names(incompleteInit.filter((c) => c.init))}`,
      );
    } else setCondition(rt, 'Initialized', 'True', now, phase === 'Succeeded' ? 'PodCompleted' : undefined);
    setCondition(rt, 'Ready', 'False', now, why);
    setCondition(rt, 'ContainersReady', 'False', now, why);
    return;
  }
  const regularInitIncomplete = incompleteInit.filter((c) => c.init);
  const sidecarsNotStarted = rt.init.filter((c) => c.sidecar && !c.started);
  if (regularInitIncomplete.length || sidecarsNotStarted.length) {
    setCondition(
      rt,
      'Initialized',
      'False',
      now,
      'ContainersNotInitialized',
      `containers with incomplete status: ${names([...regularInitIncomplete, ...sidecarsNotStarted])}`,
    );
  } else setCondition(rt, 'Initialized', 'True', now);
  const unready = [...unreadySidecars, ...rt.app.filter((c) => !c.ready)];
  if (unready.length) {
    const msg = `containers with unready status: ${names(unready)}`;
    setCondition(rt, 'ContainersReady', 'False', now, 'ContainersNotReady', msg);
    setCondition(rt, 'Ready', 'False', now, 'ContainersNotReady', msg);
  } else {
    setCondition(rt, 'ContainersReady', 'True', now);
    const gates = (rt.pod.spec?.readinessGates ?? []) as { conditionType: string }[];
    const podConds = (rt.pod.status?.conditions ?? []) as { type: string; status: string }[];
    const missing = gates.find((g) => !podConds.some((c) => c.type === g.conditionType));
    const notTrue = gates.find((g) =>
      podConds.some((c) => c.type === g.conditionType && c.status !== 'True'),
    );
    if (missing)
      setCondition(
        rt,
        'Ready',
        'False',
        now,
        'ReadinessGatesNotReady',
        `corresponding condition of pod readiness gate "${missing.conditionType}" does not exist.`,
      );
    else if (notTrue)
      setCondition(
        rt,
        'Ready',
        'False',
        now,
        'ReadinessGatesNotReady',
        `the status of pod readiness gate "${notTrue.conditionType}" is not "True", but False`,
      );
    else setCondition(rt, 'Ready', 'True', now);
  }
}

/** The status condition of each (shared) ConditionState, per condition type. */
const conditionObjects = new Map<string, WeakMap<ConditionState, Record<string, unknown>>>();

function conditionObj(type: string, c: ConditionState) {
  let byState = conditionObjects.get(type);
  if (!byState) {
    byState = new WeakMap();
    conditionObjects.set(type, byState);
  }
  let obj = byState.get(c);
  if (!obj) {
    obj = {
      type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime: c.time,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    };
    byState.set(c, obj);
  }
  return obj;
}

/** `[{ ip }]`, one list per address (a node's pods share its hostIPs). */
function ipList(ip: string): { ip: string }[] {
  return shared(ipListCache, ip, () => [{ ip }]);
}

/** The pod's podIPs, kept on the pod's runtime record: the same list for every status write. */
function podIPs(rt: PodRt, ip: string): { ip: string }[] {
  if (rt.podIPs?.[0].ip !== ip) rt.podIPs = [{ ip }];
  return rt.podIPs;
}

/** Status volumeMounts of a container spec's mounts: one list per spec, the same for every status write. */
const mountStatusCache = new WeakMap<object, unknown[]>();

function mountStatuses(mounts: { name: string; mountPath: string; readOnly?: boolean }[]): unknown[] {
  let out = mountStatusCache.get(mounts);
  if (!out) {
    out = mounts.map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
    mountStatusCache.set(mounts, out);
  }
  return out;
}

function containerStatus(c: ContainerRt) {
  return {
    name: c.name,
    state: c.state,
    lastState: c.lastState ? { terminated: c.lastState } : NO_LAST_STATE,
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image?.imageName ?? c.spec.image,
    imageID: c.image && c.everCreated ? c.image.imageID : '',
    ...(c.containerID ? { containerID: c.containerID } : {}),
    started: 'running' in c.state && c.started,
    ...((c.spec.volumeMounts ?? []).length ? { volumeMounts: mountStatuses(c.spec.volumeMounts) } : {}),
  };
}

const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'];
const KUBELET_OWNED = new Set([...KUBELET_CONDITIONS, 'PodScheduled']);

/** The full status object for the pod. */
export function buildStatus(rt: PodRt, hostIP: string, now: string): Record<string, unknown> {
  updateConditions(rt, now);
  const existing = (rt.pod.status?.conditions ?? []) as { type: string }[];
  const scheduled = existing.find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: rt.startTime,
  };
  const conditions = [
    ...KUBELET_CONDITIONS.map((t) => conditionObj(t, rt.conditions[t]!)),
    scheduled,
    // Conditions others own (readiness gates, DisruptionTarget) are kept as they are.
    ...existing.filter((c) => !KUBELET_OWNED.has(c.type)),
  ];
  const status: Record<string, unknown> = {
    ...(rt.pod.status?.nominatedNodeName ? { nominatedNodeName: rt.pod.status.nominatedNodeName } : {}),
    phase: podPhase(rt),
    conditions,
    hostIP,
    hostIPs: ipList(hostIP),
    ...(rt.ip ? { podIP: rt.ip, podIPs: podIPs(rt, rt.ip) } : {}),
    startTime: rt.startTime,
    ...(rt.init.length ? { initContainerStatuses: rt.init.map(containerStatus) } : {}),
    containerStatuses: rt.app.map(containerStatus),
    qosClass: rt.pod.status?.qosClass ?? qosClass(rt.pod),
  };
  return status;
}

export function withStatus(pod: StoredObject, status: Record<string, unknown>): StoredObject {
  return { ...pod, status };
}
