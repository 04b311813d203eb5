import type { ResourceType } from '../../../engine/api/kinds';
import type { StoredObject } from '../../../engine/api/types';
import type { EngineContext } from '../../../engine/context';

export function describeImpl(_ctx: EngineContext, _rt: ResourceType, obj: StoredObject): string {
  return `Name:         ${obj.metadata.name}\n`;
}
