/**
 * Events as components record them (core/v1 Event objects), through client-go's EventCorrelator:
 *  - de-duplication: the same event again bumps `count` and `lastTimestamp` of the Event already written
 *    (what `kubectl describe` shows as `(x4 over 2m)`);
 *  - aggregation: once 10 events that differ only in their message are seen for the same object, source,
 *    type and reason within 10 minutes of each other, further ones go into one Event whose message starts
 *    `(combined from similar events): `;
 *  - spam filter: a token bucket per source + object (burst 25, refilled one every 5 minutes) drops the rest.
 * Each of its three caches keeps the 4096 most recently used entries, as client-go's LRUs do. Events also
 * expire one hour after their last write, the API server's default `--event-ttl=1h`.
 */
import type { ApiServer, WriteOptions } from '../api/apiserver';
import type { KObject, StoredObject } from '../api/types';
import type { Clock } from '../sim/clock';
import { ExpiryQueue, flat, StringPool } from './caches';
import { CorrelatorCaches, type ObjectScope, type Observation } from './correlator-caches';

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

/** client-go's maxLruCacheEntries: the size of each correlator cache. */
export const CORRELATOR_CACHE_SIZE = 4096;
/** defaultAggregateMaxEvents / defaultAggregateIntervalInSeconds. */
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst / defaultSpamQPS (one event every 300 s). */
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
/** kube-apiserver --event-ttl default. */
export const EVENT_TTL_MS = 3_600_000;
export const AGGREGATE_PREFIX = '(combined from similar events): ';

const INTERNAL_WRITE: WriteOptions = Object.freeze({ internal: true });

interface ObjectKeys {
  component: string;
  host: string;
  kind: string | undefined;
  namespace: string;
  name: string | undefined;
  apiVersion: string | undefined;
  uid: string;
  /** The correlator's entries for this object and source (see scopeOf). */
  scope: ObjectScope | undefined;
  /** The last involvedObject made per field path ('' for none). */
  involved: Map<string, Record<string, unknown>>;
  /** The shared `source` object of this component and host (see sourceObject). */
  source: { component: string; host?: string } | undefined;
  /** The keys of the same object from another source (kubelet and scheduler events of one pod). */
  other: ObjectKeys | undefined;
}

