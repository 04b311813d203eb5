/**
 * Pod status as the kubelet's status manager writes it: phase (kubelet getPhase), the five conditions
 * with lastTransitionTime, container statuses, IPs, startTime, qosClass. Written for every change of
 * every pod (twice per pod start), so it builds only what changed:
 * condition and container status objects are kept and reused while their inputs stay the same (stored
 * objects are never mutated, so sharing them between writes and between pods is safe), and a list whose
 * items are all unchanged is the previous list itself, which the status comparisons then pass at once.
 */
import type { StoredObject } from '../api/types';
import { podQOSClass } from '../schema/strategies';
import type { ConditionState, ContainerRt, ContainerStatusView, PodRt } from './types';

/**
 * Parts of pod status that many pods write alike (a condition that turned True in the same second, a
 * node's hostIPs, an empty lastState, a "containers with unready status" message) are shared between
 * their status objects rather than built for each: stored objects are never mutated, and 100,000 pods
 * would otherwise hold 100,000 copies of each. The caches are bounded and cleared when full (what they
 * hold is only ever a cheaper equal value).
 */
const SHARED_LIMIT = 4096;
const ipListCache = new Map<string, { ip: string }[]>();
const NO_LAST_STATE = Object.freeze({});

/**
 * Shared conditions by type, then status, reason, message ('' for none) and lastTransitionTime: nested
 * maps keyed by strings that are themselves shared (literals, cached messages, the clock's time text), so a
 * lookup hashes nothing new, where one flat key would be built and hashed for every change.
 */
type Level<V> = Map<string, V>;
const conditionCache: Level<Level<Level<Level<Level<ConditionState>>>>> = new Map();
let conditionCount = 0;

function level<V>(parent: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = parent.get(key);
  if (m === undefined) {
    m = new Map();
    parent.set(key, m);
  }
  return m;
}

function sharedCondition(
  type: string,
  status: 'True' | 'False',
  time: string,
  reason: string | undefined,
  message: string | undefined,
): ConditionState {
  if (conditionCount >= SHARED_LIMIT) {
    conditionCache.clear();
    conditionCount = 0;
  }
  const byTime = level(level(level(level(conditionCache, type), status), reason ?? ''), message ?? '');
  let c = byTime.get(time);
  if (c === undefined) {
    // Key order as the API shows it; reason and message only when set.
    c = { type, status, lastProbeTime: null, lastTransitionTime: time };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    byTime.set(time, c);
    conditionCount++;
  }
  return c;
}

export function podPhase(rt: PodRt): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  if (rt.terminal) return rt.terminal;
  const policy = rt.pod.spec?.restartPolicy ?? 'Always';
  let initDone = true;
  let initFailed = false;
  for (const c of rt.init) {
    if ('terminated' in c.state) {
      if (c.state.terminated.exitCode !== 0) {
        initDone = false;
        initFailed = true;
      }
    } else initDone = false;
  }
  if (initFailed && policy === 'Never') return 'Failed';
  if (!initDone) {
    let anyCreated = false;
    for (const c of rt.app) if (c.everCreated) anyCreated = true;
    if (!anyCreated) return 'Pending';
  }
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
  if (prev && prev.status === status && prev.reason === reason && prev.message === message) return;
  const time = prev && prev.status === status ? prev.lastTransitionTime : now;
  rt.conditions[type] = sharedCondition(type, status, time, reason, message);
}

const UNREADY = 'containers with unready status: ';
const INCOMPLETE = 'containers with incomplete status: ';
/** Messages by the container names they list (one shared string per name list). */
const unreadyMessages = new Map<string, string>();
const incompleteMessages = new Map<string, string>();

/** `<prefix>[a b]`: for a single container its name is the key as it is (no string built to look up). */
function listMessage(cache: Map<string, string>, prefix: string, names: string): string {
  let m = cache.get(names);
  if (m === undefined) {
    if (cache.size >= SHARED_LIMIT) cache.clear();
    m = `${prefix}[${names}]`;
    cache.set(names, m);
  }
  return m;
}

