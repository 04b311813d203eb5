/**
 * The engine host: one cluster, its shell, the UI mirror and the time controls. It has no Worker or DOM
 * dependencies (the worker entry feeds it frames and messages), so tests drive it directly.
 *
 * Time: each frame advances the virtual clock by speed x real elapsed time, within a budget of engine
 * work and only once the page has painted the last diff (pacing.ts). Commands run at the current virtual
 * instant and are followed by `settle()`; both are appended to the replay log.
 */

import type { LabFiles, Shell } from '../cli/types';
import type { Cluster } from '../engine/cluster';
import { evaluateCheck } from '../lessons/checks';
import { engineWorld } from '../lessons/engine-world';
import type { LearnerAction, StepCheck } from '../lessons/types';
import { isEmptyDiff } from '../protocol/diff';
import type {
  ClockState,
  ClusterProfile,
  Command,
  Fault,
  ReplyValue,
  WorkerMessage,
} from '../protocol/messages';
import { SPEEDS, STEP_MS } from '../protocol/messages';
import { applyFault } from './faults';
import { inspectObject } from './inspect';
import { MeshTracker } from './mesh';
import { ViewMirror } from './mirror';
import type { PodStatusFn } from './object-views';
import { viewEnvFor } from './openshift-views';
import { Pacer } from './pacing';
import type { LabSave, LogEntry } from './replay-log';
import { OutputStreams, runReply } from './streams';
import { TrafficTracker } from './traffic';
import { validateManifests } from './validate';

export interface HostDeps {
  createCluster(opts: { seed: number; workers: number; profile: ClusterProfile }): Cluster;
  createShell(cluster: Cluster, opts: { files: LabFiles }): Shell;
  /** The CLI's pod STATUS text for this cluster. */
  podStatus(cluster: Cluster): PodStatusFn;
  post(msg: WorkerMessage): void;
  /** Persist the session (called after every logged input and when the clock moved on). */
  save?(state: LabSave): void;
  /** Wait for the page's `ack` of each diff before posting the next (the worker turns this on). */
  flowControl?: boolean;
  /** The editor's JSON schema for the kinds this cluster serves. */
  schema?(cluster: Cluster): Record<string, unknown>;
  /** Real time in ms (the worker's performance.now): bounds the engine work of one frame. Without it,
   * a frame always advances the whole of its virtual time (tests, the script runner). */
  now?(): number;
}

export const DEFAULT_WORKERS = 3;
export const DEFAULT_SEED = 1;
/** Without an ack for this long (real ms), post anyway: the page may have missed one. */
export const ACK_TIMEOUT_MS = 2000;
export { FRAME_BUDGET_MS, MAX_FRAME_MS, SLICE_MS } from './pacing';

export class EngineHost {
  cluster!: Cluster;
  private shell!: Shell;
  /** A second shell for the inspector, so its `get -o yaml` / `describe` do not enter the user's history. */
  private inspectShell!: Shell;
  private mirror!: ViewMirror;
  private unsubscribe?: () => void;
  private files = new Map<string, string>();
  private filesLogged = '{}';
  private log: LogEntry[] = [];
  /** The learner's commands (not scenario setup), for lesson checks. */
  private actions: LearnerAction[] = [];
  private seed = DEFAULT_SEED;
  private workers = DEFAULT_WORKERS;
  private profile: ClusterProfile = 'kubernetes';
  private readonly pacer: Pacer;
  private seq = 0;
  private lastSentSecond = -1;
  private controlsChanged = false;
  /** The terminal's namespace as last sent (`oc project x` changes it without touching any object). */
  private lastNamespace = '';
  private savedAtMs = -1;
  private traffic = new TrafficTracker();
  /** The Mesh view's telemetry (posts only while the page has the view open). */
  private readonly mesh = new MeshTracker();
  /** Sequence number of the posted message not yet acknowledged, with the real time waited so far. */
  private unacked?: number;
  private flushQueued = false;
  private waitedMs = 0;

