/**
 * A CheckWorld read straight from an engine cluster: the Node self-test and the worker (src/worker/host.ts)
 * both judge checks this way.
 */
import { resourceId } from '../engine/api/kinds';
import type { KObject } from '../engine/api/types';
import type { EngineContext } from '../engine/context';
import type { Network } from '../engine/network/network';
import type { CheckWorld } from './checks';
import type { LearnerAction, TrafficRecord } from './types';

export function engineWorld(
  ctx: EngineContext,
  actions: readonly LearnerAction[],
  sinceMs: number,
): CheckWorld {
  return {
    list(kind: string): readonly KObject[] {
      return ctx.kinds.byKindName(kind).flatMap((rt) => ctx.api.store.list(resourceId(rt)));
    },
    actions,
    traffic: networkRequests(ctx, sinceMs),
  };
}

/**
 * The network simulation's request log (ctx.services 'network'), when it runs: its `namespace/name`
 * strings become the Service, namespace and Pod a traffic check compares.
 */
export function networkRequests(ctx: EngineContext, sinceMs = 0): TrafficRecord[] {
  const net = ctx.services.get('network') as Pick<Network, 'log'> | undefined;
  if (!net?.log) return [];
  return net.log.recent(undefined, sinceMs).map((e) => {
    const record: TrafficRecord = { atMs: e.atMs };
    if (e.service) [record.namespace, record.service] = splitKey(e.service);
    if (e.to) record.pod = splitKey(e.to)[1];
    if (e.status !== undefined) record.status = e.status;
    return record;
  });
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}
