/**
 * Field descriptions for `kubectl explain` and the editor's hovers: the generated ones plus those of
 * custom resources registered at run time. Kept apart from bundle.ts so the API server path does not
 * load them.
 */
import generated from './generated/descriptions.json';
import type { DescriptionBundle } from './types';

const bundled = generated as unknown as DescriptionBundle;
const runtime: DescriptionBundle = {};

/** Descriptions of a definition: `''` for the type, property names for its fields. */
export function descriptionsOf(definition: string): Record<string, string> | undefined {
  return runtime[definition] ?? bundled[definition];
}

export function registerDescriptions(entries: DescriptionBundle): void {
  Object.assign(runtime, entries);
}
