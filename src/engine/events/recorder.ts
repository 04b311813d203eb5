/**
 * Events as components record them (core/v1 Event objects), with the event correlator's de-duplication:
 * the same reason and message for the same object bumps `count` and `lastTimestamp` instead of adding a
 * new Event, which is what `kubectl describe` shows as `(x4 over 2m)`.
 */
import type { ApiServer } from '../api/apiserver';
import type { KObject, StoredObject } from '../api/types';
import type { Clock } from '../sim/clock';

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private byKey = new Map<string, { namespace: string; name: string }>();
  private seq = 0;

  constructor(
    private readonly api: ApiServer,
    private readonly clock: Clock,
  ) {}

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
    const key = `${meta.uid}|${fieldPath ?? ''}|${type}|${reason}|${message}|${source.component}|${source.host ?? ''}`;
    const now = this.clock.nowISO();
    const seen = this.byKey.get(key);
    if (seen) {
      const existing = this.api.tryGet('events', seen.namespace, seen.name);
      if (existing) {
        this.api.update(
          { ...existing, count: ((existing.count as number) ?? 1) + 1, lastTimestamp: now },
          { internal: true },
        );
        return;
      }
    }
    // Event names are `<object>.<hex unix nanos>`; a sequence keeps two in one tick apart.
    const name = `${meta.name}.${eventNameSuffix(this.clock.now(), this.seq++ % 1_000_000)}`;
    const event: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: source.host
        ? { component: source.component, host: source.host }
        : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component === 'kubelet' ? 'kubelet' : source.component,
      reportingInstance: source.host ?? '',
    };
    try {
      this.api.create(event, { internal: true });
      this.byKey.set(key, { namespace, name });
    } catch {
      // An event for an object in a namespace that is going away is dropped, as the real recorder does.
    }
  }

  /** Events about one object, oldest first, as `kubectl describe` lists them. */
  for(obj: StoredObject): StoredObject[] {
    return this.api
      .list('events', { namespace: obj.metadata.namespace || 'default' })
      .filter((e) => (e.involvedObject as { uid?: string }).uid === obj.metadata.uid)
      .sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)));
  }
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
  const low = nanos % TWO_32;
  return high.toString(16) + low.toString(16).padStart(8, '0');
}
