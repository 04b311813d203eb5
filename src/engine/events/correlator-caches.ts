/**
 * The event correlator's three caches, client-go's LRUs of 4096 entries each (the least recently used
 * evicted first): the aggregator's records by `object key + type + reason`, the observed events by that
 * aggregate key + field path + message (or the aggregate key alone once aggregated), and the spam
 * filter's token buckets by object key (source + involved object).
 *
 * Client-go keys them with long concatenated strings; building, copying and hashing those for every event
 * was most of the recorder's cost. Here the entries hang off one scope per object key instead: the
 * recorder keeps each object's scope with its keys (recorder.ts), a scope holds a slot per type and reason
 * (the aggregate key), and a slot its observations by field path and message (most hold one, inline).
 * Each LRU's recency order is a list through its entries, so what is evicted when is exactly client-go's;
 * a scope or slot is dropped once no LRU holds anything under it. Only the scopes of keys the recorder
 * let go of while the scopes still hold something are found by object key (see register).
 */

/** eventObserve's record of an event: how often it was seen and the Event it was written as. */
export interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
  namespace: string;
}

interface ObservedEntry extends Observation, Linked<ObservedEntry> {
  slot: AggregateSlot;
  /** undefined for the aggregated entry (keyed by the aggregate key alone). */
  fieldPath: string | undefined;
  message: string;
}

/** Everything cached under one object key. */
export interface ObjectScope extends Linked<ObjectScope> {
  /** False once no LRU holds anything of it: a scope still held by an object's keys is then stale. */
  alive: boolean;
  /** The object key it is registered under, while it is (see register). */
  key: string | undefined;
  normal: Map<string, AggregateSlot>;
  warning: Map<string, AggregateSlot> | undefined;
  /** Slots in `normal` and `warning`. */
  slots: number;
  /** The spam filter's token bucket, while in its LRU (linked through `prev` and `next`). */
  inSpam: boolean;
  tokens: number;
  atMs: number;
}

/** Everything cached under one aggregate key (object key + type + reason). */
export interface AggregateSlot extends Linked<AggregateSlot> {
  readonly scope: ObjectScope;
  readonly byReason: Map<string, AggregateSlot>;
  readonly reason: string;
  /**
   * The aggregator's record (distinct messages, oldest first, and the last time), while in its LRU
   * (linked through `prev` and `next`).
   */
  inAggregates: boolean;
  messages: string[];
  lastMs: number;
  /** Observation entries under this key. */
  observed: number;
  aggregated: ObservedEntry | undefined;
  first: ObservedEntry | undefined;
  /** Further entries: field path -> message -> entry. */
  more: Map<string, Map<string, ObservedEntry>> | undefined;
}

/** Each kind of entry is in one LRU only, so its list links are plain fields. */
interface Linked<T> {
  prev: T | undefined;
  next: T | undefined;
}

/**
 * One LRU's recency order, least recently used first, through its entries' links: a hit is a few
 * pointer moves (deleting and re-inserting a Map key on every hit made the Map rehash often).
 */
class RecencyList<T extends Linked<T>> {
  private head: T | undefined;
  private tail: T | undefined;
  size = 0;

  /** A linked entry becomes the most recent. */
  touch(e: T): void {
    if (e === this.tail) return;
    this.unlink(e);
    this.push(e);
  }

  /** An unlinked entry is added as the most recent. */
  push(e: T): void {
    e.prev = this.tail;
    e.next = undefined;
    if (this.tail) this.tail.next = e;
    else this.head = e;
    this.tail = e;
    this.size++;
  }

  /** Unlinks the least recently used entry and returns it. */
  shift(): T | undefined {
    const e = this.head;
    if (e !== undefined) this.unlink(e);
    return e;
  }

  private unlink(e: T): void {
    if (e.prev) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next) e.next.prev = e.prev;
    else this.tail = e.prev;
    e.prev = undefined;
    e.next = undefined;
    this.size--;
  }
}

export class CorrelatorCaches {
  /** Live scopes that no object's keys hold, by object key (see register). */
  private readonly scopes = new Map<string, ObjectScope>();
  private readonly aggregates = new RecencyList<AggregateSlot>();
  private readonly observations = new RecencyList<ObservedEntry>();
  private readonly spam = new RecencyList<ObjectScope>();

  constructor(private readonly limit: number) {}

  /** Whether any scope is registered (else an object key has no scope but the one its keys hold). */
  get hasRegistered(): boolean {
    return this.scopes.size > 0;
  }

  /**
   * The scope of an object key: the one registered under it (then no longer registered: the caller's keys
   * hold it), else a new one.
   */
  scope(key: string | undefined): ObjectScope {
    const found = key === undefined ? undefined : this.scopes.get(key);
    if (found !== undefined) {
      this.scopes.delete(key!);
      found.key = undefined;
      return found;
    }
    return {
      alive: true,
      key: undefined,
      normal: new Map(),
      warning: undefined,
      slots: 0,
      inSpam: false,
      prev: undefined,
      next: undefined,
      tokens: 0,
      atMs: 0,
    };
  }

