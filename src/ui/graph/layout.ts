/**
 * A stable, incremental layout: every object gets a slot the first time it is drawn and keeps it until
 * it goes away, so adding one pod never moves the others. Rows (top to bottom): config objects, Ingresses,
 * Services, workloads, ReplicaSets/Jobs, then the machines (Nodes) side by side with their pods in a grid
 * inside. A new ReplicaSet or pod prefers the slot nearest its owner. Dragged objects keep where they
 * were dropped (pinned) until the layout is reset. OpenShift's build chain (builder ImageStreamTags,
 * BuildConfigs, Builds, output ImageStreamTags) runs top-down in a lane left of x = 0, so its last link
 * sits just above the workloads it feeds.
 */
import type { ObjectView, ViewKind } from '../../protocol/views';

export const POD_W = 156;
export const POD_H = 50;
export const POD_GAP = 8;
export const POD_COLS = 2;
export const MACHINE_PAD = 12;
export const MACHINE_HEADER = 40;
export const MACHINE_W = POD_COLS * (POD_W + POD_GAP) - POD_GAP + 2 * MACHINE_PAD;
export const MACHINE_GAP = 28;
export const ROW_SLOT_W = 200;
export const ROW_H = 84;
export const OBJECT_W = 180;
export const OBJECT_H = 50;

export const ROWS: Record<Exclude<ViewKind, 'Pod' | 'Node' | 'Namespace' | 'ImageStream'>, number> = {
  ConfigMap: 0,
  Secret: 0,
  PersistentVolumeClaim: 0,
  Ingress: 1,
  Route: 1,
  Service: 2,
  Deployment: 3,
  StatefulSet: 3,
  DaemonSet: 3,
  CronJob: 3,
  DeploymentConfig: 3,
  ReplicaSet: 4,
  ReplicationController: 4,
  Job: 4,
  // The build lane (x < 0); builder ImageStreamTags go one row above (BUILDER_ROW).
  BuildConfig: 0,
  Build: 1,
  ImageStreamTag: 2,
};
/** Kinds drawn in the build lane, left of the machines. */
export const BUILD_LANE_KINDS: ReadonlySet<string> = new Set(['BuildConfig', 'Build', 'ImageStreamTag']);
/** The build lane's row for ImageStreamTags only builds read (`role: 'builder'`), above BuildConfigs. */
export const BUILDER_ROW = -1;
export const ROW_COUNT = 5;
export const MACHINES_Y = ROW_COUNT * ROW_H + 24;
/** Pods not yet bound to a node wait in this pseudo-machine, drawn after the real ones. */
export const UNSCHEDULED = '__unscheduled__';

/** Sticky slot numbers in one row or machine. */
class Slots {
  private byUid = new Map<string, number>();
  private taken = new Set<number>();

  get(uid: string): number | undefined {
    return this.byUid.get(uid);
  }

  /** The uid's slot, allocating the free one nearest `preferred` (or the lowest) the first time. */
  assign(uid: string, preferred = 0): number {
    const have = this.byUid.get(uid);
    if (have !== undefined) return have;
    let slot = Math.max(0, preferred);
    for (let d = 0; ; d++) {
      if (!this.taken.has(slot + d)) {
        slot = slot + d;
        break;
      }
      if (slot - d >= 0 && !this.taken.has(slot - d)) {
        slot = slot - d;
        break;
      }
    }
    this.byUid.set(uid, slot);
    this.taken.add(slot);
    return slot;
  }

  /** Free the slots of uids not in `keep`. */
  retain(keep: Set<string>): void {
    for (const [uid, slot] of this.byUid) {
      if (!keep.has(uid)) {
        this.byUid.delete(uid);
        this.taken.delete(slot);
      }
    }
  }

  get highest(): number {
    let max = -1;
    for (const s of this.taken) if (s > max) max = s;
    return max;
  }
}

export interface Placed {
  x: number;
  y: number;
}

export interface MachineBox extends Placed {
  uid: string;
  width: number;
  height: number;
}

/** A row object's row (BUILDER_ROW for builder ImageStreamTags) and whether it sits in the build lane. */
export function rowOf(o: ObjectView): { row: number; lane: boolean } {
  if (o.kind === 'ImageStreamTag' && o.role === 'builder') return { row: BUILDER_ROW, lane: true };
  return { row: ROWS[o.kind as keyof typeof ROWS], lane: BUILD_LANE_KINDS.has(o.kind) };
}

/** The build lane's slot s is at x = -(s + 1) slot widths. */
function laneX(slot: number): number {
  return -(slot + 1) * ROW_SLOT_W;
}

export class StableLayout {
  private rows = Array.from({ length: ROW_COUNT }, () => new Slots());
  /** Build lane rows, indexed by row - BUILDER_ROW. */
  private lane = Array.from({ length: ROW_COUNT }, () => new Slots());
  private machines = new Slots();
  private podSlots = new Map<string, Slots>();
  readonly pinned = new Map<string, Placed>();

