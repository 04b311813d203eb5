/**
 * The page's handle on the engine worker: typed requests with replies, streams (`get -w`, `logs -f`),
 * and the mirror fed from diffs. One instance per page (`lab`), shared by the terminal, the editor, the
 * controls and the lesson panel.
 */
import type {
  Command,
  Fault,
  InspectResult,
  ReplyValue,
  ResetOptions,
  Scenario,
  SchemaBundle,
  Speed,
  ValidationIssue,
  WorkerMessage,
} from '../../protocol/messages';
import { applyMeshMessage } from '../mesh/mesh-store';
import { applyMessage } from './store';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Request = Extract<Command, { id: number }>;

export interface RunReply {
  output: string;
  exitCode: number;
  /** When true, `onChunk` receives more output until `onEnd`. */
  streaming: boolean;
  openEditor?: { path: string; content: string };
  clear?: boolean;
}

export interface StreamHandlers {
  onChunk(chunk: string): void;
  onEnd(exitCode: number): void;
}

/** Hooks for what a command asks the page to do (open a file in the editor). */
export interface LabListeners {
  openEditor?(path: string, content: string): void;
  /** Every command line that ran (terminal, editor Apply, lesson buttons), with its exit code. */
  commandRan?(line: string, exitCode: number): void;
}

/** Timings the bench reads (main-thread ms spent applying each diff). */
export interface LabPerf {
  applyMs: number[];
  lastDiffAt: number;
}

export class LabClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, (v: ReplyValue) => void>();
  private streams = new Map<number, StreamHandlers>();
  private resyncing = false;
  readonly listeners: LabListeners = {};
  readonly perf: LabPerf = { applyMs: [], lastDiffAt: 0 };

  constructor(worker: Worker) {
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
  }

  private receive(msg: WorkerMessage): void {
    switch (msg.type) {
      case 'reply': {
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        resolve?.(msg.value);
        return;
      }
      case 'stream':
        this.streams.get(msg.id)?.onChunk(msg.chunk);
        return;
      case 'stream-end':
        this.streams.get(msg.id)?.onEnd(msg.exitCode);
        this.streams.delete(msg.id);
        return;
      case 'snapshot':
        this.resyncing = false;
        applyMessage(msg);
        this.ackAfterPaint(msg.seq);
        return;
      case 'diff': {
        if (this.resyncing) return;
        const t0 = performance.now();
        if (applyMessage(msg) === 'resync') {
          this.resyncing = true;
          this.send({ type: 'resync' });
          return;
        }
        const t1 = performance.now();
        this.perf.lastDiffAt = t1;
        if (this.perf.applyMs.length < 100_000) this.perf.applyMs.push(t1 - t0);
        this.ackAfterPaint(msg.seq);
        return;
      }
      case 'fatal':
        applyMessage(msg);
        return;
      case 'mesh':
        applyMeshMessage(msg);
        return;
    }
  }

  /**
   * Tell the worker it may go on once this diff has been rendered (the next frame). A hidden page paints
   * nothing and gets no frames: it acknowledges at once, so the cluster keeps running in a background tab.
   */
  private ackAfterPaint(seq: number): void {
    if (document.hidden) this.send({ type: 'ack', seq });
    else requestAnimationFrame(() => this.send({ type: 'ack', seq }));
  }

  send(cmd: Command): void {
    this.worker.postMessage(cmd);
  }

  private request(cmd: DistributiveOmit<Request, 'id'>): Promise<ReplyValue> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ ...cmd, id } as Request);
    });
  }

  /** Run one command line. Streams deliver to `stream` until it ends or `stopStream(id)`. */
  async run(
    line: string,
    opts: { stdin?: string; stream?: StreamHandlers } = {},
  ): Promise<RunReply & { id: number }> {
    const id = this.nextId++;
    if (opts.stream) this.streams.set(id, opts.stream);
    const value = await new Promise<ReplyValue>((resolve) => {
      this.pending.set(id, resolve);
      this.send({ type: 'run', id, line, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
    });
    const reply = toRunReply(value);
    if (!reply.streaming) this.streams.delete(id);
    this.afterRun(line, reply);
    return { ...reply, id };
  }

  /** The Mesh view opened or closed, or focused another node (its charts); see src/worker/mesh.ts. */
  meshWatch(open: boolean, focus?: string): void {
    this.send({ type: 'mesh-watch', open, ...(focus ? { focus } : {}) });
  }

  stopStream(id: number): void {
    this.send({ type: 'stop-stream', id });
  }

  async complete(line: string, cursor: number): Promise<string[]> {
    const v = await this.request({ type: 'complete', line, cursor });
    return v.kind === 'complete' ? v.completions : [];
  }

  /** Apply an editor file: `kubectl apply -f <path>` with the file's current content. */
  async apply(path: string, content: string): Promise<RunReply> {
    const reply = toRunReply(await this.request({ type: 'apply', path, content }));
    this.afterRun(`kubectl apply -f ${path}`, reply);
    return reply;
  }

  async validate(content: string): Promise<ValidationIssue[]> {
    const v = await this.request({ type: 'validate', content });
    return v.kind === 'validate' ? v.issues : [];
  }

  setFiles(files: Record<string, string>): void {
    this.send({ type: 'set-files', files });
  }

  setSpeed(speed: Speed): void {
    this.send({ type: 'set-speed', speed });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  play(): void {
    this.send({ type: 'play' });
  }

  step(): void {
    this.send({ type: 'step' });
  }

  async fault(fault: Fault): Promise<ReplyValue> {
    return this.request({ type: 'fault', fault });
  }

  async reset(options?: ResetOptions): Promise<void> {
    await this.request({ type: 'reset', ...(options ? { options } : {}) });
  }

  async inspect(uid: string): Promise<InspectResult> {
    const v = await this.request({ type: 'inspect', uid });
    return v.kind === 'inspect' ? v.result : { found: false, yaml: '', describe: '', events: '' };
  }

  async schemas(): Promise<SchemaBundle> {
    const v = await this.request({ type: 'schemas' });
    return v.kind === 'schemas' ? v.bundle : { schema: null };
  }

  /** Start a lesson's cluster (see src/lessons/setup.ts `lessonStart`). */
  async loadScenario(scenario: Scenario): Promise<void> {
    await this.request({ type: 'load-scenario', scenario });
  }

  /** Evaluate a lesson check in the worker, against the live cluster and the commands run since `sinceMs`. */
  async check(
    check: unknown,
    sinceMs: number,
  ): Promise<{ passed: boolean; missing: Record<string, string>[] }> {
    const v = await this.request({ type: 'check', check, sinceMs });
    return v.kind === 'check' ? { passed: v.passed, missing: v.missing } : { passed: false, missing: [] };
  }

  private afterRun(line: string, reply: RunReply): void {
    if (reply.openEditor) this.listeners.openEditor?.(reply.openEditor.path, reply.openEditor.content);
    this.listeners.commandRan?.(line, reply.exitCode);
  }
}

function toRunReply(v: ReplyValue): RunReply {
  if (v.kind === 'run') return v;
  if (v.kind === 'error') return { output: `${v.message}\n`, exitCode: 1, streaming: false };
  return { output: '', exitCode: 0, streaming: false };
}

let instance: LabClient | undefined;

/** The page's single LabClient (the worker starts on first use). */
export function lab(): LabClient {
  instance ??= new LabClient(
    new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' }),
  );
  return instance;
}