  /**
   * Keep a scope findable by its object key: the recorder calls this for the keys it lets go of, whose
   * object may have events again while the caches still hold its entries.
   */
  register(scope: ObjectScope, key: string): void {
    if (!scope.alive || scope.key !== undefined) return;
    scope.key = key;
    this.scopes.set(key, scope);
  }

  /** The slot of a scope's type and reason, made when no LRU holds anything under it. */
  slot(scope: ObjectScope, warning: boolean, reason: string): AggregateSlot {
    if (warning && scope.warning === undefined) scope.warning = new Map();
    const byReason = warning ? scope.warning! : scope.normal;
    let s = byReason.get(reason);
    if (s === undefined) {
      s = {
        scope,
        byReason,
        reason,
        inAggregates: false,
        prev: undefined,
        next: undefined,
        messages: [],
        lastMs: 0,
        observed: 0,
        aggregated: undefined,
        first: undefined,
        more: undefined,
      };
      byReason.set(reason, s);
      scope.slots++;
    }
    return s;
  }

  /**
   * The aggregator's LRU get, or add of a fresh record (no messages, `nowMs`) when the key is not in it.
   * Returns whether the record was there.
   */
  touchAggregate(s: AggregateSlot, nowMs: number): boolean {
    if (s.inAggregates) {
      this.aggregates.touch(s);
      return true;
    }
    s.inAggregates = true;
    s.messages = [];
    s.lastMs = nowMs;
    this.aggregates.push(s);
    if (this.aggregates.size > this.limit) {
      const oldest = this.aggregates.shift()!;
      oldest.inAggregates = false;
      oldest.messages = [];
      this.releaseSlot(oldest);
    }
    return false;
  }

  /**
   * The observation LRU's get: `fieldPath` is the event's ('' for none) with its message, or undefined for
   * the aggregated entry of the slot.
   */
  observed(s: AggregateSlot, fieldPath: string | undefined, message: string): Observation | undefined {
    let e: ObservedEntry | undefined;
    if (fieldPath === undefined) e = s.aggregated;
    else {
      const f = s.first;
      e =
        f !== undefined && f.message === message && f.fieldPath === fieldPath
          ? f
          : s.more?.get(fieldPath)?.get(message);
    }
    if (e !== undefined) this.observations.touch(e);
    return e;
  }

  /** The observation LRU's add of a key not present (see `observed` for the key). */
  observe(
    s: AggregateSlot,
    fieldPath: string | undefined,
    message: string,
    firstTimestamp: string,
    name: string,
    namespace: string,
  ): Observation {
    const e: ObservedEntry = {
      count: 1,
      firstTimestamp,
      name,
      namespace,
      prev: undefined,
      next: undefined,
      slot: s,
      fieldPath,
      message,
    };
    if (fieldPath === undefined) s.aggregated = e;
    else if (s.first === undefined) s.first = e;
    else {
      s.more ??= new Map();
      let byMessage = s.more.get(fieldPath);
      if (byMessage === undefined) {
        byMessage = new Map();
        s.more.set(fieldPath, byMessage);
      }
      byMessage.set(message, e);
    }
    s.observed++;
    this.observations.push(e);
    if (this.observations.size > this.limit) this.evictObserved();
    return e;
  }

  /**
   * The spam filter's LRU get, or add when the object key is not in it (the caller then fills the bucket,
   * the scope's `tokens` and `atMs`). Returns whether the bucket was there.
   */
  touchSpam(scope: ObjectScope): boolean {
    if (scope.inSpam) {
      this.spam.touch(scope);
      return true;
    }
    scope.inSpam = true;
    this.spam.push(scope);
    if (this.spam.size > this.limit) {
      const oldest = this.spam.shift()!;
      oldest.inSpam = false;
      this.releaseScope(oldest);
    }
    return false;
  }

  private evictObserved(): void {
    const oldest = this.observations.shift()!;
    const s = oldest.slot;
    if (oldest === s.aggregated) s.aggregated = undefined;
    else if (oldest === s.first) s.first = undefined;
    else {
      const byMessage = s.more!.get(oldest.fieldPath!)!;
      byMessage.delete(oldest.message);
      if (byMessage.size === 0) s.more!.delete(oldest.fieldPath!);
    }
    s.observed--;
    this.releaseSlot(s);
  }

  /** Drop a slot that neither of its LRUs holds anything of any more. */
  private releaseSlot(s: AggregateSlot): void {
    if (s.inAggregates || s.observed > 0) return;
    s.more = undefined;
    s.byReason.delete(s.reason);
    s.scope.slots--;
    this.releaseScope(s.scope);
  }

  private releaseScope(scope: ObjectScope): void {
    if (scope.slots > 0 || scope.inSpam) return;
    scope.alive = false;
    if (scope.key !== undefined) {
      this.scopes.delete(scope.key);
      scope.key = undefined;
    }
  }
}
