/**
 * What a command line's result becomes on its way to the page: its streamed output (`-w`, `-f`) as
 * `stream` chunks and a `stream-end`, stoppable by Ctrl-C; and its effects folded into the reply
 * (open the editor, clear the screen).
 */
import type { CommandResult } from '../cli/types';
import type { ReplyValue, WorkerMessage } from '../protocol/messages';

export class OutputStreams {
  private readonly stops = new Map<number, () => void>();

  constructor(private readonly post: (msg: WorkerMessage) => void) {}

  /** Forward `result`'s stream under `id`; whether it is still running (a stream may end at once). */
  start(id: number, result: CommandResult): boolean {
    if (!result.stream) return false;
    let ended = false;
    const stop = result.stream.subscribe(
      (chunk) => this.post({ type: 'stream', id, chunk }),
      (exitCode) => {
        ended = true;
        this.stops.delete(id);
        this.post({ type: 'stream-end', id, exitCode });
      },
    );
    if (!ended) this.stops.set(id, stop);
    return !ended;
  }

  stop(id: number): void {
    this.stops.get(id)?.();
    this.stops.delete(id);
  }

  stopAll(): void {
    for (const stop of this.stops.values()) stop();
    this.stops.clear();
  }
}

/** A `run` reply with the result's effects and whether its output goes on streaming. */
export function runReply(reply: ReplyValue, result: CommandResult, streaming: boolean): ReplyValue {
  if (reply.kind !== 'run') return reply;
  let openEditor: { path: string; content: string } | undefined;
  let clear = false;
  for (const effect of result.effects ?? []) {
    if (effect.type === 'open-editor') openEditor = { path: effect.path, content: effect.content };
    if (effect.type === 'clear-screen') clear = true;
  }
  return { ...reply, streaming, ...(openEditor ? { openEditor } : {}), ...(clear ? { clear } : {}) };
}
