import { describe, expect, it } from 'vitest';
import type { CommandResult, OutputStream } from '../cli/types';
import type { WorkerMessage } from '../protocol/messages';
import { OutputStreams, runReply } from './streams';

function stream(run: (chunk: (s: string) => void, done: (code: number) => void) => void): OutputStream {
  return {
    subscribe(chunk, done) {
      run(chunk, done);
      return () => done(130);
    },
  } as OutputStream;
}

describe('OutputStreams', () => {
  it('forwards chunks, stops on Ctrl-C, and is not running when the stream ended at once', () => {
    const posted: WorkerMessage[] = [];
    const streams = new OutputStreams((m) => posted.push(m));
    const result = (s: OutputStream): CommandResult => ({ output: '', exitCode: 0, stream: s });
    expect(streams.start(1, result(stream((chunk) => chunk('a\n'))))).toBe(true);
    expect(streams.start(2, result(stream((_chunk, done) => done(0))))).toBe(false);
    streams.stop(1);
    expect(posted).toEqual([
      { type: 'stream', id: 1, chunk: 'a\n' },
      { type: 'stream-end', id: 2, exitCode: 0 },
      { type: 'stream-end', id: 1, exitCode: 130 },
    ]);
    expect(streams.start(3, { output: '', exitCode: 0 })).toBe(false);
  });

  it('folds the effects into a run reply', () => {
    const reply = runReply(
      { kind: 'run', output: 'x', exitCode: 0, streaming: false },
      { output: 'x', exitCode: 0, effects: [{ type: 'clear-screen' }] },
      true,
    );
    expect(reply).toEqual({ kind: 'run', output: 'x', exitCode: 0, streaming: true, clear: true });
  });
});
