/**
 * Small data structures behind the event recorder (recorder.ts): the queue of Events waiting for their
 * TTL and a pool of recurring strings (the correlator's caches are in correlator-caches.ts).
 */

/**
 * Event writes waiting for their TTL, oldest first (the TTL is the same for all): each is deleted when due
 * unless the Event was written again since. Parallel arrays of the strings the Event itself holds, rather
 * than an object per write: a large cluster has hundreds of thousands of Events alive.
 */
export class ExpiryQueue {
  readonly namespaces: string[] = [];
  readonly names: string[] = [];
  readonly resourceVersions: string[] = [];
  readonly atMs: number[] = [];
  head = 0;

  push(namespace: string, name: string, resourceVersion: string, atMs: number): void {
    this.namespaces.push(namespace);
    this.names.push(name);
    this.resourceVersions.push(resourceVersion);
    this.atMs.push(atMs);
  }

  get length(): number {
    return this.atMs.length;
  }

  /** Drop the entries before `head` once they are most of the arrays. */
  compact(): void {
    if (this.head <= 1024 || this.head * 2 <= this.atMs.length) return;
    for (const a of [this.namespaces, this.names, this.resourceVersions, this.atMs] as unknown[][])
      a.splice(0, this.head);
    this.head = 0;
  }
}

/**
 * One copy of each short string that recurs across events (field paths, messages such as
 * `Started container nginx`), so 100,000 pods' Events do not hold 100,000 copies of each. Cleared when
 * full, so one-off messages cannot crowd out the recurring ones for long.
 */
export class StringPool {
  private readonly map = new Map<string, string>();
  constructor(
    private readonly limit: number,
    private readonly maxLength: number,
  ) {}

  intern(s: string): string {
    if (s.length > this.maxLength) return flat(s);
    const known = this.map.get(s);
    if (known !== undefined) return known;
    if (this.map.size >= this.limit) this.map.clear();
    const f = flat(s);
    this.map.set(f, f);
    return f;
  }
}

/**
 * Flat copy of a string built by concatenation: V8 keeps `a + b` as a rope of every piece until it is
 * read, and an Event keeps its name and message for an hour.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}
