/**
 * The page's mirror of the cluster: views by uid, the clock and traffic, fed by the worker's diffs.
 * Unchanged objects keep their identity across diffs, so `useView(uid)` re-renders only the component
 * whose object changed. Nothing here simulates anything.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { applyViewDiff } from '../../protocol/diff';
import type { ClockState, WorkerMessage } from '../../protocol/messages';
import type { ObjectView, ServiceTraffic, TrafficEdge } from '../../protocol/views';
import { openShiftShapeChanged } from '../graph/openshift-model';

export interface LabState {
  connected: boolean;
  fatal?: string;
  seq: number;
  objects: Map<string, ObjectView>;
  /** Bumped when objects are added or removed, or a field the graph's shape depends on changes. */
  structure: number;
  clock: ClockState;
  traffic: TrafficEdge[];
  /** Request stats of Services that have traffic, by Service uid (the graph's badges). */
  serviceTraffic: Record<string, ServiceTraffic>;
}

export const initialClock: ClockState = {
  nowMs: 0,
  nowISO: '',
  paused: false,
  speed: 1,
  seed: 1,
  profile: 'kubernetes',
  namespace: 'default',
};

export const useLab = create<LabState>(() => ({
  connected: false,
  seq: 0,
  objects: new Map(),
  structure: 0,
  clock: initialClock,
  traffic: [],
  serviceTraffic: {},
}));

function byUid(list: ServiceTraffic[]): Record<string, ServiceTraffic> {
  return Object.fromEntries(list.map((s) => [s.uid, s]));
}

/**
 * Per-uid listeners. A plain `useLab(selector)` in each of 2,000 graph nodes would run 2,000 selectors on
 * every diff; instead `applyMessage` names the uids a diff touched and only their listeners run, so the
 * main-thread cost of a diff follows its size, not the cluster's.
 */
const uidListeners = new Map<string, Set<() => void>>();
/** uids the next `objects` change touches (set by applyMessage); undefined means "any" (notify all). */
let touched: Iterable<string> | undefined;

function notifyTouched(s: LabState, prev: LabState): void {
  const which = touched;
  touched = undefined;
  if (s.objects === prev.objects) return;
  if (which === undefined) {
    for (const set of uidListeners.values()) for (const l of set) l();
    return;
  }
  for (const uid of which) {
    const set = uidListeners.get(uid);
    if (set) for (const l of set) l();
  }
}
useLab.subscribe(notifyTouched);

function subscribeUid(uid: string, listener: () => void): () => void {
  let set = uidListeners.get(uid);
  if (!set) {
    set = new Set();
    uidListeners.set(uid, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && uidListeners.get(uid) === set) uidListeners.delete(uid);
  };
}

/** One object by uid; re-renders only when that object changes. */
export function useView(uid: string): ObjectView | undefined {
  const subscribe = useCallback((listener: () => void) => subscribeUid(uid, listener), [uid]);
  const get = () => useLab.getState().objects.get(uid);
  return useSyncExternalStore(subscribe, get, get);
}

/** The diff's uids, for `touched`. */
function* diffUids(diff: { added: ObjectView[]; updated: ObjectView[]; removed: string[] }) {
  for (const v of diff.added) yield v.uid;
  for (const v of diff.updated) yield v.uid;
  yield* diff.removed;
}

/** Fields whose change moves graph edges or groups (owner, node, labels, selector, readiness...). */
export function shapeChanged(a: ObjectView, b: ObjectView): boolean {
  return (
    a.nodeName !== b.nodeName ||
    a.ownerUid !== b.ownerUid ||
    a.podReady !== b.podReady ||
    a.terminating !== b.terminating ||
    !sameMap(a.labels, b.labels) ||
    !sameMap(a.selector, b.selector) ||
    JSON.stringify(a.uses) !== JSON.stringify(b.uses) ||
    JSON.stringify(a.backends) !== JSON.stringify(b.backends) ||
    openShiftShapeChanged(a, b)
  );
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/**
 * Apply one worker message to the store. Returns 'resync' when a diff does not follow the last seq (the
 * caller asks the worker for a snapshot and ignores diffs until it arrives).
 */
export function applyMessage(msg: WorkerMessage): 'ok' | 'resync' {
  const s = useLab.getState();
  if (msg.type === 'snapshot') {
    useLab.setState({
      connected: true,
      seq: msg.seq,
      objects: new Map(msg.objects.map((o) => [o.uid, o])),
      structure: s.structure + 1,
      clock: msg.clock,
      traffic: msg.traffic,
      serviceTraffic: byUid(msg.serviceTraffic ?? []),
    });
    return 'ok';
  }
  if (msg.type === 'diff') {
    if (msg.seq !== s.seq + 1) return 'resync';
    const { diff } = msg;
    let structural = diff.added.length > 0 || diff.removed.length > 0;
    if (!structural) {
      for (const v of diff.updated) {
        const old = s.objects.get(v.uid);
        if (!old || shapeChanged(old, v)) {
          structural = true;
          break;
        }
      }
    }
    const clockChanged =
      msg.clock.nowISO !== s.clock.nowISO ||
      msg.clock.paused !== s.clock.paused ||
      msg.clock.speed !== s.clock.speed ||
      msg.clock.reachedSpeed !== s.clock.reachedSpeed ||
      msg.clock.seed !== s.clock.seed ||
      msg.clock.namespace !== s.clock.namespace;
    touched = diffUids(diff);
    useLab.setState({
      seq: msg.seq,
      objects: applyViewDiff(s.objects, diff),
      ...(structural ? { structure: s.structure + 1 } : {}),
      ...(clockChanged ? { clock: msg.clock } : {}),
      ...(msg.traffic ? { traffic: msg.traffic } : {}),
      ...(msg.serviceTraffic ? { serviceTraffic: byUid(msg.serviceTraffic) } : {}),
    });
    return 'ok';
  }
  if (msg.type === 'fatal') useLab.setState({ fatal: msg.message });
  return 'ok';
}