  private readonly streams: OutputStreams;

  constructor(private readonly deps: HostDeps) {
    this.streams = new OutputStreams((msg) => deps.post(msg));
    this.pacer = new Pacer(deps.now);
  }

  /** Start fresh or from a saved session (replaying its log), then send the first snapshot. */
  boot(saved?: LabSave): void {
    if (saved) {
      this.startCluster(saved.seed, saved.workers, saved.profile ?? 'kubernetes');
      this.replay(saved);
    } else {
      this.startCluster(DEFAULT_SEED, DEFAULT_WORKERS, 'kubernetes');
    }
    this.sendSnapshot();
  }

  get state(): LabSave {
    return {
      version: 1,
      seed: this.seed,
      workers: this.workers,
      profile: this.profile,
      nowMs: this.cluster.clock.now(),
      log: this.log,
    };
  }

  get sequence(): number {
    return this.seq;
  }

  /**
   * One animation frame: move virtual time, then post at most one diff. While the page has not yet
   * painted the last diff, time stands still: the simulation never runs ahead of what the learner sees,
   * so each diff holds a frame or two of changes and a busy page is not handed ever larger ones.
   */
  tick(realElapsedMs: number): void {
    if (this.unacked !== undefined) {
      this.waitedMs += realElapsedMs;
      if (this.waitedMs >= ACK_TIMEOUT_MS) this.unacked = undefined;
    }
    const advance = (ms: number) => this.cluster.advance(ms);
    if (this.pacer.frame(realElapsedMs, this.unacked !== undefined, advance, () => this.cluster.clock.now()))
      this.controlsChanged = true;
    this.flush();
    this.mesh.tick(realElapsedMs, (m) => this.deps.post(m));
    // Persist the clock roughly every 2 s of virtual time so a reload lands close to where it was.
    if (this.cluster.clock.now() - this.savedAtMs >= 2000) this.save();
  }

  handle(cmd: Command): undefined {
    switch (cmd.type) {
      case 'run':
        this.reply(cmd.id, this.runLine(cmd.id, cmd.line, cmd.stdin));
        return this.flushSoon();
      case 'stop-stream':
        this.streams.stop(cmd.id);
        return;
      case 'complete':
        return this.reply(cmd.id, {
          kind: 'complete',
          completions: this.shell.complete(cmd.line, cmd.cursor),
        });
      case 'apply':
        this.files.set(cmd.path, cmd.content);
        this.reply(cmd.id, this.runLine(cmd.id, `kubectl apply -f ${shellQuote(cmd.path)}`));
        return this.flushSoon();
      case 'validate':
        return this.reply(cmd.id, {
          kind: 'validate',
          issues: validateManifests(this.cluster.api, cmd.content),
        });
      case 'set-files':
        this.files = new Map(Object.entries(cmd.files));
        return;
      case 'set-speed':
        if ((SPEEDS as readonly number[]).includes(cmd.speed)) this.pacer.setSpeed(cmd.speed);
        this.controlsChanged = true;
        return;
      case 'pause':
      case 'play':
        this.pacer.setPaused(cmd.type === 'pause');
        this.controlsChanged = true;
        return;
      case 'step':
        this.cluster.advance(STEP_MS);
        this.controlsChanged = true;
        return this.flushSoon();
      case 'fault':
        this.reply(cmd.id, this.fault(cmd.fault));
        return this.flushSoon();
      case 'reset':
        this.streams.stopAll();
        this.startCluster(
          cmd.options?.seed ?? this.seed,
          cmd.options?.workers ?? this.workers,
          cmd.options?.profile ?? this.profile,
        );
        this.save();
        this.sendSnapshot();
        return this.reply(cmd.id, { kind: 'ok' });
      case 'resync':
        return this.sendSnapshot();
      case 'ack':
        if (this.unacked !== undefined && cmd.seq >= this.unacked) this.unacked = undefined;
        return;
      case 'inspect': {
        const where = this.mirror.locate(cmd.uid);
        const result = where
          ? inspectObject(this.inspectShell, where, this.cluster)
          : { found: false, yaml: '', describe: '', events: '' };
        return this.reply(cmd.id, { kind: 'inspect', result });
      }
      case 'load-scenario': {
        const { scenario } = cmd;
        this.streams.stopAll();
        this.startCluster(scenario.seed, scenario.workers, scenario.profile ?? 'kubernetes');
        for (const run of scenario.runs) {
          const t = this.cluster.clock.now();
          this.record({
            t,
            op: 'run',
            line: run.line,
            ...(run.stdin !== undefined ? { stdin: run.stdin } : {}),
            setup: true,
          });
        }
        if (scenario.settleMs > 0) this.cluster.advance(scenario.settleMs);
        this.save();
        this.sendSnapshot();
        return this.reply(cmd.id, { kind: 'ok' });
      }
      case 'check': {
        const world = engineWorld(
          this.cluster.ctx,
          this.actions.filter((a) => a.atMs >= cmd.sinceMs),
          cmd.sinceMs,
        );
        const result = evaluateCheck(cmd.check as StepCheck, world);
        return this.reply(cmd.id, { kind: 'check', passed: result.passed, missing: result.missing });
      }
      case 'schemas':
        return this.reply(cmd.id, {
          kind: 'schemas',
          bundle: { schema: this.deps.schema?.(this.cluster) ?? null },
        });
      case 'mesh-watch':
        this.mesh.watch(cmd.open, cmd.focus);
        return;
    }
  }

