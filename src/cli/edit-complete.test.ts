import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { completeEdit } from './edit-complete';
import { createShell } from './index';
import type { CommandEffect } from './types';

function openEditor() {
  const cluster = createCluster({ seed: 11 });
  const shell = createShell(cluster);
  shell.run('kubectl create configmap cfg --from-literal=color=blue');
  const r = shell.run('kubectl edit configmap cfg');
  const effect = r.effects?.[0] as Extract<CommandEffect, { type: 'open-editor' }>;
  return { cluster, shell, effect };
}

describe('completeEdit (saving the editor kubectl edit opened)', () => {
  it('applies the edited object and says edited', () => {
    const { cluster, shell, effect } = openEditor();
    const r = completeEdit(shell, effect, effect.content.replace('color: blue', 'color: green'));
    expect(r).toEqual({ output: 'configmap/cfg edited\n', exitCode: 0 });
    expect(cluster.api.get('configmaps', 'default', 'cfg').data).toEqual({ color: 'green' });
  });

  it('cancels on an unchanged or empty file', () => {
    const { shell, effect } = openEditor();
    expect(completeEdit(shell, effect, effect.content)).toEqual({
      output: 'Edit cancelled, no changes made.\n',
      exitCode: 0,
    });
    expect(completeEdit(shell, effect, '# nothing\n')).toEqual({
      output: 'Edit cancelled, no changes made.\n',
      exitCode: 0,
    });
  });

  it('reports YAML errors without changing the object', () => {
    const { cluster, shell, effect } = openEditor();
    const before = cluster.stateHash();
    const r = completeEdit(shell, effect, 'apiVersion: v1\nkind: ConfigMap\nmetadata: name: cfg\n');
    expect(r).toEqual({
      output: 'error: yaml: line 3: mapping values are not allowed in this context\n',
      exitCode: 1,
    });
    expect(cluster.stateHash()).toBe(before);
  });
});
