import type { ResourceType } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import type { TableOptions } from './index';

export function tableImpl(_rt: ResourceType, objects: StoredObject[], _opts: TableOptions, _nowMs: number, header: boolean): string {
  const rows = objects.map((o) => o.metadata.name);
  return `${[...(header ? ['NAME'] : []), ...rows].join('\n')}\n`;
}
