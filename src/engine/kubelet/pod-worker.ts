/**
 * One pod's lifecycle on its node, as the kubelet's pod worker and kuberuntime drive it: sandbox and
 * volumes, init containers in order, then each container (pull, create, start), restarts with back-off
 * per restartPolicy, and graceful termination when the pod is deleted.
 */
import type { ResolvedImage } from '../images/catalog';
import { bytes } from '../scheduler/resources';
import { isoSeconds } from '../sim/clock';
import type { Agent } from './agent';
import { resolveEnv } from './config';
import { containerdID, initialContainers } from './containers';
import { containerEnv } from './env-object';
import { ContainerFs } from './fs';
import { goDuration } from './godur';
import { ensureImage } from './image-step';
import { LogBuffer } from './logs';
import { ContainerProcess, type ExitInfo } from './process';
import { programOf } from './program';
import { runToEnd, Shell } from './shell/run';
import { abandonPod, checkPodTerminated, terminatePod } from './termination';
import { type ContainerRt, containerKey, type PodRt, type TerminatedState } from './types';
import { checkVolumes, containerMounts, podVolumes } from './volumes';

/** `list` with `item` added: a one-item list for the first (an array grown from empty reserves 16 slots). */
function added<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

export class PodWorker {
  constructor(
    readonly rt: PodRt,
    readonly a: Agent,
  ) {}

  get now(): number {
    return this.a.ctx.clock.now();
  }

  iso(ms = this.now): string {
    return isoSeconds(ms);
  }

  /** Run `fn` later unless the pod is gone; pending timers are kept so abandoning the pod cancels them. */
  after(ms: number, label: string, fn: () => void): void {
    const tasks = this.rt.tasks;
    const t = this.a.ctx.clock.after(ms, label, () => {
      // Removed in place (splice makes an array of the removed items).
      const i = tasks.indexOf(t);
      if (i >= 0) {
        for (let j = i + 1; j < tasks.length; j++) tasks[j - 1] = tasks[j];
        tasks.pop();
      }
      if (!this.rt.gone) fn();
    });
    tasks.push(t);
  }

  /** Sync again at `ms` from now (keeping only the earliest pending one). */
  syncAfter(ms: number): void {
    const at = this.now + ms;
    const pending = this.rt.nextSync;
    if (pending && !pending.cancelled && pending.atMs >= this.now && pending.atMs <= at) return;
    if (pending) pending.cancelled = true;
    this.rt.nextSync = this.a.ctx.clock.at(at, 'kubelet:sync', () => {
      this.rt.nextSync = undefined;
      if (!this.rt.gone) this.sync();
    });
  }