const addName = (names: string | undefined, c: ContainerRt) =>
  names === undefined ? c.name : `${names} ${c.name}`;

/** Initialization is complete for a run-to-completion init container that exited 0. */
const initIncomplete = (c: ContainerRt) => !('terminated' in c.state && c.state.terminated.exitCode === 0);

/** Recompute the kubelet-owned conditions from the containers. */
export function updateConditions(rt: PodRt, now: string, phase = podPhase(rt)): void {
  setCondition(rt, 'PodReadyToStartContainers', rt.sandbox === 'ready' ? 'True' : 'False', now);
  if (phase === 'Succeeded' || phase === 'Failed') {
    const why = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
    let incomplete: string | undefined;
    for (const c of rt.init) if (c.init && initIncomplete(c)) incomplete = addName(incomplete, c);
    if (incomplete !== undefined) {
      setCondition(
        rt,
        'Initialized',
        'False',
        now,
        'ContainersNotInitialized',
        listMessage(incompleteMessages, INCOMPLETE, incomplete),
      );
    } else setCondition(rt, 'Initialized', 'True', now, phase === 'Succeeded' ? 'PodCompleted' : undefined);
    setCondition(rt, 'Ready', 'False', now, why);
    setCondition(rt, 'ContainersReady', 'False', now, why);
    return;
  }
  // Regular init containers not done, then sidecars not started; unready: sidecars, then app containers.
  let incomplete: string | undefined;
  for (const c of rt.init) if (c.init && initIncomplete(c)) incomplete = addName(incomplete, c);
  for (const c of rt.init) if (c.sidecar && !c.started) incomplete = addName(incomplete, c);
  if (incomplete !== undefined) {
    setCondition(
      rt,
      'Initialized',
      'False',
      now,
      'ContainersNotInitialized',
      listMessage(incompleteMessages, INCOMPLETE, incomplete),
    );
  } else setCondition(rt, 'Initialized', 'True', now);
  let unready: string | undefined;
  for (const c of rt.init) if (c.sidecar && !c.ready) unready = addName(unready, c);
  for (const c of rt.app) if (!c.ready) unready = addName(unready, c);
  if (unready !== undefined) {
    const msg = listMessage(unreadyMessages, UNREADY, unready);
    setCondition(rt, 'ContainersReady', 'False', now, 'ContainersNotReady', msg);
    setCondition(rt, 'Ready', 'False', now, 'ContainersNotReady', msg);
    return;
  }
  setCondition(rt, 'ContainersReady', 'True', now);
  const gates = rt.pod.spec?.readinessGates as { conditionType: string }[] | undefined;
  if (!gates?.length) {
    setCondition(rt, 'Ready', 'True', now);
    return;
  }
  const podConds = (rt.pod.status?.conditions ?? []) as { type: string; status: string }[];
  const missing = gates.find((g) => !podConds.some((c) => c.type === g.conditionType));
  const notTrue = gates.find((g) => podConds.some((c) => c.type === g.conditionType && c.status !== 'True'));
  const why = missing
    ? `corresponding condition of pod readiness gate "${missing.conditionType}" does not exist.`
    : notTrue
      ? `the status of pod readiness gate "${notTrue.conditionType}" is not "True", but False`
      : undefined;
  if (why) setCondition(rt, 'Ready', 'False', now, 'ReadinessGatesNotReady', why);
  else setCondition(rt, 'Ready', 'True', now);
}

/** `[{ ip }]`, one list per address (a node's pods share its hostIPs). */
function ipList(ip: string): { ip: string }[] {
  const known = ipListCache.get(ip);
  if (known) return known;
  if (ipListCache.size >= SHARED_LIMIT) ipListCache.clear();
  const v = [{ ip }];
  ipListCache.set(ip, v);
  return v;
}

/** The pod's podIPs, kept on the pod's runtime record: the same list for every status write. */
function podIPs(rt: PodRt, ip: string): { ip: string }[] {
  if (rt.podIPs?.[0].ip !== ip) rt.podIPs = [{ ip }];
  return rt.podIPs;
}

