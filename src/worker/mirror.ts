/**
 * The worker's side of the UI mirror: listens to every store change, remembers which uids changed since
 * the last frame, and at flush time builds one squashed ViewDiff from the latest state of each. Views
 * equal to what the UI already has are dropped, so a pod whose status update does not change its
 * summary costs nothing on the main thread.
 */
import type { StoredObject, WatchEvent } from '../engine/api/types';
import type { ViewDiff } from '../protocol/diff';
import type { ObjectView } from '../protocol/views';
import { MIRRORED_RESOURCES, type PodStatusFn, toView } from './object-views';
import type { ViewEnv } from './openshift-views';

interface Located {
  resource: string;
  namespace: string | undefined;
  name: string;
}

export class ViewMirror {
  /** uid -> latest object (undefined once deleted) for uids that changed since the last flush. */
  private pending = new Map<string, { resource: string; obj: StoredObject | undefined }>();
  /** What the UI has, by uid, with the JSON we compare against. */
  private sent = new Map<string, { view: ObjectView; json: string }>();
  private where = new Map<string, Located>();

  constructor(
    private readonly podStatus: PodStatusFn,
    /** Build log timing and ImageStream lookups for OpenShift views. */
    private readonly env?: ViewEnv,
  ) {}

  /** Feed one store event (the host subscribes this to `api.store`). */
  onEvent(e: WatchEvent): void {
    if (!(e.resource in MIRRORED_RESOURCES)) return;
    const uid = e.object.metadata.uid;
    this.pending.set(uid, { resource: e.resource, obj: e.type === 'DELETED' ? undefined : e.object });
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Build the squashed diff of everything since the last flush. */
  flush(): ViewDiff {
    const diff: ViewDiff = { added: [], updated: [], removed: [] };
    for (const [uid, { resource, obj }] of this.pending) {
      const had = this.sent.get(uid);
      if (!obj) {
        if (had) {
          diff.removed.push(uid);
          this.sent.delete(uid);
        }
        this.where.delete(uid);
        continue;
      }
      const view = toView(resource, obj, this.podStatus, this.env);
      if (!view) continue;
      this.where.set(uid, { resource, namespace: obj.metadata.namespace, name: obj.metadata.name });
      const json = JSON.stringify(view);
      if (had && had.json === json) continue;
      this.sent.set(uid, { view, json });
      (had ? diff.updated : diff.added).push(view);
    }
    this.pending.clear();
    return diff;
  }

  /** Every mirrored object now (the first message and resyncs); resets what the UI is assumed to have. */
  snapshot(list: (resource: string) => StoredObject[]): ObjectView[] {
    this.pending.clear();
    this.sent.clear();
    this.where.clear();
    const out: ObjectView[] = [];
    for (const resource of Object.keys(MIRRORED_RESOURCES)) {
      for (const obj of list(resource)) {
        const view = toView(resource, obj, this.podStatus, this.env);
        if (!view) continue;
        this.sent.set(view.uid, { view, json: JSON.stringify(view) });
        this.where.set(view.uid, { resource, namespace: obj.metadata.namespace, name: obj.metadata.name });
        out.push(view);
      }
    }
    return out;
  }

  /** Where a uid the UI knows lives in the store (for the inspector). */
  locate(uid: string): Located | undefined {
    return this.where.get(uid);
  }
}
