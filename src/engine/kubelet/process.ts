/**
 * A container's main process on the virtual clock: a server that starts listening after its start-up
 * time, a script whose sleeps resume later, or a command that exits. It writes the container log, uses
 * memory (OOMKilled over the limit), reacts to the stop signal, and reports its exit once.
 */
import type { HttpOutcome, HttpRequest, ServerContext } from '../images/types';
import type { Clock, ScheduledTask } from '../sim/clock';
import type { LogBuffer } from './logs';
import type { Program } from './program';
import { PodServerContext } from './server-context';
import type { Pause, ShellHost } from './shell/host';
import { Shell } from './shell/run';

export interface ExitInfo {
  exitCode: number;
  reason: 'Completed' | 'Error' | 'OOMKilled';
  signal?: number;
}

export interface ProcessOptions {
  clock: Clock;
  program: Program;
  logs: LogBuffer;
  server: ServerContext;
  /** Built only for programs that run in the shell (servers never need one). */
  shellHost: () => ShellHost;
  /** limits.memory in bytes (0 = none). */
  memoryLimit: number;
  baseMemory: number;
  /** Extra start-up delay (the slowStartup fault). */
  extraStartupMs: number;
  /** Keep stdin open (stdin: true): an idle shell stays up. */
  stdin: boolean;
  onExit(info: ExitInfo): void;
}

/** The window over which request rates are measured for CPU use (kubectl top, HPA). */
const RATE_WINDOW_MS = 60_000;

export class ContainerProcess {
  readonly startedAt: number;
  listeningAt = Number.POSITIVE_INFINITY;
  exited?: ExitInfo;
  private tasks: ScheduledTask[] = [];
  private stopping = false;
  private requestTimes: number[] = [];

  constructor(private readonly o: ProcessOptions) {
    this.startedAt = o.clock.now();
  }

  private at(delayMs: number, label: string, fn: () => void): void {
    this.tasks.push(this.o.clock.after(delayMs, label, () => !this.exited && fn()));
  }

  start(): void {
    const p = this.o.program;
    const ctx = this.ctx();
    switch (p.kind) {
      case 'server': {
        const failure = p.server.preflight?.(ctx);
        if (failure) {
          this.at(Math.min(5, failure.afterMs), 'proc:logs', () => this.log(failure.logs.join('\n')));
          this.at(failure.afterMs, 'proc:exit', () =>
            this.exit({ exitCode: failure.exitCode, reason: failure.exitCode === 0 ? 'Completed' : 'Error' }),
          );
          return;
        }
        const startup = p.server.startupMs(ctx) + this.o.extraStartupMs;
        const server = p.server;
        this.o.logs.appendLazy(this.startedAt + Math.min(5, startup), () => server.startLogs(ctx));
        this.listeningAt = this.startedAt + startup;
        this.scheduleOom(startup);
        return;
      }
      case 'idle-shell':
        if (!this.o.stdin) this.at(2, 'proc:exit', () => this.exit({ exitCode: 0, reason: 'Completed' }));
        return;
      case 'script':
      case 'argv': {
        const shell = new Shell(this.o.shellHost(), {
          stdout: (t) => this.log(t),
          stderr: (t) => this.log(t),
        });
        let gen: Generator<Pause, number>;
        if (p.kind === 'script') {
          shell.positional = p.positional;
          gen = shell.runScript(p.script, p.shell);
        } else gen = shell.runArgv(p.argv);
        this.scheduleOom(100);
        this.at(1, 'proc:run', () => this.drive(gen));
        return;
      }
      case 'start-error':
        return;
    }
  }

  private drive(gen: Generator<Pause, number>): void {
    const r = gen.next();
    if (this.exited) return;
    if (r.done) this.exit({ exitCode: r.value, reason: r.value === 0 ? 'Completed' : 'Error' });
    else this.at(r.value.sleepMs, 'proc:sleep', () => this.drive(gen));
  }

  private scheduleOom(afterStartMs: number): void {
    const limit = this.o.memoryLimit;
    if (!limit) return;
    const now = this.o.clock.now();
    const used = this.memoryBytes(now);
    if (used > limit) {
      // The allocation happens as the process comes up: killed shortly after start.
      this.at(Math.max(50, Math.min(afterStartMs, 1000)), 'proc:oom', () =>
        this.exit({ exitCode: 137, reason: 'OOMKilled', signal: 9 }),
      );
      return;
    }
    const p = this.o.program;
    const leak = p.kind === 'server' ? p.server.leakBytesPerMinute?.(this.ctx()) : undefined;
    if (leak && leak > 0) {
      const ms = ((limit - used) / leak) * 60_000;
      this.at(Math.ceil(ms) + 1, 'proc:oom', () =>
        this.exit({ exitCode: 137, reason: 'OOMKilled', signal: 9 }),
      );
    }
  }