/** Status volumeMounts of a container spec's mounts. */
function mountStatuses(mounts: { name: string; mountPath: string; readOnly?: boolean }[]): unknown[] {
  return mounts.map((m) =>
    m.readOnly
      ? { name: m.name, mountPath: m.mountPath, readOnly: true, recursiveReadOnly: 'Disabled' }
      : { name: m.name, mountPath: m.mountPath },
  );
}

/** The container's status entry: the one written last when nothing in it changed. */
function containerStatus(c: ContainerRt): ContainerStatusView {
  const image: string = c.image?.imageName ?? c.spec.image;
  const imageID = c.image && c.everCreated ? c.image.imageID : '';
  const containerID = c.containerID ? c.containerID : undefined;
  const started = 'running' in c.state && c.started;
  const prev = c.lastStatus;
  // The mounts' status list is made once per spec list: the same for every status write.
  const mounts = c.spec.volumeMounts;
  const volumeMounts = mounts?.length
    ? prev && c.lastStatusMounts === mounts
      ? prev.volumeMounts
      : mountStatuses(mounts)
    : undefined;
  if (
    prev !== undefined &&
    prev.name === c.name &&
    prev.state === c.state &&
    (c.lastState ? prev.lastState.terminated === c.lastState : prev.lastState === NO_LAST_STATE) &&
    prev.ready === c.ready &&
    prev.restartCount === c.restartCount &&
    prev.image === image &&
    prev.imageID === imageID &&
    prev.containerID === containerID &&
    prev.started === started &&
    prev.volumeMounts === volumeMounts
  )
    return prev;
  // Key order as the API shows it; containerID and volumeMounts only when set. One literal per shape
  // (an object extended key by key is slower to make and larger).
  const name = c.name;
  const state = c.state;
  const lastState = c.lastState ? { terminated: c.lastState } : NO_LAST_STATE;
  const ready = c.ready;
  const restartCount = c.restartCount;
  const s: ContainerStatusView = containerID
    ? volumeMounts
      ? { name, state, lastState, ready, restartCount, image, imageID, containerID, started, volumeMounts }
      : { name, state, lastState, ready, restartCount, image, imageID, containerID, started }
    : volumeMounts
      ? { name, state, lastState, ready, restartCount, image, imageID, started, volumeMounts }
      : { name, state, lastState, ready, restartCount, image, imageID, started };
  c.lastStatus = s;
  c.lastStatusMounts = mounts;
  return s;
}

/** `next`, or `prev` when it holds the very same items. */
function sameList<T>(prev: unknown, next: T[]): T[] {
  if (!Array.isArray(prev) || prev.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) return next;
  return prev as T[];
}

function containerStatuses(cs: ContainerRt[], prev: unknown): ContainerStatusView[] {
  const out = new Array<ContainerStatusView>(cs.length);
  for (let i = 0; i < cs.length; i++) out[i] = containerStatus(cs[i]);
  return sameList(prev, out);
}

/** The conditions this status writer sets itself (PodScheduled is the scheduler's, kept as it is). */
const kubeletOwned = (type: string) =>
  type === 'PodReadyToStartContainers' ||
  type === 'Initialized' ||
  type === 'Ready' ||
  type === 'ContainersReady';

/** The pod's conditions: the kubelet's four, PodScheduled, then those others own, as they were. */
function conditionList(rt: PodRt, existing: { type: string }[]): unknown[] {
  let scheduled: unknown;
  let others: unknown[] | undefined;
  for (let i = 0; i < existing.length; i++) {
    const c = existing[i];
    if (c.type === 'PodScheduled') scheduled ??= c;
    // Conditions others own (readiness gates, DisruptionTarget) are kept as they are.
    else if (!kubeletOwned(c.type)) {
      if (others) others.push(c);
      else others = [c];
    }
  }
  const conds = rt.conditions;
  const list: unknown[] = [
    conds.PodReadyToStartContainers,
    conds.Initialized,
    conds.Ready,
    conds.ContainersReady,
    scheduled ?? {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rt.startTime,
    },
  ];
  if (others) for (const o of others) list.push(o);
  return sameList(existing, list);
}

