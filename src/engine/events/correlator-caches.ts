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

interface ObservedEntry extends Observation {
  prev: ObservedEntry | undefined;
  next: ObservedEntry | undefined;
  slot: AggregateSlot;
  /** undefined for the aggregated entry (keyed by the aggregate key alone). */
  fieldPath: string | undefined;
  message: string;
}

/** Everything cached under one object key. */
export interface ObjectScope {
  /** False once no LRU holds anything of it: a scope still held by an object's keys is then stale. */
  alive: boolean;
  /** The object key it is registered under, while it is (see register). */
  key: string | undefined;
  normal: Map<string, AggregateSlot>;
  warning: Map<string, AggregateSlot> | undefined;
  /** Slots in `normal` and `warning`. */
  slots: number;
  /** The spam filter's token bucket, while in its LRU. */
  inSpam: boolean;
  spamPrev: ObjectScope | undefined;
  spamNext: ObjectScope | undefined;
  tokens: number;
  atMs: number;
}

/** Everything cached under one aggregate key (object key + type + reason). */
export interface AggregateSlot {
  readonly scope: ObjectScope;
  readonly byReason: Map<string, AggregateSlot>;
  readonly reason: string;
  /** The aggregator's record (distinct messages, oldest first, and the last time), while in its LRU. */
  inAggregates: boolean;
  aggPrev: AggregateSlot | undefined;
  aggNext: AggregateSlot | undefined;
  messages: string[];
  lastMs: number;
  /** Observation entries under this key. */
  observed: number;
  aggregated: ObservedEntry | undefined;
  first: ObservedEntry | undefined;
  /** Further entries: field path -> message -> entry. */
  more: Map<string, Map<string, ObservedEntry>> | undefined;
}

export class CorrelatorCaches {
  /** Live scopes that no object's keys hold, by object key (see register). */
  private readonly scopes = new Map<string, ObjectScope>();
  private aggHead: AggregateSlot | undefined;
  private aggTail: AggregateSlot | undefined;
  private aggSize = 0;
  private obsHead: ObservedEntry | undefined;
  private obsTail: ObservedEntry | undefined;
  private obsSize = 0;
  private spamHead: ObjectScope | undefined;
  private spamTail: ObjectScope | undefined;
  private spamSize = 0;

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
      spamPrev: undefined,
      spamNext: undefined,
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
        aggPrev: undefined,
        aggNext: undefined,
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
      if (s !== this.aggTail) {
        if (s.aggPrev) s.aggPrev.aggNext = s.aggNext;
        else this.aggHead = s.aggNext;
        s.aggNext!.aggPrev = s.aggPrev;
        s.aggPrev = this.aggTail;
        s.aggNext = undefined;
        this.aggTail!.aggNext = s;
        this.aggTail = s;
      }
      return true;
    }
    s.inAggregates = true;
    s.messages = [];
    s.lastMs = nowMs;
    s.aggPrev = this.aggTail;
    s.aggNext = undefined;
    if (this.aggTail) this.aggTail.aggNext = s;
    else this.aggHead = s;
    this.aggTail = s;
    if (++this.aggSize > this.limit) {
      const oldest = this.aggHead!;
      this.aggHead = oldest.aggNext;
      if (this.aggHead) this.aggHead.aggPrev = undefined;
      else this.aggTail = undefined;
      oldest.aggNext = undefined;
      oldest.inAggregates = false;
      oldest.messages = [];
      this.aggSize--;
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
    if (e === undefined) return undefined;
    if (e !== this.obsTail) {
      // Unlink (e is not the tail, so e.next exists) and append.
      if (e.prev) e.prev.next = e.next;
      else this.obsHead = e.next;
      e.next!.prev = e.prev;
      e.prev = this.obsTail;
      e.next = undefined;
      this.obsTail!.next = e;
      this.obsTail = e;
    }
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
      prev: this.obsTail,
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
    if (this.obsTail) this.obsTail.next = e;
    else this.obsHead = e;
    this.obsTail = e;
    if (++this.obsSize > this.limit) this.evictObserved();
    return e;
  }

  /**
   * The spam filter's LRU get, or add when the object key is not in it (the caller then fills the bucket,
   * the scope's `tokens` and `atMs`). Returns whether the bucket was there.
   */
  touchSpam(scope: ObjectScope): boolean {
    if (scope.inSpam) {
      if (scope !== this.spamTail) {
        if (scope.spamPrev) scope.spamPrev.spamNext = scope.spamNext;
        else this.spamHead = scope.spamNext;
        scope.spamNext!.spamPrev = scope.spamPrev;
        scope.spamPrev = this.spamTail;
        scope.spamNext = undefined;
        this.spamTail!.spamNext = scope;
        this.spamTail = scope;
      }
      return true;
    }
    scope.inSpam = true;
    scope.spamPrev = this.spamTail;
    scope.spamNext = undefined;
    if (this.spamTail) this.spamTail.spamNext = scope;
    else this.spamHead = scope;
    this.spamTail = scope;
    if (++this.spamSize > this.limit) {
      const oldest = this.spamHead!;
      this.spamHead = oldest.spamNext;
      if (this.spamHead) this.spamHead.spamPrev = undefined;
      else this.spamTail = undefined;
      oldest.spamNext = undefined;
      oldest.inSpam = false;
      this.spamSize--;
      this.releaseScope(oldest);
    }
    return false;
  }

  private evictObserved(): void {
    const oldest = this.obsHead!;
    this.obsHead = oldest.next;
    if (this.obsHead) this.obsHead.prev = undefined;
    else this.obsTail = undefined;
    oldest.next = undefined;
    this.obsSize--;
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
