/**
 * "The chain it sets off": when a Build starts (ConfigChange, webhook, image change, start-build) or an
 * ImageStreamTag gets a new image, the nodes of the chain that change sets off pulse for a moment. Derived
 * only from view changes in the page's mirror; the engine knows nothing of it.
 */
import { create } from 'zustand';
import type { ObjectView } from '../../protocol/views';
import { type LabState, useLab } from '../lab/store';
import { imageStreamTagId, refKey } from './openshift-model';

/** How long (real ms) a node pulses: three beats of the CSS animation. */
export const PULSE_MS = 2700;

/**
 * The graph node ids to pulse for the Builds and ImageStreams in `changed` (uids whose view differs
 * between `prev` and `next`):
 * - a new Build: it and its BuildConfig, plus the builder tag when an image change started it;
 * - a tag with a new image: the tag, the Build that pushed it, the workloads that run it and the
 *   BuildConfigs that build on it (their image change trigger fires next);
 * - and downstream: a new ReplicaSet, ReplicationController or pod whose owner pulses (`pulsing`, or
 *   this batch), so the chain runs on into the rollout and the build pod.
 */
export function chainPulses(
  prev: ReadonlyMap<string, ObjectView>,
  next: ReadonlyMap<string, ObjectView>,
  changed: Iterable<string>,
  pulsing: ReadonlySet<string> = new Set(),
): Set<string> {
  const out = new Set<string>();
  let lookup: Lookup | undefined;
  const find = () => {
    lookup ??= buildLookup(next);
    return lookup;
  };
  const followers: ObjectView[] = [];
  for (const uid of changed) {
    const now = next.get(uid);
    if (!now) continue;
    const before = prev.get(uid);
    if (FOLLOWERS.has(now.kind)) {
      if (!before && now.ownerUid) followers.push(now);
    } else if (now.kind === 'Build' && !before) {
      out.add(uid);
      if (!now.ownerUid) continue;
      out.add(now.ownerUid);
      const bc = next.get(now.ownerUid);
      if (now.build?.cause !== 'ImageChange' || !bc) continue;
      for (const r of bc.imageTags ?? []) {
        const stream = r.role === 'builder' ? find().streams.get(`${r.namespace}/${r.stream}`) : undefined;
        if (stream) out.add(imageStreamTagId(stream, r.tag));
      }
    } else if (now.kind === 'ImageStream') {
      const old = new Map((before?.tags ?? []).map((t) => [t.tag, t.digest]));
      for (const t of now.tags ?? []) {
        if (!t.digest || old.get(t.tag) === t.digest) continue;
        out.add(imageStreamTagId(uid, t.tag));
        const key = `${now.namespace}/${now.name}:${t.tag}`;
        for (const c of find().readers.get(key) ?? []) out.add(c);
        const pusher = find().pushers.get(key);
        if (pusher) out.add(pusher);
      }
    }
  }
  // Owners before dependents: ReplicaSets, then their pods.
  followers.sort((a, b) => (a.kind === 'Pod' ? 1 : 0) - (b.kind === 'Pod' ? 1 : 0));
  for (const f of followers) {
    if (f.ownerUid && (pulsing.has(f.ownerUid) || out.has(f.ownerUid))) out.add(f.uid);
  }
  return out;
}

/** Objects that join a pulse when they appear under a pulsing owner. */
const FOLLOWERS = new Set(['ReplicaSet', 'ReplicationController', 'Pod']);

interface Lookup {
  /** `ns/name` -> ImageStream uid. */
  streams: Map<string, string>;
  /** Tag key -> uids of workloads running it and BuildConfigs building on it. */
  readers: Map<string, string[]>;
  /** Tag key -> the newest Complete Build that pushes to it. */
  pushers: Map<string, string>;
}

function buildLookup(objects: ReadonlyMap<string, ObjectView>): Lookup {
  const streams = new Map<string, string>();
  const readers = new Map<string, string[]>();
  const pushers = new Map<string, string>();
  const newest = new Map<string, number>();
  for (const o of objects.values()) {
    if (o.kind === 'ImageStream') streams.set(`${o.namespace}/${o.name}`, o.uid);
    for (const r of o.imageTags ?? []) {
      const key = refKey(r);
      if (r.role === 'output') {
        const n = o.build?.number ?? -1;
        if (o.kind === 'Build' && o.status === 'Complete' && n > (newest.get(key) ?? -1)) {
          newest.set(key, n);
          pushers.set(key, o.uid);
        }
      } else if (o.kind !== 'Build') {
        const list = readers.get(key);
        if (list) list.push(o.uid);
        else readers.set(key, [o.uid]);
      }
    }
  }
  return { streams, readers, pushers };
}

interface PulseState {
  /** Node ids pulsing now. */
  nodes: ReadonlySet<string>;
  /** Bumped whenever `nodes` changes (the graph redraws its edges). */
  epoch: number;
}

export const usePulse = create<PulseState>(() => ({ nodes: new Set(), epoch: 0 }));

const until = new Map<string, number>();
let sweepTimer: ReturnType<typeof setTimeout> | undefined;

function publish(): void {
  usePulse.setState((s) => ({ nodes: new Set(until.keys()), epoch: s.epoch + 1 }));
}

function sweep(): void {
  sweepTimer = undefined;
  const now = performance.now();
  let removed = false;
  for (const [id, t] of until) {
    if (t <= now) {
      until.delete(id);
      removed = true;
    }
  }
  if (removed) publish();
  schedule();
}

function schedule(): void {
  if (sweepTimer !== undefined || until.size === 0) return;
  const next = Math.min(...until.values());
  sweepTimer = setTimeout(sweep, Math.max(0, next - performance.now()) + 20);
}

export function pulse(ids: Iterable<string>): void {
  const end = performance.now() + PULSE_MS;
  let added = false;
  for (const id of ids) {
    if (!until.has(id)) added = true;
    until.set(id, end);
  }
  if (added) publish();
  schedule();
}

/** Builds and ImageStreams, re-listed when the mirror's structure changes. */
let tracked: string[] = [];

function onLab(s: LabState, prev: LabState): void {
  if (s.objects === prev.objects) return;
  const pulsing = usePulse.getState().nodes;
  const added: string[] = [];
  if (s.structure !== prev.structure) {
    tracked = [];
    for (const o of s.objects.values()) {
      if (o.kind === 'Build' || o.kind === 'ImageStream') tracked.push(o.uid);
      else if (pulsing.size > 0 && o.ownerUid && FOLLOWERS.has(o.kind) && !prev.objects.has(o.uid))
        added.push(o.uid);
    }
  }
  // The first snapshot is the cluster as it was, not a change.
  if (prev.objects.size === 0) return;
  const changed = tracked.filter((uid) => s.objects.get(uid) !== prev.objects.get(uid));
  if (changed.length === 0 && added.length === 0) return;
  const ids = chainPulses(prev.objects, s.objects, [...changed, ...added], pulsing);
  if (ids.size > 0) pulse(ids);
}

/** Start deriving pulses from the mirror (the graph calls this while it is shown). */
export function watchPulses(): () => void {
  tracked = [];
  for (const o of useLab.getState().objects.values())
    if (o.kind === 'Build' || o.kind === 'ImageStream') tracked.push(o.uid);
  return useLab.subscribe(onLab);
}

export function usePulsing(nodeId: string): boolean {
  return usePulse((s) => s.nodes.has(nodeId));
}