export class EventRecorder {
  private readonly correlator = new CorrelatorCaches(CORRELATOR_CACHE_SIZE);
  /** Shared `source` objects by component and host ('' for none). */
  private readonly sources = new Map<string, Map<string, { component: string; host?: string }>>();
  private seq = 0;
  /** Writes of Events in time order (the TTL is the same for all, so the oldest expire first). */
  private readonly expiries = new ExpiryQueue();
  private readonly strings = new StringPool(4096, 160);
  private sweepAt = Number.POSITIVE_INFINITY;
  /** Correlator keys by involved object uid (see keysOf). */
  private readonly keys = new Map<string, ObjectKeys>();

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
  ) {
    api.watch('events', undefined, (e) => {
      if (e.type === 'DELETED') return;
      const meta = e.object.metadata;
      this.expiries.push(
        meta.namespace ?? 'default',
        meta.name,
        meta.resourceVersion,
        clock.now() + EVENT_TTL_MS,
      );
      this.scheduleSweep();
    });
  }

  record(
    involved: KObject,
    type: EventType,
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const meta = involved.metadata;
    const namespace = meta.namespace || 'default';
    const host = source.host ?? '';
    const nowMs = this.clock.now();
    const now = this.clock.nowISO();
    const keys = this.keysOf(involved, namespace, source.component, host);
    const scope = this.scopeOf(keys);

    // EventAggregate: count distinct messages per object+source+type+reason within the interval.
    const slot = this.correlator.slot(scope, type === 'Warning', reason);
    if (this.correlator.touchAggregate(slot, nowMs) && nowMs - slot.lastMs > AGGREGATE_INTERVAL_MS)
      slot.messages.length = 0;
    const messages = slot.messages;
    // A set of (fewer than 10) distinct messages in insertion order.
    if (!messages.includes(message)) messages.push(flat(message));
    slot.lastMs = nowMs;
    // The observation key: the event's field path and message, or (aggregated) the aggregate key alone.
    let keyFieldPath: string | undefined = fieldPath ?? '';
    let finalMessage = message;
    if (messages.length >= AGGREGATE_MAX_EVENTS) {
      // Keep the set from growing past the threshold (client-go pops an arbitrary one: the oldest here).
      messages.shift();
      keyFieldPath = undefined;
      finalMessage = AGGREGATE_PREFIX + message;
    }

    // eventObserve: the count goes up even when the spam filter then drops the write.
    const last = this.correlator.observed(slot, keyFieldPath, message);
    let observation: Observation;
    if (last) {
      last.count++;
      observation = last;
    } else {
      observation = this.correlator.observe(
        slot,
        keyFieldPath === undefined ? undefined : flat(keyFieldPath),
        flat(message),
        now,
        // Event names are `<object>.<hex unix nanos>`; a sequence keeps two in one tick apart.
        flat(`${meta.name}.${eventNameSuffix(nowMs, this.seq++ % 1_000_000)}`),
        namespace,
      );
    }

    if (!this.allow(scope, nowMs)) return;

    if (last) {
      const existing = this.api.store.get('events', last.namespace, last.name);
      if (existing) {
        try {
          this.api.update(
            {
              ...existing,
              count: observation.count,
              lastTimestamp: now,
              message:
                existing.message === finalMessage ? existing.message : this.strings.intern(finalMessage),
            },
            INTERNAL_WRITE,
          );
        } catch {
          // a conflicting write: the next occurrence counts again
        }
        return;
      }
      // The Event expired or was deleted: written again under its name, as recordToSink does on NotFound.
    }
    keys.source ??= this.sourceObject(source);
    const event: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: observation.name, namespace },
      involvedObject: this.involvedObject(involved, fieldPath, keys),
      reason,
      // A message naming its object (`Successfully assigned default/web-x to node-1`) never recurs: pooling
      // it would only churn the pool; flattening it is enough.
      message:
        meta.name && finalMessage.includes(meta.name)
          ? flat(finalMessage)
          : this.strings.intern(finalMessage),
      source: keys.source,
      firstTimestamp: observation.firstTimestamp,
      lastTimestamp: now,
      count: observation.count,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: host,
    };
    try {
      this.api.create(event, INTERNAL_WRITE);
    } catch {
      // An event for an object in a namespace that is going away is dropped, as the real recorder does.
    }
  }

  /**
   * The correlator's keys for an object and source, made once and reused while they stay the same: a
   * key string used again keeps its hash, where one built afresh for every event is hashed (and
   * flattened) on every cache lookup.
   */
  private keysOf(involved: KObject, namespace: string, component: string, host: string): ObjectKeys {
    const meta = involved.metadata;
    const uid = meta.uid ?? '';
    const first = this.keys.get(uid);
    let k = first;
    let sources = 0;
    while (
      k !== undefined &&
      (k.component !== component ||
        k.host !== host ||
        k.kind !== involved.kind ||
        k.namespace !== namespace ||
        k.name !== meta.name ||
        k.apiVersion !== involved.apiVersion)
    ) {
      k = k.other;
      sources++;
    }
    if (k === undefined) {
      k = {
        component,
        host,
        kind: involved.kind,
        namespace,
        name: meta.name,
        apiVersion: involved.apiVersion,
        uid,
        scope: undefined,
        involved: new Map(),
        source: undefined,
        // A few sources per object at most (one object name per uid): beyond, the others are let go of.
        other: sources < 4 ? first : undefined,
      };
      if (sources >= 4) this.letGo(first);
      if (this.keys.size >= CORRELATOR_CACHE_SIZE) {
        for (const chain of this.keys.values()) this.letGo(chain);
        this.keys.clear();
      }
      this.keys.set(uid, k);
    }
    return k;
  }

  /**
   * The correlator's scope of an object and source, kept with its keys while the caches hold something of
   * it. New keys take the scope their object key was registered under when earlier keys were let go of.
   */
  private scopeOf(keys: ObjectKeys): ObjectScope {
    let scope = keys.scope;
    if (scope === undefined || !scope.alive) {
      scope = this.correlator.scope(this.correlator.hasRegistered ? objectKey(keys) : undefined);
      keys.scope = scope;
    }
    return scope;
  }

  /** Keys (a chain of them) dropped from `keys`: their scopes stay findable by object key. */
  private letGo(chain: ObjectKeys | undefined): void {
    for (let k = chain; k !== undefined; k = k.other)
      if (k.scope?.alive) this.correlator.register(k.scope, objectKey(k));
  }

  /** Events about one object, oldest first, as `kubectl describe` lists them. */
  for(obj: StoredObject): StoredObject[] {
    return this.api
      .list('events', { namespace: obj.metadata.namespace || 'default' })
      .filter((e) => (e.involvedObject as { uid?: string }).uid === obj.metadata.uid)
      .sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)));
  }

  /** EventSourceObjectSpamFilter: a token bucket per source + object that starts full. */
  private allow(b: ObjectScope, nowMs: number): boolean {
    if (!this.correlator.touchSpam(b)) {
      b.tokens = SPAM_BURST;
      b.atMs = nowMs;
    }
    b.tokens = Math.min(SPAM_BURST, b.tokens + (nowMs - b.atMs) / SPAM_REFILL_MS);
    b.atMs = nowMs;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /**
   * The involvedObject reference, one per object version and field path (kept with the object's keys):
   * the events of one container start share it.
   */
  private involvedObject(
    involved: KObject,
    fieldPath: string | undefined,
    keys: ObjectKeys,
  ): Record<string, unknown> {
    const meta = involved.metadata;
    const slot = fieldPath ?? '';
    const prev = keys.involved.get(slot);
    if (prev && prev.resourceVersion === meta.resourceVersion && prev.uid === meta.uid) return prev;
    // Two literals rather than a conditional spread (which goes through a slow generic copy).
    const next: Record<string, unknown> = fieldPath
      ? {
          apiVersion: involved.apiVersion,
          kind: involved.kind,
          name: meta.name,
          namespace: meta.namespace,
          uid: meta.uid,
          resourceVersion: meta.resourceVersion,
          fieldPath: this.strings.intern(fieldPath),
        }
      : {
          apiVersion: involved.apiVersion,
          kind: involved.kind,
          name: meta.name,
          namespace: meta.namespace,
          uid: meta.uid,
          resourceVersion: meta.resourceVersion,
        };
    keys.involved.set(slot, next);
    return next;
  }

  /** One shared `source` object per component and host (stored objects are never mutated). */
  private sourceObject(source: EventSource): { component: string; host?: string } {
    let byHost = this.sources.get(source.component);
    if (!byHost) {
      byHost = new Map();
      this.sources.set(source.component, byHost);
    }
    const host = source.host ?? '';
    let s = byHost.get(host);
    if (!s) {
      s = source.host ? { component: source.component, host: source.host } : { component: source.component };
      byHost.set(host, s);
    }
    return s;
  }

  private scheduleSweep(): void {
    const q = this.expiries;
    if (q.head >= q.length) return;
    const at = q.atMs[q.head];
    if (at >= this.sweepAt) return;
    this.sweepAt = at;
    this.clock.at(at, 'events:ttl', () => {
      this.sweepAt = Number.POSITIVE_INFINITY;
      this.sweep();
    });
  }

  /** Delete Events whose last write is an hour old (a later write re-queued them with a later time). */
  private sweep(): void {
    const now = this.clock.now();
    const q = this.expiries;
    while (q.head < q.length && q.atMs[q.head] <= now) {
      const i = q.head++;
      const namespace = q.namespaces[i];
      const name = q.names[i];
      const current = this.api.store.get('events', namespace, name);
      if (!current || current.metadata.resourceVersion !== q.resourceVersions[i]) continue;
      try {
        this.api.delete('events', namespace, name, INTERNAL_WRITE);
      } catch {
        // already gone
      }
    }
    q.compact();
    this.scheduleSweep();
  }
}