  /** Working set in bytes at `nowMs`. */
  memoryBytes(nowMs: number): number {
    const p = this.o.program;
    if (p.kind !== 'server') return this.o.baseMemory;
    const ctx = this.ctx();
    const base = p.server.memoryFor?.(ctx) ?? p.server.memoryBytes;
    const leak = p.server.leakBytesPerMinute?.(ctx) ?? 0;
    return Math.round(base + (leak * Math.max(0, nowMs - this.startedAt)) / 60_000);
  }

  /** CPU in millicores at `nowMs` (idle use plus load from recent requests). */
  cpuMillis(nowMs: number): number {
    const p = this.o.program;
    if (p.kind !== 'server') return p.kind === 'script' ? 1 : 0;
    while (this.requestTimes.length && this.requestTimes[0] < nowMs - RATE_WINDOW_MS)
      this.requestTimes.shift();
    const rps = this.requestTimes.length / (RATE_WINDOW_MS / 1000);
    return Math.round(p.server.cpuMillis + (p.server.cpuPerRps ?? 0.5) * rps);
  }

  /** Add synthetic load (requests per second for a while), e.g. from a load generator. */
  addLoad(requests: number, overMs: number): void {
    const now = this.o.clock.now();
    for (let i = 0; i < requests; i++)
      this.requestTimes.push(now - Math.floor((overMs * i) / Math.max(1, requests)));
    this.requestTimes.sort((a, b) => a - b);
  }

  ports(): number[] {
    const p = this.o.program;
    return p.kind === 'server' ? p.server.ports(this.ctx()) : [];
  }

  listening(port: number): boolean {
    return !this.exited && this.o.clock.now() >= this.listeningAt && this.ports().includes(port);
  }

  /** Serve an HTTP request on a port; undefined when nothing listens there (connection refused). */
  handle(port: number, req: HttpRequest): HttpOutcome | 'refused' | 'not-http' {
    const p = this.o.program;
    if (p.kind !== 'server' || !this.listening(port)) return 'refused';
    const ctx = this.ctx();
    const httpPorts = p.server.httpPorts?.(ctx) ?? p.server.ports(ctx);
    if (!httpPorts.includes(port) || !p.server.handle) return 'not-http';
    this.requestTimes.push(this.o.clock.now());
    ctx.state.requests++;
    const out = p.server.handle(req, ctx);
    if (!('hang' in out)) {
      const line = p.server.accessLog?.(req, out, ctx);
      if (line) this.log(line);
    }
    return out;
  }

  grpcHealth(port: number): 'SERVING' | 'NOT_SERVING' | 'refused' | 'unimplemented' {
    const p = this.o.program;
    if (p.kind !== 'server' || !this.listening(port)) return 'refused';
    const ctx = this.ctx();
    if (!(p.server.grpcPorts?.(ctx) ?? []).includes(port)) return 'unimplemented';
    return p.server.grpcHealth?.(ctx) ?? 'SERVING';
  }

  /** The runtime's StopContainer: the image's stop signal, then SIGKILL when the grace period ends. */
  stop(graceMs: number): void {
    if (this.exited || this.stopping) return;
    this.stopping = true;
    const p = this.o.program;
    if (p.kind === 'server' && p.server.stop.reaction === 'exit') {
      const stop = p.server.stop;
      this.at(Math.min(stop.afterMs, graceMs), 'proc:stop', () => {
        const lines = stop.logs?.(this.ctx());
        if (lines?.length) this.log(lines.join('\n'));
        if (stop.afterMs <= graceMs)
          this.exit({ exitCode: stop.exitCode, reason: stop.exitCode === 0 ? 'Completed' : 'Error' });
      });
      if (stop.afterMs <= graceMs) return;
    }
    // Shells and sleep as PID 1 have no handler for SIGTERM: only SIGKILL at the deadline stops them.
    this.at(graceMs, 'proc:sigkill', () => this.kill());
  }

  /** SIGKILL now: exit code 137. */
  kill(): void {
    this.exit({ exitCode: 137, reason: 'Error', signal: 9 });
  }

  /** A signal from `kill` inside the container. */
  signal(sig: string): boolean {
    if (this.exited) return false;
    if (sig === '9' || sig === 'KILL' || sig === 'SIGKILL') this.kill();
    else if (this.o.program.kind === 'server') this.stop(30_000);
    return true;
  }

  private exit(info: ExitInfo): void {
    if (this.exited) return;
    this.exited = info;
    for (const t of this.tasks) t.cancelled = true;
    this.tasks = [];
    this.o.onExit(info);
  }

  log(text: string): void {
    this.o.logs.write(this.o.clock.now(), text);
  }

  private ctx(): ServerContext {
    const s = this.o.server;
    const nowMs = this.o.clock.now();
    // A view at this instant: programs may keep the context they are handed (lazy start-up logs).
    if (s instanceof PodServerContext) return s.at(nowMs, this.startedAt);
    return { ...s, nowMs, startedAtMs: this.startedAt };
  }
}
