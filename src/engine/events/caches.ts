/**
 * The small data structures behind the event recorder (recorder.ts): the correlator's LRU caches, the
 * queue of Events waiting for their TTL, and a pool of recurring strings.
 */

/**
 * An LRU: a hit moves the entry to the back, the front is evicted beyond the limit. Values are mutable
 * records, updated in place after `get`. The recency order is a linked list through the entries (a hit is
 * a few pointer moves; deleting and re-inserting a Map key on every hit made the Map rehash often).
 */
interface LruEntry<V> {
  key: string;
  value: V;
  prev: LruEntry<V> | undefined;
  next: LruEntry<V> | undefined;
}

export class Lru<V> {
  private readonly map = new Map<string, LruEntry<V>>();
  /** Least recently used. */
  private head: LruEntry<V> | undefined;
  /** Most recently used. */
  private tail: LruEntry<V> | undefined;
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (e !== this.tail) {
      // Unlink (e is not the tail, so e.next exists) and append.
      if (e.prev) e.prev.next = e.next;
      else this.head = e.next;
      e.next!.prev = e.prev;
      e.prev = this.tail;
      e.next = undefined;
      this.tail!.next = e;
      this.tail = e;
    }
    return e.value;
  }

  /** A new entry (the key was not present). */
  add(key: string, value: V): void {
    const k = flat(key);
    const e: LruEntry<V> = { key: k, value, prev: this.tail, next: undefined };
    if (this.tail) this.tail.next = e;
    else this.head = e;
    this.tail = e;
    this.map.set(k, e);
    if (this.map.size > this.limit) {
      const oldest = this.head!;
      this.head = oldest.next;
      if (this.head) this.head.prev = undefined;
      else this.tail = undefined;
      this.map.delete(oldest.key);
    }
  }
}

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
