/**
 * Running counts of the pods each controller owns (active, ready, fully labelled), kept up to date from
 * pod watch events in O(1) per event, plus a store index of each controller's active pods. Controllers read
 * these instead of scanning every pod they own on every sync, so a 1,000-pod ReplicaSet does not cost
 * O(pods) per pod event.
 */
import type { ApiServer } from '../../api/apiserver';
import type { StoredObject, WatchEvent } from '../../api/types';
import { controllerRefOf } from './owners';
import { isPodActive, isPodReady } from './pods';

const ACTIVE = 1;
const READY = 2;
const LABELED = 4;
const ACTIVE_INDEX = 'controllers:active-pods-by-controller';
const INACTIVE: string[] = [];
const ownerLists = new WeakMap<object, string[]>();

export interface OwnerPodStats {
  active: number;
  ready: number;
  fullyLabeled: number;
}

interface Entry {
  stats: OwnerPodStats;
  flags: Map<string, number>;
}

/** Template labels of a pod's controller, to count "fully labelled" pods (ReplicaSets only). */
type TemplateLabels = (
  pod: StoredObject,
  ownerKind: string,
  ownerName: string,
) => Record<string, string> | undefined;

export class PodTracker {
  private byOwner = new Map<string, Entry>();

  constructor(
    private readonly api: ApiServer,
    private readonly templateLabels: TemplateLabels,
  ) {
    api.store.addIndex(ACTIVE_INDEX, 'pods', (p) => {
      const ref = controllerRefOf(p);
      if (!ref || !isPodActive(p)) return INACTIVE;
      // One list per owner reference object (shared by a batch of pods and all their versions).
      let list = ownerLists.get(ref);
      if (!list) {
        list = [ref.uid];
        ownerLists.set(ref, list);
      }
      return list;
    });
    api.watch('pods', undefined, (e) => this.onPod(e));
    for (const p of api.store.list('pods')) this.add(p);
  }

  static for(api: ApiServer, services: Map<string, unknown>): PodTracker {
    let t = services.get('pod-tracker') as PodTracker | undefined;
    if (!t) {
      t = new PodTracker(api, (pod, kind, name) => {
        if (kind !== 'ReplicaSet') return undefined;
        return api.store.get('replicasets.apps', pod.metadata.namespace, name)?.spec?.template?.metadata
          ?.labels;
      });
      services.set('pod-tracker', t);
    }
    return t;
  }

  stats(ownerUid: string): OwnerPodStats {
    return this.byOwner.get(ownerUid)?.stats ?? { active: 0, ready: 0, fullyLabeled: 0 };
  }

  /** The owner's active pods (neither finished nor terminating). */
  activePods(ownerUid: string): StoredObject[] {
    return this.api.store.byIndex(ACTIVE_INDEX, ownerUid);
  }

  /** Count an owner's pods again (after its template labels changed). */
  recount(ownerUid: string): void {
    this.byOwner.delete(ownerUid);
    for (const p of this.api.dependents(ownerUid))
      if (p.kind === 'Pod' && controllerRefOf(p)?.uid === ownerUid) this.add(p);
  }

  private onPod(e: WatchEvent): void {
    const old = e.old;
    if (
      e.type === 'MODIFIED' &&
      old &&
      old.metadata.ownerReferences === e.object.metadata.ownerReferences &&
      old.metadata.labels === e.object.metadata.labels &&
      this.restate(e.object)
    )
      return;
    if (old) this.remove(old);
    if (e.type !== 'DELETED') this.add(e.object);
  }

  /**
   * A write that kept the pod's owner and labels (a status write, the common case): only whether it is
   * active and ready can have changed, so the labelled bit carries over. False when the pod was not
   * counted before (the full path decides then).
   */
  private restate(pod: StoredObject): boolean {
    const ref = controllerRefOf(pod);
    if (!ref) return true;
    const entry = this.byOwner.get(ref.uid);
    const name = pod.metadata.name;
    const before = entry?.flags.get(name);
    if (!entry || before === undefined) return false;
    if (!isPodActive(pod)) {
      entry.flags.delete(name);
      this.adjust(entry, before, -1);
      if (entry.flags.size === 0) this.byOwner.delete(ref.uid);
      return true;
    }
    const after = ACTIVE | (isPodReady(pod) ? READY : 0) | (before & LABELED);
    if (after !== before) {
      entry.flags.set(name, after);
      this.adjust(entry, before, -1);
      this.adjust(entry, after, 1);
    }
    return true;
  }

  private flagsOf(pod: StoredObject, kind: string, name: string): number {
    if (!isPodActive(pod)) return 0;
    let f = ACTIVE;
    if (isPodReady(pod)) f |= READY;
    const want = this.templateLabels(pod, kind, name);
    const labels = pod.metadata.labels ?? {};
    let labeled = true;
    if (want) for (const k in want) if (labels[k] !== want[k]) labeled = false;
    if (labeled) f |= LABELED;
    return f;
  }

  private add(pod: StoredObject): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const flags = this.flagsOf(pod, ref.kind, ref.name);
    if (!flags) return;
    let entry = this.byOwner.get(ref.uid);
    if (!entry) {
      entry = { stats: { active: 0, ready: 0, fullyLabeled: 0 }, flags: new Map() };
      this.byOwner.set(ref.uid, entry);
    }
    const key = pod.metadata.name;
    if (entry.flags.has(key)) this.adjust(entry, entry.flags.get(key)!, -1);
    entry.flags.set(key, flags);
    this.adjust(entry, flags, 1);
  }

  private remove(pod: StoredObject): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const entry = this.byOwner.get(ref.uid);
    const flags = entry?.flags.get(pod.metadata.name);
    if (!entry || flags === undefined) return;
    entry.flags.delete(pod.metadata.name);
    this.adjust(entry, flags, -1);
    if (entry.flags.size === 0) this.byOwner.delete(ref.uid);
  }

  private adjust(entry: Entry, flags: number, by: number): void {
    if (flags & ACTIVE) entry.stats.active += by;
    if (flags & READY) entry.stats.ready += by;
    if (flags & LABELED) entry.stats.fullyLabeled += by;
  }
}
