/**
 * `kubectl diff -f`: what apply would change, as `diff -u -N` of the live objects and the server's dry-run
 * of the apply. Exit 1 when something would change, 0 when nothing would, above 1 for errors.
 */

import type { KObject, StoredObject } from '../../engine/api/types';
import { EPOCH_MS } from '../../engine/sim/clock';
import { formatRFC3339 } from '../../engine/sim/timefmt';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { loadManifests, type ManifestItem } from '../manifests';
import { printObjects } from '../printers/index';
import { typeId } from '../resources';
import { unifiedHunks } from '../unified-diff';
import { applyItem, itemNamespace } from '../write';

export const diffCommand: Command = {
  name: 'diff',
  group: 'Advanced Commands',
  short: 'Diff the live version against a would-be applied version',
  long: `Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.

 The output is always YAML.

 KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too.

 Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

 Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.`,
  examples: `  # Diff resources included in pod.json
  kubectl diff -f pod.json

  # Diff file read from stdin
  cat service.yaml | kubectl diff -f -`,
  usage: 'diff -f FILENAME [options]',
  flags: [
    F.filename('contains the configuration to diff'),
    F.recursive,
    { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
    F.fieldManager,
  ],
  run: runDiff,
};

/** `apps.v1.Deployment.default.web`: the file name kubectl gives each object. */
function fileName(item: ManifestItem, ns: string | undefined): string {
  const { rt } = item;
  return `${rt.group ? `${rt.group}.` : ''}${rt.version}.${rt.kind}.${ns ?? ''}.${item.obj.metadata.name ?? ''}`;
}

function yamlOf(ctx: CommandContext, item: ManifestItem, obj: KObject | undefined): string {
  if (!obj) return '';
  const { managedFields: _drop, ...metadata } = obj.metadata as Record<string, unknown>;
  return printObjects(
    item.rt,
    [{ ...obj, metadata } as StoredObject],
    { kind: 'yaml' },
    { single: true, nowMs: ctx.cluster.clock.now() },
  );
}

function runDiff(ctx: CommandContext, inv: Invocation): number {
  const filenames = inv.flags.list('filename');
  if (filenames.length === 0) throw new CliError('missing filename', 2);
  const { items, errors } = loadManifests(
    filenames,
    { files: ctx.files, stdin: ctx.stdin, cwd: ctx.cwd, recursive: inv.flags.bool('recursive') },
    ctx.api.kinds,
  );
  const digits = () => String(ctx.rng.string(10, '0123456789')).replace(/^0/, '1');
  const liveDir = `/tmp/LIVE-${digits()}`;
  const mergedDir = `/tmp/MERGED-${digits()}`;
  // diff prints each file's modification time; the files were just written, at the cluster's now.
  const stamp = formatRFC3339(EPOCH_MS + ctx.cluster.clock.now(), 6)
    .replace('T', ' ')
    .replace(/\.(\d{6})Z$/, '.$1000 +0000');
  let changed = false;
  for (const item of items) {
    try {
      const ns = itemNamespace(ctx, item);
      const live = ctx.api.tryGet(typeId(item.rt), ns, item.obj.metadata.name ?? '');
      const merged = applyItem(ctx, item, 'server', inv.flags.bool('server-side')).obj;
      const hunks = unifiedHunks(yamlOf(ctx, item, live), yamlOf(ctx, item, merged));
      if (!hunks) continue;
      changed = true;
      const name = fileName(item, ns);
      ctx.print(
        `diff -u -N ${liveDir}/${name} ${mergedDir}/${name}\n--- ${liveDir}/${name}\t${stamp}\n+++ ${mergedDir}/${name}\t${stamp}\n${hunks}`,
      );
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 2;
  }
  return changed ? 1 : 0;
}
