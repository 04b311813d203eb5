/**
 * How the lesson panel reaches the rest of the lab (H6's worker client, terminal and editor). Kept to a
 * small interface so the panel does not depend on their internals and the embed page can reuse it.
 */

import type { Localized } from '../../lessons/types';
import { type Scenario, STEP_MS } from '../../protocol/messages';
import { openFile, setActive, useFiles } from '../editor/files-store';
import { lab } from '../lab/client';
import { useLab } from '../lab/store';
import { terminalEcho } from '../terminal/Terminal';

export interface LessonHost {
  /** A fresh cluster built from the lesson's setup (and earlier steps' solutions). */
  loadScenario(scenario: Scenario, files: { path: string; content: string }[]): Promise<void>;
  /** Evaluate a check in the worker against the cluster and the commands run since `sinceMs`. */
  check(check: unknown, sinceMs: number): Promise<{ passed: boolean; missing: Localized[] }>;
  runInTerminal(line: string): Promise<void>;
  /** Run a line silently (replaying earlier steps' solutions when a lesson opens at a later step). */
  run(line: string, stdin?: string): Promise<void>;
  /** Move simulated time forward by `ms` (whole seconds), whatever the speed. */
  advance(ms: number): Promise<void>;
  /** Resolves once the page's mirror shows everything the worker did so far. */
  settle(): Promise<void>;
  openInEditor(path: string, content: string): void;
  /** Simulated now (ms), as last mirrored from the worker. */
  nowMs(): number;
  /** Called on every change the worker reports (objects, clock). Returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}

/** Longest a streamed command's output is collected before it is echoed (wall time). */
const STREAM_ECHO_LIMIT_MS = 15_000;

export const labHost: LessonHost = {
  async loadScenario(scenario, files) {
    for (const f of files) openFile(f.path, f.content);
    if (files.length > 0) setActive(files[0].path);
    // Send the editor's files now (the editor syncs them on a debounce) so setup runs can read them.
    lab().setFiles(Object.fromEntries(useFiles.getState().files.map((f) => [f.path, f.content])));
    await lab().loadScenario(scenario);
  },
  async check(check, sinceMs) {
    const r = await lab().check(check, sinceMs);
    return { passed: r.passed, missing: r.missing as Localized[] };
  },
  async runInTerminal(line) {
    // Typed into the terminal when it offers that (output, streams and history as if typed); otherwise
    // run through the client and echoed, a stream (`rollout status`) collected until it ends.
    if (terminalEcho.submit) {
      terminalEcho.submit(line);
      return;
    }
    let streamed = '';
    let ended: () => void = () => {};
    const end = new Promise<void>((resolve) => {
      ended = resolve;
    });
    const r = await lab().run(line, { stream: { onChunk: (c) => (streamed += c), onEnd: () => ended() } });
    if (r.streaming) {
      const timer = setTimeout(() => {
        lab().stopStream(r.id);
        ended();
      }, STREAM_ECHO_LIMIT_MS);
      await end;
      clearTimeout(timer);
    }
    terminalEcho.write?.(line, r.output + streamed);
  },
  async run(line, stdin) {
    const r = await lab().run(line, stdin === undefined ? {} : { stdin });
    if (r.streaming) lab().stopStream(r.id);
  },
  async advance(ms) {
    for (let t = 0; t < ms; t += STEP_MS) lab().step();
  },
  async settle() {
    // A request round trip orders us after everything sent so far; the next diff then carries its effects.
    const seq = useLab.getState().seq;
    await lab().complete('', 0);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 500);
      const unsubscribe = useLab.subscribe((s) => {
        if (s.seq !== seq) done();
      });
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  },
  openInEditor(path, content) {
    openFile(path, content);
  },
  nowMs() {
    return useLab.getState().clock.nowMs;
  },
  subscribe(onChange) {
    return useLab.subscribe((s, prev) => {
      if (s.seq !== prev.seq || s.clock.nowMs !== prev.clock.nowMs) onChange();
    });
  },
};
