/**
 * Field descriptions for `kubectl explain` and the editor's hovers: the generated ones plus those of
 * custom resources registered at run time. Kept apart from bundle.ts so the API server path does not
 * load them.
 *
 * The generated set is a megabyte of text (a third of the engine worker once compressed) that nothing on
 * the first screen needs, so it is not imported here: `descriptions-bundled.ts` provides it. Node hosts
 * (tests, the script runner, benchmarks) import that module up front; the browser worker loads it as its
 * own chunk right after the first snapshot is on screen, before it answers any command.
 */
import type { DescriptionBundle } from './types';

let bundled: DescriptionBundle = {};
let loaded = false;
const runtime: DescriptionBundle = {};

/** Descriptions of a definition: `''` for the type, property names for its fields. */
export function descriptionsOf(definition: string): Record<string, string> | undefined {
  return runtime[definition] ?? bundled[definition];
}

export function registerDescriptions(entries: DescriptionBundle): void {
  Object.assign(runtime, entries);
}

/** Install the generated descriptions (descriptions-bundled.ts does, once). */
export function provideDescriptions(entries: DescriptionBundle): void {
  bundled = entries;
  loaded = true;
}

export function descriptionsLoaded(): boolean {
  return loaded;
}
