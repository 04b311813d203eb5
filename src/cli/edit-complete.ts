/**
 * The second half of `kubectl edit`, run when the learner saves the editor: comments stripped, an empty file
 * or an unchanged one cancels, otherwise the edited object replaces the live one (with kubectl's messages).
 */
import YAML from 'yaml';
import { StatusError } from '../engine/api/errors';
import type { KObject } from '../engine/api/types';
import { deepEqual } from '../engine/util/objects';
import { formatError } from './errors';
import { yamlSyntaxError } from './manifests';
import type { LabShell } from './shell';
import type { CommandEffect, CommandResult } from './types';

export function completeEdit(
  shell: LabShell,
  effect: Extract<CommandEffect, { type: 'open-editor' }>,
  edited: string,
): CommandResult {
  const text = edited
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  if (text.trim() === '') return { output: 'Edit cancelled, no changes made.\n', exitCode: 0 };
  const syntax = yamlSyntaxError(text);
  if (syntax) return { output: `error: ${syntax.replace(/^yaml: /, 'yaml: ')}\n`, exitCode: 1 };
  const obj = YAML.parse(text, { schema: 'yaml-1.1' }) as KObject;
  const api = shell.cluster.api;
  const current = api.tryGet(pluralOf(shell, effect.resource), effect.namespace, effect.name);
  if (!current)
    return {
      output: formatError(new StatusError(404, 'NotFound', `${effect.resource} "${effect.name}" not found`)),
      exitCode: 1,
    };
  if (deepEqual(obj, current)) return { output: 'Edit cancelled, no changes made.\n', exitCode: 0 };
  try {
    api.update({ ...obj, metadata: { ...obj.metadata, resourceVersion: current.metadata.resourceVersion } });
  } catch (err) {
    const msg = formatError(err);
    return {
      output: `error: ${effect.resource}s "${effect.name}" could not be patched\n${msg}`,
      exitCode: 1,
    };
  }
  shell.cluster.settle();
  return { output: `${effect.resource}/${effect.name} edited\n`, exitCode: 0 };
}

function pluralOf(shell: LabShell, resource: string): string {
  const rt = shell.cluster.api.kinds.resolve(resource);
  if (!rt) return resource;
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}
