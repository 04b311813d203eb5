/**
 * A CheckWorld read straight from an engine cluster (Node self-test, or a host running next to the engine).
 * The browser's panel builds its world from the UI's mirror instead (ui/lessons/useLessonWorld.ts).
 */
import type { KObject } from '../engine/api/types';
import { resourceId } from '../engine/api/kinds';
import type { EngineContext } from '../engine/context';
import type { CheckWorld } from './checks';
import type { LearnerAction, TrafficRecord } from './types';

export function engineWorld(ctx: EngineContext, actions: readonly LearnerAction[], sinceMs: number): CheckWorld {
  return {
    list(kind: string): readonly KObject[] {
      return ctx.kinds.byKindName(kind).flatMap((rt) => ctx.api.store.list(resourceId(rt)));
    },
    actions,
    traffic: networkRequests(ctx).filter((r) => r.atMs >= sinceMs),
  };
}

/**
 * The network simulation's request log, when it runs. It publishes itself as ctx.services 'network' with a
 * `requests()` method or a `requests` array of records shaped like TrafficRecord.
 */
export function networkRequests(ctx: EngineContext): TrafficRecord[] {
  const net = ctx.services.get('network') as { requests?: TrafficRecord[] | (() => TrafficRecord[]) } | undefined;
  if (!net?.requests) return [];
  return typeof net.requests === 'function' ? net.requests() : net.requests;
}