  /**
   * The pod's spec changed (only images may change on a pod): containers whose image changed are
   * killed and started again with the new one, without back-off.
   */
  specChanged(): void {
    const rt = this.rt;
    const specs = [
      ...((rt.pod.spec?.initContainers ?? []) as { name: string; image: string }[]),
      ...((rt.pod.spec?.containers ?? []) as { name: string; image: string }[]),
    ];
    for (const c of [...rt.init, ...rt.app]) {
      const next = specs.find((s) => s.name === c.name);
      if (!next || next.image === c.spec.image) continue;
      c.spec = next;
      c.image = undefined;
      c.redefined = true;
      if (c.proc && !c.proc.exited) {
        this.a.record(
          rt,
          c,
          'Normal',
          'Killing',
          `Container ${c.name} definition changed, will be restarted`,
        );
        c.proc.stop((rt.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
      }
    }
  }

  /** Level-triggered: look at the containers and take the next step. */
  sync(): void {
    const rt = this.rt;
    if (rt.gone || rt.terminal || rt.terminating || rt.busy) return;
    if (rt.sandbox === 'none') {
      this.createSandbox();
      return;
    }
    if (rt.sandbox !== 'ready') return;
    const policy = rt.pod.spec?.restartPolicy ?? 'Always';
    // Init containers, one at a time, in order (sidecars start and keep running).
    for (const c of rt.init) {
      if (c.sidecar) {
        if ('running' in c.state && c.started) continue;
        if ('running' in c.state) return;
        this.startOrBackOff([c]);
        return;
      }
      if ('terminated' in c.state && c.state.terminated.exitCode === 0) continue;
      if ('running' in c.state) return;
      if (('terminated' in c.state || c.lastState) && policy === 'Never') {
        this.a.markDirty(rt);
        this.finish();
        return;
      }
      this.startOrBackOff([c]);
      return;
    }
    let toStart: ContainerRt[] | undefined;
    let allTerminated = true;
    let allOk = true;
    for (const c of rt.app) {
      if (this.needsStart(c, policy)) toStart = added(toStart, c);
      if (!('terminated' in c.state)) {
        allTerminated = false;
        allOk = false;
      } else if (c.state.terminated.exitCode !== 0) allOk = false;
    }
    if (toStart) {
      this.startOrBackOff(toStart);
      return;
    }
    if (allTerminated && policy !== 'Always' && (policy === 'Never' || allOk)) {
      this.finish();
      return;
    }
    this.a.markDirty(rt);
  }

  private needsStart(c: ContainerRt, policy: string): boolean {
    if ('running' in c.state) return false;
    if (!c.everCreated || c.redefined) return true;
    if ('terminated' in c.state || c.lastState) {
      const code = 'terminated' in c.state ? c.state.terminated.exitCode : c.lastState!.exitCode;
      return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    }
    return true;
  }

  private createSandbox(): void {
    const rt = this.rt;
    const vol = checkVolumes(this.a.ctx.api, rt.pod);
    if (!vol.ok) {
      this.a.record(rt, undefined, 'Warning', 'FailedMount', vol.message);
      this.a.markDirty(rt);
      this.syncAfter(rt.mountRetryMs);
      rt.mountRetryMs = Math.min(rt.mountRetryMs * 2, 122_000);
      return;
    }
    rt.sandbox = 'creating';
    this.after(this.a.rng.int(350, 900), 'kubelet:sandbox', () => {
      rt.sandbox = 'ready';
      rt.ip = rt.pod.spec?.hostNetwork ? this.a.hostIP : this.a.allocateIP(rt);
      rt.volumes = podVolumes(
        this.a.ctx.api,
        () => rt.pod,
        () => this.a.facts(rt),
        this.a.volumeStores,
        this.a.nodeName,
      );
      // No status write here: the real kubelet creates the sandbox, pulls and starts the containers in one
      // SyncPod, and only the next sync reports the pod IP, with the containers' new state (Running, or
      // ErrImagePull...). A pod waiting on a pull shows no IP until then.
      this.sync();
    });
  }

  /** Start containers in order, skipping those still in crash back-off. */
  private startOrBackOff(cs: ContainerRt[]): void {
    const rt = this.rt;
    let ready: ContainerRt[] | undefined;
    let backedOff = false;
    for (const c of cs) {
      const last = 'terminated' in c.state ? c.state.terminated : undefined;
      if (c.redefined) {
        c.redefined = false;
        ready = added(ready, c);
        continue;
      }
      if (last && c.finishedAtMs !== undefined) {
        const key = containerKey(rt, c);
        if (this.a.crashBackoff.inBackOffSince(key, c.finishedAtMs, this.now)) {
          const delay = this.a.crashBackoff.delay(key);
          const podRef = `${rt.name}_${rt.namespace}(${rt.uid})`;
          c.lastState = last;
          backedOff = true;
          c.state = {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${podRef}`,
            },
          };
          this.a.record(
            rt,
            c,
            'Warning',
            'BackOff',
            `Back-off restarting failed container ${c.name} in pod ${podRef}`,
          );
          this.syncAfter(this.a.crashBackoff.until(key, c.finishedAtMs) - this.now);
          continue;
        }
        this.a.crashBackoff.next(key, c.finishedAtMs);
      } else if (
        'waiting' in c.state &&
        c.state.waiting.reason === 'CrashLoopBackOff' &&
        c.finishedAtMs !== undefined
      ) {
        const key = containerKey(rt, c);
        if (this.a.crashBackoff.inBackOffSince(key, c.finishedAtMs, this.now)) {
          this.syncAfter(this.a.crashBackoff.until(key, c.finishedAtMs) - this.now);
          continue;
        }
        this.a.crashBackoff.next(key, c.finishedAtMs);
      }
      ready = added(ready, c);
    }
    // Containers about to start are reported when their start sequence ends; a container entering
    // back-off is reported now.
    if (backedOff || !ready) this.a.markDirty(rt);
    if (!ready) return;
    rt.busy = true;
    this.startFrom(ready, 0);
  }

  /** Start `ready[i]`, then the ones after it, one at a time; the pod is reported when the sequence ends. */
  private startFrom(ready: ContainerRt[], i: number): void {
    const rt = this.rt;
    if (rt.gone || rt.terminating) {
      rt.busy = false;
      return;
    }
    if (i >= ready.length) {
      rt.busy = false;
      this.a.markDirty(rt);
      return;
    }
    this.startContainer(ready[i], () => this.startFrom(ready, i + 1));
  }

  /** kuberuntime startContainer: pull, create (config), start. Calls `next` when done or failed. */
  private startContainer(c: ContainerRt, next: () => void): void {
    ensureImage(this, c, next, (image) => this.createAndStart(c, image, next));
  }

  createAndStart(c: ContainerRt, image: ResolvedImage, next: () => void): void {
    const rt = this.rt;
    const env = resolveEnv(this.a.ctx.api, rt.pod, c.spec, () => this.a.facts(rt));
    if (!env.ok) {
      if ('terminated' in c.state) c.lastState = c.state.terminated;
      c.state = { waiting: { reason: 'CreateContainerConfigError', message: env.message } };
      this.a.record(rt, c, 'Warning', 'Failed', `Error: ${env.message}`);
      this.a.markDirty(rt);
      this.syncAfter(this.a.rng.int(8_000, 12_000));
      next();
      return;
    }
    const fullEnv = containerEnv(image.profile.env, rt.pod.spec?.hostname ?? rt.name, env.value);
    this.after(this.a.rng.int(20, 80), 'kubelet:create', () => {
      if (rt.terminating) return next();
      // A new container instance: the previous one becomes lastState.
      if ('terminated' in c.state) c.lastState = c.state.terminated;
      if (c.everCreated) c.restartCount++;
      c.everCreated = true;
      c.image = image;
      c.containerID = containerdID(this.a.rng);
      // The logs of this instance and the one before (a new two-item list: one grown by push from empty
      // reserves sixteen slots, kept by every container).
      const logs = c.logs;
      c.logs = logs.length ? [logs[logs.length - 1], new LogBuffer()] : [new LogBuffer()];
      c.serverState = { hung: false, requests: 0 };
      this.a.record(rt, c, 'Normal', 'Created', `Created container: ${c.name}`);
      this.after(this.a.rng.int(30, 120), 'kubelet:start', () => this.start(c, image, fullEnv, next));
    });
  }

  private start(c: ContainerRt, image: ResolvedImage, env: Record<string, string>, next: () => void): void {
    const rt = this.rt;
    if (rt.terminating) {
      next();
      return;
    }
    const { program, args } = programOf(image.profile, c.spec);
    if (program.kind === 'start-error') {
      this.a.record(rt, c, 'Warning', 'Failed', `Error: ${program.message}`);
      this.exited(
        c,
        { exitCode: 128, reason: 'Error' },
        { reason: 'StartError', message: program.message, startedAt: '1970-01-01T00:00:00Z' },
      );
      next();
      return;
    }
    const volumes = rt.volumes ?? new Map();
    // A new instance gets a fresh writable layer, built when first used.
    c.fs = undefined;
    c.fsInit = () =>
      new ContainerFs(image.profile.files, [...containerMounts(c.spec, volumes), ...this.a.managedFiles(rt)]);
    const limit = bytes(c.spec.resources?.limits?.memory);
    const logs = c.logs[c.logs.length - 1];
    const proc = new ContainerProcess({
      clock: this.a.ctx.clock,
      program,
      logs,
      server: this.a.serverContext(rt, c, env, args),
      // Bound functions rather than arrows assigned to named properties: a dev-mode transform (tsx, with
      // keepNames) gives each such closure its own `name` property store, ~0.25 KB per container.
      shellHost: this.a.shellHost.bind(this.a, rt, c, env),
      memoryLimit: limit,
      baseMemory: image.profile.baseMemoryBytes ?? 512 * 1024,
      extraStartupMs: this.a.extraStartupMs(rt),
      stdin: c.spec.stdin === true,
      onExit: this.exited.bind(this, c),
    });
    c.proc = proc;
    c.env = env;
    c.state = { running: { startedAt: this.iso() } };
    c.started = !c.spec.startupProbe;
    c.ready = false;
    this.a.record(rt, c, 'Normal', 'Started', `Started container ${c.name}`);
    proc.start();
    this.postStart(c);
    this.a.containerStarted(rt, c);
    this.a.markDirty(rt);
    next();
  }

  private postStart(c: ContainerRt): void {
    const hook = c.spec.lifecycle?.postStart;
    if (!hook?.exec?.command || !c.proc || !c.fs) return;
    const code = this.execIn(c, hook.exec.command);
    if (code !== 0) {
      this.a.record(this.rt, c, 'Warning', 'FailedPostStartHook', `PostStartHook failed`);
      this.killContainer(c, `FailedPostStartHook`, 0);
    }
  }

  /** Run a command in a running container (hooks, exec probes); returns the exit code. */
  execIn(c: ContainerRt, argv: string[], out?: (t: string) => void): number {
    const sh = new Shell(this.a.shellHost(this.rt, c, c.env ?? {}), {
      stdout: out ?? (() => {}),
      stderr: out ?? (() => {}),
    });
    return runToEnd(sh.runArgv(argv));
  }

  /** The process ended (or never started: StartError). */
  exited(c: ContainerRt, info: ExitInfo, override?: Partial<TerminatedState>): void {
    const rt = this.rt;
    const startedAt = 'running' in c.state ? c.state.running.startedAt : this.iso();
    c.state = {
      terminated: {
        exitCode: info.exitCode,
        reason: info.reason,
        startedAt,
        finishedAt: this.iso(),
        containerID: c.containerID,
        ...override,
      },
    };
    c.finishedAtMs = this.now;
    c.ready = c.init && info.exitCode === 0 && !override;
    c.started = false;
    c.logs[c.logs.length - 1]?.close();
    this.a.containerStopped(rt, c);
    this.a.markDirty(rt);
    if (rt.terminating) {
      this.checkTerminated();
      return;
    }
    // PLEG notices the exit on its next relist.
    this.syncAfter(this.a.rng.int(300, 1000));
  }

  /** Stop a container (liveness/startup failure, fault): the image's stop signal, SIGKILL after the grace period. */
  killContainer(c: ContainerRt, _why: string, graceSeconds: number): void {
    c.proc?.stop(graceSeconds * 1000);
  }

  private finish(): void {
    const rt = this.rt;
    const allOk =
      rt.app.every((c) => 'terminated' in c.state && c.state.terminated.exitCode === 0) &&
      rt.init.every((c) => c.sidecar || ('terminated' in c.state && c.state.terminated.exitCode === 0));
    rt.terminal = allOk ? 'Succeeded' : 'Failed';
    // Sidecars are stopped once the main containers are done.
    for (const c of rt.init)
      if (c.sidecar && c.proc && !c.proc.exited)
        c.proc.stop((rt.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
    // The sandbox goes, and its IP back to the node's pool (status keeps showing it, as the real one does).
    rt.sandbox = 'gone';
    if (rt.ip && !rt.pod.spec?.hostNetwork && !rt.ipReleased) {
      this.a.releaseIP(rt.ip);
      rt.ipReleased = true;
    }
    this.a.markDirty(rt);
  }

  /** The pod has a deletionTimestamp: stop every container within the grace period, then delete it. */
  terminate(): void {
    terminatePod(this);
  }

  checkTerminated(): void {
    checkPodTerminated(this);
  }

  /** The API object is gone (force delete or after our own delete): stop everything now. */
  abandon(): void {
    abandonPod(this);
  }

  /** Seed initial container states for a freshly seen pod. */
  static containers(pod: PodRt['pod']): { init: ContainerRt[]; app: ContainerRt[] } {
    return initialContainers(pod);
  }
}
