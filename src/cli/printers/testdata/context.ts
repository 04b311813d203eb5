/** A bare engine context for describe tests: the real API server and store, objects put in verbatim. */
import { ApiServer } from '../../../engine/api/apiserver';
import { resourceId } from '../../../engine/api/kinds';
import type { StoredObject } from '../../../engine/api/types';
import type { EngineContext } from '../../../engine/context';
import { Clock, EPOCH_MS } from '../../../engine/sim/clock';
import { Rng } from '../../../engine/sim/rng';
import { NOW } from './objects';
import { kinds } from './registry';

export function describeContext(objects: StoredObject[]): EngineContext {
  const clock = new Clock();
  clock.advance(NOW - EPOCH_MS);
  const api = new ApiServer(kinds, clock, new Rng(1), { freeze: true });
  for (const o of objects) {
    const rt = kinds.forObject(o);
    if (!rt) throw new Error(`unknown kind ${o.kind}`);
    api.store.put(resourceId(rt), o);
  }
  return { clock, api, kinds } as unknown as EngineContext;
}
