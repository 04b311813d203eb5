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
  state: ContainerRt['state'] = { waiting: { reason: 'ContainerCreating' } };
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

  constructor(
    public spec: any,
    initList: boolean,
  ) {
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
  const init = ((pod.spec?.initContainers ?? []) as unknown[]).map((s) => new ContainerRecord(s, true));
  const app = ((pod.spec?.containers ?? []) as unknown[]).map((s) => new ContainerRecord(s, false));
  const initial = { waiting: { reason: init.length ? 'PodInitializing' : 'ContainerCreating' } };
  for (const c of [...init, ...app]) c.state = initial;
  return { init, app };
}

const HEX = '0123456789abcdef';
const PREFIX = 'containerd://';

/**
 * `containerd://<64 hex>`, drawing from the RNG exactly as `rng.hex(64)` does but built as one flat
 * string: a string grown a character at a time is a 64-deep rope (~1.7 KB) that every container
 * status would keep alive.
 */
export function containerdID(rng: { next(): number }): string {
  const codes = new Array<number>(PREFIX.length + 64);
  for (let i = 0; i < PREFIX.length; i++) codes[i] = PREFIX.charCodeAt(i);
  for (let i = 0; i < 64; i++) codes[PREFIX.length + i] = HEX.charCodeAt(Math.floor(rng.next() * 16));
  return String.fromCharCode(...codes);
}
