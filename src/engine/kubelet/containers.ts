/** The kubelet's first view of a pod's containers: all waiting, nothing created yet. */
import type { ContainerRt, PodRt } from './types';

/** Seed initial container states for a freshly seen pod. */
export function initialContainers(pod: PodRt['pod']): { init: ContainerRt[]; app: ContainerRt[] } {
  const mk = (spec: any, init: boolean): ContainerRt => ({
    name: spec.name,
    spec,
    init: init && spec.restartPolicy !== 'Always',
    sidecar: init && spec.restartPolicy === 'Always',
    restartCount: 0,
    state: { waiting: { reason: 'ContainerCreating' } },
    ready: false,
    started: false,
    everCreated: false,
    logs: [],
    serverState: { hung: false, requests: 0 },
    // Every field present from the start: one object shape for all containers, its fields in-object.
    lastState: undefined,
    containerID: undefined,
    image: undefined,
    finishedAtMs: undefined,
    proc: undefined,
    env: undefined,
    redefined: undefined,
    fsInit: undefined,
    fsBuilt: undefined,
    // The file system view is assembled on first use (exec, a server reading its config, a hook): most
    // containers of a large cluster are never looked into.
    get fs() {
      if (!this.fsBuilt && this.fsInit) {
        this.fsBuilt = this.fsInit();
        this.fsInit = undefined;
      }
      return this.fsBuilt;
    },
    set fs(v) {
      this.fsBuilt = v;
      this.fsInit = undefined;
    },
  });
  const init = ((pod.spec?.initContainers ?? []) as unknown[]).map((s) => mk(s, true));
  const app = ((pod.spec?.containers ?? []) as unknown[]).map((s) => mk(s, false));
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
