/** Container log buffers: one per container instance, bounded, with followers for `kubectl logs -f`. */

export interface LogLine {
  atMs: number;
  text: string;
}

/** Lines kept per container instance (older ones roll off, like a rotated log). */
const MAX_LINES = 5000;

export class LogBuffer {
  private stored: LogLine[] = [];
  /** Start-up lines produced only when someone reads them (100,000 idle pods should not hold them). */
  private lazy?: { atMs: number; produce: () => string[] };
  /** Made on the first `logs -f` (most containers never have a follower). */
  private followers?: Set<{ line(l: LogLine): void; end(): void }>;
  ended = false;

  get lines(): LogLine[] {
    this.materialize();
    return this.stored;
  }

  private materialize(): void {
    if (!this.lazy) return;
    const { atMs, produce } = this.lazy;
    this.lazy = undefined;
    this.stored.unshift(...produce().map((text) => ({ atMs, text })));
  }

  /** Lines written at `atMs` that are only built when read. */
  appendLazy(atMs: number, produce: () => string[]): void {
    this.materialize();
    if ((this.followers?.size ?? 0) > 0 || this.stored.length > 0) {
      for (const t of produce()) this.append(atMs, t);
      return;
    }
    this.lazy = { atMs, produce };
  }

  append(atMs: number, text: string): void {
    this.materialize();
    for (const t of text.split('\n')) {
      const line = { atMs, text: t };
      this.stored.push(line);
      if (this.followers) for (const f of this.followers) f.line(line);
    }
    if (this.stored.length > MAX_LINES) this.stored.splice(0, this.stored.length - MAX_LINES);
  }

  /** Output written with or without a trailing newline, split into lines as a log driver does. */
  write(atMs: number, chunk: string): void {
    const text = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
    if (chunk === '') return;
    this.append(atMs, text);
  }

  follow(line: (l: LogLine) => void, end: () => void): () => void {
    const f = { line, end };
    if (this.ended) {
      end();
      return () => {};
    }
    this.followers ??= new Set();
    const followers = this.followers;
    followers.add(f);
    return () => followers.delete(f);
  }

  /** The container exited: followers' streams end. */
  close(): void {
    this.ended = true;
    if (!this.followers) return;
    for (const f of this.followers) f.end();
    this.followers.clear();
  }
}
