/** Container log buffers: one per container instance, bounded, with followers for `kubectl logs -f`. */

export interface LogLine {
  atMs: number;
  text: string;
}

/** Lines kept per container instance (older ones roll off, like a rotated log). */
const MAX_LINES = 5000;

export class LogBuffer {
  readonly lines: LogLine[] = [];
  private followers = new Set<{ line(l: LogLine): void; end(): void }>();
  ended = false;

  append(atMs: number, text: string): void {
    for (const t of text.split('\n')) {
      const line = { atMs, text: t };
      this.lines.push(line);
      for (const f of this.followers) f.line(line);
    }
    if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
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
    this.followers.add(f);
    return () => this.followers.delete(f);
  }

  /** The container exited: followers' streams end. */
  close(): void {
    this.ended = true;
    for (const f of this.followers) f.end();
    this.followers.clear();
  }
}
