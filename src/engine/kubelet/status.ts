/**
 * Pod status as the kubelet's status manager writes it: phase (kubelet getPhase), the five conditions
 * with lastTransitionTime, container statuses, IPs, startTime, qosClass.
 */
import type { StoredObject } from '../api/types';
import { qosClass } from '../scheduler/resources';
import type { ConditionState, ContainerRt, PodRt } from './types';

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
  const prev = rt.conditions.get(type);
  rt.conditions.set(type, {
    status,
    reason,
    message,
    time: prev && prev.status === status ? prev.time : now,
  });
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

function conditionObj(type: string, c: ConditionState) {
  return {
    type,
    status: c.status,
    lastProbeTime: null,
    lastTransitionTime: c.time,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  };
}

function containerStatus(c: ContainerRt) {
  return {
    name: c.name,
    state: c.state,
    lastState: c.lastState ? { terminated: c.lastState } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image?.imageName ?? c.spec.image,
    imageID: c.image && c.everCreated ? c.image.imageID : '',
    ...(c.containerID ? { containerID: c.containerID } : {}),
    started: 'running' in c.state && c.started,
    ...((c.spec.volumeMounts ?? []).length
      ? {
          volumeMounts: (
            c.spec.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[]
          ).map((m) => ({
            name: m.name,
            mountPath: m.mountPath,
            ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
          })),
        }
      : {}),
  };
}

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
  const kubeletOwned = new Set([
    'PodReadyToStartContainers',
    'Initialized',
    'Ready',
    'ContainersReady',
    'PodScheduled',
  ]);
  const conditions = [
    ...['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'].map((t) =>
      conditionObj(t, rt.conditions.get(t)!),
    ),
    scheduled,
    // Conditions others own (readiness gates, DisruptionTarget) are kept as they are.
    ...existing.filter((c) => !kubeletOwned.has(c.type)),
  ];
  const status: Record<string, unknown> = {
    ...(rt.pod.status?.nominatedNodeName ? { nominatedNodeName: rt.pod.status.nominatedNodeName } : {}),
    phase: podPhase(rt),
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(rt.ip ? { podIP: rt.ip, podIPs: [{ ip: rt.ip }] } : {}),
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
