/**
 * The typed protocol between the page and the engine worker: the only module both sides import.
 * UI -> worker: `Command`s. Worker -> UI: `WorkerMessage`s. Requests that expect an answer carry an `id`
 * and get a `reply` with the same id.
 */
import type { ViewDiff } from './diff';
import type { ObjectView, TrafficEdge } from './views';

export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
export type Speed = (typeof SPEEDS)[number];

/** Virtual time a single Step moves the paused clock. */
export const STEP_MS = 1000;

export type Fault =
  | { type: 'stop-node'; node: string }
  | { type: 'kill-pod'; namespace: string; name: string }
  | { type: 'break-endpoint'; namespace: string; name: string; probe: 'readiness' | 'liveness' }
  | { type: 'unpullable-image'; image: string };

export interface ResetOptions {
  seed?: number;
  /** Worker nodes (the control-plane node is always added). */
  workers?: number;
}

export type Command =
  /** Run one command line; `id` matches the reply and any stream chunks. */
  | { type: 'run'; id: number; line: string; stdin?: string }
  /** Stop a running stream (Ctrl-C). */
  | { type: 'stop-stream'; id: number }
  | { type: 'complete'; id: number; line: string; cursor: number }
  /** Apply one editor file: the same path as `kubectl apply -f <path>`. */
  | { type: 'apply'; id: number; path: string; content: string }
  /** API-server validation of an editor file (dry run), for markers with the real messages. */
  | { type: 'validate'; id: number; content: string }
  /** The editor's files, so `-f name.yaml` reads them. */
  | { type: 'set-files'; files: Record<string, string> }
  | { type: 'set-speed'; speed: Speed }
  | { type: 'pause' }
  | { type: 'play' }
  | { type: 'step' }
  | { type: 'fault'; id: number; fault: Fault }
  | { type: 'reset'; id: number; options?: ResetOptions }
  /** Ask for a full snapshot (sent after a sequence gap). */
  | { type: 'resync' }
  /**
   * The page applied (and painted) diff `seq`: the worker sends the next one only then, so a busy main
   * thread gets fewer, larger diffs instead of a growing queue.
   */
  | { type: 'ack'; seq: number }
  /** The full stored object of one uid, as YAML, plus its events (the inspector). */
  | { type: 'inspect'; id: number; uid: string }
  /** JSON schemas for the editor's validation and completion. */
  | { type: 'schemas'; id: number }
  /** Start a lesson or exercise: a fresh cluster built by CLI runs (not counted as learner actions). */
  | { type: 'load-scenario'; id: number; scenario: Scenario }
  /** Evaluate a lesson check (src/lessons/checks.ts) against the live cluster and the learner's commands since `sinceMs`. */
  | { type: 'check'; id: number; check: unknown; sinceMs: number };

export interface Scenario {
  seed: number;
  workers: number;
  runs: { line: string; stdin?: string }[];
  /** Virtual time to let pass after the runs. */
  settleMs: number;
}

export interface ClockState {
  nowMs: number;
  /** RFC 3339 of the virtual now. */
  nowISO: string;
  paused: boolean;
  speed: Speed;
  seed: number;
}

export interface ValidationIssue {
  /** Index of the YAML document in the file (0-based). */
  doc: number;
  /** Field path as the API server words it, e.g. `spec.replicas`; '' for the whole document. */
  field: string;
  message: string;
}

export interface InspectResult {
  found: boolean;
  yaml: string;
  describe: string;
  events: string;
  logs?: string;
}

export interface SchemaBundle {
  /** One JSON schema (draft-07) for any manifest of a kind the engine serves (if/then per apiVersion + kind). */
  schema: Record<string, unknown> | null;
}

export type ReplyValue =
  | {
      kind: 'run';
      output: string;
      exitCode: number;
      streaming: boolean;
      openEditor?: EditorOpen;
      clear?: boolean;
    }
  | { kind: 'complete'; completions: string[] }
  | { kind: 'validate'; issues: ValidationIssue[] }
  | { kind: 'inspect'; result: InspectResult }
  | { kind: 'schemas'; bundle: SchemaBundle }
  | { kind: 'check'; passed: boolean; missing: Record<string, string>[] }
  | { kind: 'ok'; message?: string }
  | { kind: 'error'; message: string };

export interface EditorOpen {
  path: string;
  content: string;
}

export type WorkerMessage =
  /** The first message and the answer to `resync`: every mirrored object. */
  | { type: 'snapshot'; seq: number; objects: ObjectView[]; clock: ClockState; traffic: TrafficEdge[] }
  /** Changes since `seq - 1`, at most one per animation frame. */
  | { type: 'diff'; seq: number; diff: ViewDiff; clock: ClockState; traffic?: TrafficEdge[] }
  | { type: 'reply'; id: number; value: ReplyValue }
  | { type: 'stream'; id: number; chunk: string }
  | { type: 'stream-end'; id: number; exitCode: number }
  /** The engine could not start (or restore); shown instead of the lab. */
  | { type: 'fatal'; message: string };