/**
 * conditionList for a list this kubelet wrote itself, laid out as that builds it (the kubelet's four,
 * PodScheduled, others'): only the first four can change, so nothing else is looked at.
 */
function conditionsAfterOwn(rt: PodRt, prev: unknown[]): unknown[] {
  const conds = rt.conditions;
  const c0 = conds.PodReadyToStartContainers;
  const c1 = conds.Initialized;
  const c2 = conds.Ready;
  const c3 = conds.ContainersReady;
  if (prev[0] === c0 && prev[1] === c1 && prev[2] === c2 && prev[3] === c3) return prev;
  const next = prev.slice();
  next[0] = c0;
  next[1] = c1;
  next[2] = c2;
  next[3] = c3;
  return next;
}

/** A status as buildStatus makes it (what the next write reads of the one written last). */
interface OwnStatus {
  nominatedNodeName?: string;
  conditions: unknown[];
  initContainerStatuses?: ContainerStatusView[];
  containerStatuses: ContainerStatusView[];
  qosClass: string;
}

/** The full status object for the pod. */
export function buildStatus(rt: PodRt, hostIP: string, now: string): Record<string, unknown> {
  const phase = podPhase(rt);
  updateConditions(rt, now, phase);
  const current = rt.pod.status;
  // Usually the pod's status is the one this kubelet wrote last: read through its own (few) shapes, where
  // statuses others wrote come in many.
  if (current !== undefined && current === rt.lastWrittenStatus) {
    const own = current as OwnStatus;
    return assemble(
      rt,
      phase,
      hostIP,
      own.nominatedNodeName,
      conditionsAfterOwn(rt, own.conditions),
      own.initContainerStatuses,
      own.containerStatuses,
      own.qosClass,
    );
  }
  return assemble(
    rt,
    phase,
    hostIP,
    current?.nominatedNodeName,
    conditionList(rt, (current?.conditions ?? []) as { type: string }[]),
    current?.initContainerStatuses,
    current?.containerStatuses,
    current?.qosClass ?? podQOSClass(rt.pod.spec),
  );
}

function assemble(
  rt: PodRt,
  phase: string,
  hostIP: string,
  nominatedNodeName: string | undefined,
  conditions: unknown[],
  prevInitStatuses: unknown,
  prevStatuses: unknown,
  qos: string,
): Record<string, unknown> {
  const hostIPs = ipList(hostIP);
  const startTime = rt.startTime;
  const containerStatusList = containerStatuses(rt.app, prevStatuses);
  const podIP = rt.ip;
  // Key order as the API shows it. The usual shapes are one literal each (faster to make than an object
  // extended key by key, and no temporary objects as spreading optional parts would make).
  if (!nominatedNodeName && !rt.init.length) {
    return podIP
      ? {
          phase,
          conditions,
          hostIP,
          hostIPs,
          podIP,
          podIPs: podIPs(rt, podIP),
          startTime,
          containerStatuses: containerStatusList,
          qosClass: qos,
        }
      : {
          phase,
          conditions,
          hostIP,
          hostIPs,
          startTime,
          containerStatuses: containerStatusList,
          qosClass: qos,
        };
  }
  const status: Record<string, unknown> = {};
  if (nominatedNodeName) status.nominatedNodeName = nominatedNodeName;
  status.phase = phase;
  status.conditions = conditions;
  status.hostIP = hostIP;
  status.hostIPs = hostIPs;
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = podIPs(rt, podIP);
  }
  status.startTime = startTime;
  if (rt.init.length) status.initContainerStatuses = containerStatuses(rt.init, prevInitStatuses);
  status.containerStatuses = containerStatusList;
  status.qosClass = qos;
  return status;
}

export function withStatus(pod: StoredObject, status: Record<string, unknown>): StoredObject {
  return { ...pod, status };
}