/** client-go's key of an object and source (what the correlator's caches are keyed by). */
function objectKey(k: ObjectKeys): string {
  return `${k.component}\u0000${k.host}\u0000${k.kind}\u0000${k.namespace}\u0000${k.name}\u0000${k.uid}\u0000${k.apiVersion}`;
}

const TWO_32 = 4294967296;
/** The high 32 bits of the 0x1810000000000000 base the suffix counts up from. */
const SUFFIX_BASE_HIGH = 0x18100000;

/**
 * `0x1810000000000000 + ms * 10^6 + seq` in hex. In plain numbers while the sum of the low part stays exact
 * (virtual times under ~104 days), BigInt beyond: one of these is made for every event.
 */
export function eventNameSuffix(ms: number, seq: number): string {
  const nanos = ms * 1_000_000 + seq;
  if (!Number.isSafeInteger(nanos))
    return (0x1810000000000000n + BigInt(ms) * 1_000_000n + BigInt(seq)).toString(16);
  const high = SUFFIX_BASE_HIGH + Math.floor(nanos / TWO_32);
  // The high part changes every ~4.3 s of virtual time: its hex is kept. `low + 2^32` has nine hex
  // digits, a leading 1 and the eight of `low` zero-padded.
  if (high !== lastHigh) {
    lastHigh = high;
    lastHighHex = high.toString(16);
  }
  return lastHighHex + ((nanos % TWO_32) + TWO_32).toString(16).slice(1);
}

let lastHigh = -1;
let lastHighHex = '';