  /** Forget everything (namespace filter changed, or "reset layout"). */
  reset(): void {
    this.rows = Array.from({ length: ROW_COUNT }, () => new Slots());
    this.lane = Array.from({ length: ROW_COUNT }, () => new Slots());
    this.machines = new Slots();
    this.podSlots = new Map();
    this.pinned.clear();
  }

  pin(uid: string, at: Placed): void {
    this.pinned.set(uid, at);
  }

  /**
   * Place the visible objects. `nodes` are machine views in name order (control plane first), `objects`
   * the row objects, `pods` the visible pods; `machineOf(pod)` is the machine key a pod sits in.
   * `anchors` names, for objects without an owner, the object they prefer to sit near (an output
   * ImageStreamTag near its BuildConfig).
   */
  place(
    machines: string[],
    objects: ObjectView[],
    pods: ObjectView[],
    objectsByUid: ReadonlyMap<string, ObjectView>,
    anchors: ReadonlyMap<string, string> = new Map(),
  ): { boxes: Map<string, MachineBox>; positions: Map<string, Placed>; podParents: Map<string, string> } {
    const keepRows = Array.from({ length: ROW_COUNT }, () => new Set<string>());
    const keepLane = Array.from({ length: ROW_COUNT }, () => new Set<string>());
    for (const o of objects) {
      const { row, lane } = rowOf(o);
      (lane ? keepLane[row - BUILDER_ROW] : keepRows[row]).add(o.uid);
    }
    for (let i = 0; i < ROW_COUNT; i++) {
      this.rows[i].retain(keepRows[i]);
      this.lane[i].retain(keepLane[i]);
    }
    const machineKeys = [...machines];
    if (pods.some((p) => !p.nodeName || !machines.includes(p.nodeName))) machineKeys.push(UNSCHEDULED);
    this.machines.retain(new Set(machineKeys));

    // Machines first: their x positions anchor where workloads prefer to go.
    const boxes = new Map<string, MachineBox>();
    const podsByMachine = new Map<string, ObjectView[]>();
    for (const key of machineKeys) podsByMachine.set(key, []);
    const podParents = new Map<string, string>();
    for (const p of pods) {
      const key = p.nodeName && machines.includes(p.nodeName) ? p.nodeName : UNSCHEDULED;
      podsByMachine.get(key)!.push(p);
      podParents.set(p.uid, key);
    }
    for (const key of [...this.podSlots.keys()]) if (!podsByMachine.has(key)) this.podSlots.delete(key);
    const positions = new Map<string, Placed>();
    for (const key of machineKeys) {
      const slot = this.machines.assign(key, machineKeys.indexOf(key));
      let slots = this.podSlots.get(key);
      if (!slots) {
        slots = new Slots();
        this.podSlots.set(key, slots);
      }
      const list = podsByMachine.get(key)!;
      slots.retain(new Set(list.map((p) => p.uid)));
      for (const p of list) {
        const s = slots.assign(p.uid, slots.get(p.uid) ?? 0);
        positions.set(p.uid, {
          x: MACHINE_PAD + (s % POD_COLS) * (POD_W + POD_GAP),
          y: MACHINE_HEADER + Math.floor(s / POD_COLS) * (POD_H + POD_GAP),
        });
      }
      const rows = Math.max(1, Math.ceil((slots.highest + 1) / POD_COLS));
      const at = this.pinned.get(`machine:${key}`) ?? { x: slot * (MACHINE_W + MACHINE_GAP), y: MACHINES_Y };
      boxes.set(key, {
        uid: key,
        ...at,
        width: MACHINE_W,
        height: MACHINE_HEADER + rows * (POD_H + POD_GAP) - POD_GAP + MACHINE_PAD,
      });
    }

    // Row objects, owners before dependents so a ReplicaSet can sit under its Deployment.
    const ordered = [...objects].sort((a, b) => rowOf(a).row - rowOf(b).row);
    for (const o of ordered) {
      const { row, lane } = rowOf(o);
      const slots = lane ? this.lane[row - BUILDER_ROW] : this.rows[row];
      let preferred = 0;
      const near = positions.get(o.ownerUid ?? anchors.get(o.uid) ?? '');
      if (near) preferred = lane ? Math.round(-near.x / ROW_SLOT_W) - 1 : Math.round(near.x / ROW_SLOT_W);
      else if (objectsByUid.get(o.uid)?.kind === 'Service') preferred = 0;
      const slot = slots.assign(o.uid, preferred);
      const x = lane ? laneX(slot) : slot * ROW_SLOT_W;
      positions.set(o.uid, this.pinned.get(o.uid) ?? { x, y: row * ROW_H });
    }
    return { boxes, positions, podParents };
  }
}