  /**
   * After a command: post what it changed at the end of the current task rather than at the next frame
   * (up to 16 ms later), still squashing whatever else runs in the same task.
   */
  private flushSoon(): undefined {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /** Post the squashed diff of everything since the last frame (skipped when nothing visible changed). */
  flush(): void {
    // Changes keep accumulating (squashed) in the mirror until the page has caught up.
    if (this.unacked !== undefined) return;
    const diff = this.mirror.flush();
    const clock = this.clockState();
    const second = Math.floor(clock.nowMs / 1000);
    const traffic = this.traffic.collect(this.cluster);
    const namespaceChanged = clock.namespace !== this.lastNamespace;
    if (
      isEmptyDiff(diff) &&
      second === this.lastSentSecond &&
      !this.controlsChanged &&
      !traffic &&
      !namespaceChanged
    )
      return;
    this.lastSentSecond = second;
    this.lastNamespace = clock.namespace;
    this.controlsChanged = false;
    this.deps.post({
      type: 'diff',
      seq: ++this.seq,
      diff,
      clock,
      ...(traffic?.edges ? { traffic: traffic.edges } : {}),
      ...(traffic?.services ? { serviceTraffic: traffic.services } : {}),
    });
    this.awaitAck();
  }

  private startCluster(seed: number, workers: number, profile: ClusterProfile): void {
    this.unsubscribe?.();
    this.seed = seed;
    this.workers = workers;
    this.profile = profile;
    this.log = [];
    this.actions = [];
    this.filesLogged = '{}';
    this.pacer.restart();
    this.cluster = this.deps.createCluster({ seed, workers, profile });
    const files = this.labFiles();
    this.shell = this.deps.createShell(this.cluster, { files });
    this.inspectShell = this.deps.createShell(this.cluster, { files });
    this.mirror = new ViewMirror(this.deps.podStatus(this.cluster), viewEnvFor(this.cluster));
    this.traffic = new TrafficTracker();
    this.mesh.attach(this.cluster);
    this.unsubscribe = this.cluster.api.store.subscribe((e) => this.mirror.onEvent(e));
    this.savedAtMs = -1;
  }

  private replay(saved: LabSave): void {
    const clock = this.cluster.clock;
    for (const entry of saved.log) {
      if (entry.t > clock.now()) this.cluster.advance(entry.t - clock.now());
      this.apply(entry);
    }
    if (saved.nowMs > clock.now()) this.cluster.advance(saved.nowMs - clock.now());
    this.log = [...saved.log];
  }

  /** Run one logged input against the cluster (live and in replay alike). */
  private apply(entry: LogEntry): ReplyValue {
    let reply: ReplyValue;
    if (entry.op === 'files') {
      this.files = new Map(Object.entries(entry.files));
      this.filesLogged = JSON.stringify(entry.files);
      return { kind: 'ok' };
    }
    if (entry.op === 'fault') {
      reply = applyFault(this.cluster, entry.fault);
    } else {
      const result = this.shell.run(entry.line, entry.stdin !== undefined ? { stdin: entry.stdin } : {});
      this.lastRun = result;
      if (!entry.setup)
        this.actions.push({ type: 'command', line: entry.line, exitCode: result.exitCode, atMs: entry.t });
      reply = { kind: 'run', output: result.output, exitCode: result.exitCode, streaming: false };
    }
    this.cluster.settle();
    return reply;
  }

  private lastRun?: ReturnType<Shell['run']>;

  private record(entry: LogEntry): ReplyValue {
    const files = JSON.stringify(Object.fromEntries(this.files));
    if (files !== this.filesLogged) {
      this.log.push({ t: entry.t, op: 'files', files: Object.fromEntries(this.files) });
      this.filesLogged = files;
    }
    this.log.push(entry);
    const reply = this.apply(entry);
    this.save();
    return reply;
  }

  private runLine(id: number, line: string, stdin?: string): ReplyValue {
    const entry: LogEntry = {
      t: this.cluster.clock.now(),
      op: 'run',
      line,
      ...(stdin !== undefined ? { stdin } : {}),
    };
    let reply: ReplyValue;
    try {
      reply = this.record(entry);
    } catch (err) {
      return { kind: 'error', message: (err as Error).message };
    }
    const result = this.lastRun!;
    this.lastRun = undefined;
    const streaming = this.streams.start(id, result);
    return runReply(reply, result, streaming);
  }

  private fault(fault: Fault): ReplyValue {
    try {
      return this.record({ t: this.cluster.clock.now(), op: 'fault', fault });
    } catch (err) {
      return { kind: 'error', message: (err as Error).message };
    }
  }

  private sendSnapshot(): undefined {
    const objects = this.mirror.snapshot((resource) => this.cluster.api.store.list(resource));
    this.controlsChanged = false;
    const clock = this.clockState();
    this.lastSentSecond = Math.floor(clock.nowMs / 1000);
    this.lastNamespace = clock.namespace;
    const traffic = this.traffic.collect(this.cluster, true);
    this.deps.post({
      type: 'snapshot',
      seq: ++this.seq,
      objects,
      clock,
      traffic: traffic?.edges ?? [],
      serviceTraffic: traffic?.services ?? [],
    });
    this.awaitAck();
    return undefined;
  }

  private awaitAck(): void {
    if (!this.deps.flowControl) return;
    this.unacked = this.seq;
    this.waitedMs = 0;
  }

  private clockState(): ClockState {
    const clock = this.cluster.clock;
    return {
      nowMs: clock.now(),
      nowISO: clock.nowISO(),
      paused: this.pacer.paused,
      speed: this.pacer.speed,
      ...(this.pacer.reachedSpeed !== undefined && !this.pacer.paused
        ? { reachedSpeed: this.pacer.reachedSpeed }
        : {}),
      seed: this.seed,
      profile: this.profile,
      namespace: this.shell.currentNamespace?.() ?? 'default',
    };
  }

  private reply(id: number, value: ReplyValue): undefined {
    this.deps.post({ type: 'reply', id, value });
    return undefined;
  }

  private save(): void {
    this.savedAtMs = this.cluster.clock.now();
    this.deps.save?.(this.state);
  }

  private labFiles() {
    return {
      read: (path: string) => this.files.get(path.replace(/^\.\//, '')),
      list: () => [...this.files.keys()].sort(),
    };
  }
}

function shellQuote(s: string): string {
  return /^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
