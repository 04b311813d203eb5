/** The kubelet's first view of a pod's containers: all waiting, nothing created yet. */
import type { ContainerRt, PodRt } from './types';

/**
 * One container as the runtime knows it. A class, so every record shares one shape with its fields
 * in-object and the `fs` accessor on the prototype (a large cluster holds one per container).
 */
class ContainerRecord implements ContainerRt {
  name: string;
  init: boolean;
  sidecar: boolean;
  restartCount = 0;
  state: ContainerRt['state'];
  lastState: ContainerRt['lastState'] = undefined;
  containerID: string | undefined = undefined;
  image: ContainerRt['image'] = undefined;
  ready = false;
  started = false;
  everCreated = false;
  finishedAtMs: number | undefined = undefined;
  proc: ContainerRt['proc'] = undefined;
  env: Record<string, string> | undefined = undefined;
  logs: ContainerRt['logs'] = [];
  serverState: ContainerRt['serverState'] = { hung: false, requests: 0 };
  redefined: boolean | undefined = undefined;
  fsInit: ContainerRt['fsInit'] = undefined;
  fsBuilt: ContainerRt['fsBuilt'] = undefined;
  lastStatus: ContainerRt['lastStatus'] = undefined;
  lastStatusMounts: unknown = undefined;

  constructor(
    public spec: any,
    initList: boolean,
    state: ContainerRt['state'],
  ) {
    this.state = state;
    this.name = spec.name;
    this.init = initList && spec.restartPolicy !== 'Always';
    this.sidecar = initList && spec.restartPolicy === 'Always';
  }

  /** Assembled on first use (exec, a server reading its config, a hook): most are never looked into. */
  get fs(): ContainerRt['fsBuilt'] {
    if (!this.fsBuilt && this.fsInit) {
      this.fsBuilt = this.fsInit();
      this.fsInit = undefined;
    }
    return this.fsBuilt;
  }

  set fs(v: ContainerRt['fsBuilt']) {
    this.fsBuilt = v;
    this.fsInit = undefined;
  }
}

/** Seed initial container states for a freshly seen pod. */
export function initialContainers(pod: PodRt['pod']): { init: ContainerRt[]; app: ContainerRt[] } {
  const initSpecs = (pod.spec?.initContainers ?? []) as unknown[];
  const appSpecs = (pod.spec?.containers ?? []) as unknown[];
  // One waiting state shared by all of them (states are replaced, never changed).
  const initial = { waiting: { reason: initSpecs.length ? 'PodInitializing' : 'ContainerCreating' } };
  const init: ContainerRt[] = [];
  for (const s of initSpecs) init.push(new ContainerRecord(s, true, initial));
  const app: ContainerRt[] = [];
  for (const s of appSpecs) app.push(new ContainerRecord(s, false, initial));
  return { init, app };
}

const HEX = '0123456789abcdef';
/** The 256 two-digit hex strings, by byte value. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => HEX[b >> 4] + HEX[b & 15]);
/** The prefix then 32 pairs, joined into the ID (reused: the function does not re-enter). */
const idParts: string[] = ['containerd://'];

/**
 * `containerd://<64 hex>`, drawing from the RNG exactly as `rng.hex(64)` does (one draw per digit, in
 * order) but built as one flat string by a join: a string grown a character at a time is a 64-deep rope
 * (~1.7 KB) that every container status would keep alive.
 */
export function containerdID(rng: { next(): number }): string {
  for (let i = 1; i <= 32; i++) {
    const high = Math.floor(rng.next() * 16);
    const low = Math.floor(rng.next() * 16);
    idParts[i] = HEX_PAIRS[(high << 4) | low];
  }
  return idParts.join('');
}
