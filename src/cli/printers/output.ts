import type { ResourceType } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import type { OutputFormat } from './index';

export function parseImpl(value: string): OutputFormat {
  if (value === 'yaml' || value === 'json' || value === 'name' || value === 'wide') return { kind: value };
  throw new Error(`unable to match a printer suitable for the output format "${value}"`);
}

export function printObjectsImpl(
  _rt: ResourceType | undefined,
  objects: StoredObject[],
  _format: OutputFormat,
  _opts: { single: boolean; nowMs: number; noHeaders?: boolean },
): string {
  return `${JSON.stringify(objects, null, 4)}\n`;
}
