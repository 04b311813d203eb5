/**
 * `POD`, `pod/x`, `deploy/x`, `svc/x`, `job/x`... resolved to one pod the way `logs`, `exec` and `attach`
 * do it (kubectl's AttachablePodForObject: the first pod of the controller's selector, by creation).
 */
import { fromLabelSelector, fromMap, matches, type Selector } from '../engine/api/selectors';
import type { StoredObject } from '../engine/api/types';
import type { CommandContext } from './command';
import { CliError } from './errors';
import { resolveType, typeId } from './resources';

export function selectorOf(obj: StoredObject): Selector | null {
  if (obj.kind === 'Service') return fromMap(obj.spec?.selector);
  if (obj.kind === 'ReplicationController') return fromMap(obj.spec?.selector);
  return fromLabelSelector(obj.spec?.selector);
}

/** Pods an object selects, oldest first (the order kubectl picks from). */
export function podsFor(ctx: CommandContext, obj: StoredObject): StoredObject[] {
  const sel = selectorOf(obj);
  if (!sel) return [];
  return ctx.api
    .list('pods', { namespace: obj.metadata.namespace })
    .filter((p) => matches(sel, p.metadata.labels) && !p.metadata.deletionTimestamp)
    .sort((a, b) =>
      a.metadata.creationTimestamp < b.metadata.creationTimestamp
        ? -1
        : a.metadata.creationTimestamp > b.metadata.creationTimestamp
          ? 1
          : a.metadata.name < b.metadata.name
            ? -1
            : 1,
    );
}

export function resolvePodArg(ctx: CommandContext, arg: string): StoredObject {
  const slash = arg.indexOf('/');
  if (slash < 0) return ctx.api.get('pods', ctx.namespace, arg);
  const rt = resolveType(ctx.api.kinds, arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  const obj = ctx.api.get(typeId(rt), rt.namespaced ? ctx.namespace : undefined, name);
  if (rt.kind === 'Pod') return obj;
  const pods = podsFor(ctx, obj);
  if (pods.length === 0) throw new CliError(`timed out waiting for the condition`);
  return pods[0];
}
