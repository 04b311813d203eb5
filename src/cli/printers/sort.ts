import type { StoredObject } from '../../engine/api/types';

export function sortImpl(objects: StoredObject[], _jsonPath: string): StoredObject[] {
  return [...objects];
}
