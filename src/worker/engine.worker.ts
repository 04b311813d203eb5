/// <reference lib="webworker" />
/**
 * The engine's Web Worker: restores the saved session (or starts fresh), then paces the simulation with
 * its own animation frames and answers the page's commands. All logic lives in EngineHost.
 */
import { createShell } from '../cli';
import { createCluster, defaultNodes } from '../engine/cluster';
import type { Command, WorkerMessage } from '../protocol/messages';
import { EngineHost } from './host';
import { createSaver, loadSession } from './persist';
import { podStatusFor } from './pod-status';
import { editorSchema } from './schemas';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: WorkerMessage) => self.postMessage(msg);
const host = new EngineHost({
  createCluster: ({ seed, workers, profile }) =>
    createCluster({ seed, nodes: defaultNodes(workers), profile }),
  createShell: (cluster, opts) => createShell(cluster, opts),
  podStatus: podStatusFor,
  post,
  flowControl: true,
  save: createSaver(),
  schema: editorSchema,
  now: () => performance.now(),
});

// Commands that arrive while the saved session replays wait their turn.
const queued: Command[] = [];
let ready = false;
/** Resolved when the page has painted the first snapshot (its first `ack`). */
let firstPaint: () => void = () => {};
const painted = new Promise<void>((resolve) => {
  firstPaint = resolve;
});
self.onmessage = (e: MessageEvent<Command>) => {
  if (e.data.type === 'ack') firstPaint();
  if (ready) host.handle(e.data);
  else queued.push(e.data);
};

const nextFrame: (fn: () => void) => void =
  typeof self.requestAnimationFrame === 'function'
    ? (fn) => self.requestAnimationFrame(fn)
    : (fn) => setTimeout(fn, 16);

async function main(): Promise<void> {
  try {
    const saved = await loadSession();
    try {
      host.boot(saved);
    } catch (err) {
      // A log that no longer replays (the engine changed under it): start over rather than not at all.
      console.error('could not restore the saved session', err);
      host.boot(undefined);
    }
  } catch (err) {
    post({ type: 'fatal', message: (err as Error).stack ?? String(err) });
    return;
  }
  // The field descriptions (`kubectl explain`, editor hovers) arrive as their own chunk once the page has
  // painted the first snapshot (or after 2 s without word): the first screen does not wait for them, and
  // no command runs without them.
  try {
    await Promise.race([painted, new Promise((resolve) => setTimeout(resolve, 2000))]);
    await import('../engine/schema/descriptions-bundled');
  } catch (err) {
    console.error('could not load the field descriptions', err);
  }
  ready = true;
  for (const cmd of queued.splice(0)) host.handle(cmd);
  let last = performance.now();
  const frame = () => {
    const now = performance.now();
    try {
      host.tick(now - last);
    } catch (err) {
      post({ type: 'fatal', message: (err as Error).stack ?? String(err) });
      return;
    }
    last = now;
    nextFrame(frame);
  };
  nextFrame(frame);
}

void main();
