/**
 * The writes `apply`, `create`, `replace` make for each manifest item, with kubectl's result lines
 * (`deployment.apps/web created`, `configured`, `unchanged`) and dry-run suffixes.
 */

import { StatusError } from '../engine/api/errors';
import type { ResourceType } from '../engine/api/kinds';
import type { KObject, StoredObject } from '../engine/api/types';
import { deepEqual, stableStringify } from '../engine/util/objects';
import { diffPatch, LAST_APPLIED, threeWayMerge, withLastApplied } from './apply-merge';
import type { CommandContext } from './command';
import { CliError } from './errors';
import type { ManifestItem } from './manifests';
import { objectRef, typeId } from './resources';

export type DryRun = 'none' | 'client' | 'server';

export function parseDryRun(value: string): DryRun {
  if (value === 'none' || value === 'client' || value === 'server') return value;
  if (value === 'unchanged' || value === 'true') return 'client';
  if (value === 'false' || value === '') return 'none';
  throw new CliError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** The namespace an item goes to; kubectl refuses a manifest namespace that contradicts `-n`. */
export function itemNamespace(ctx: CommandContext, item: ManifestItem): string | undefined {
  if (!item.rt.namespaced) return undefined;
  const own = item.obj.metadata.namespace;
  if (own && ctx.explicitNamespace && own !== ctx.namespace) {
    throw new CliError(
      `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  return own || ctx.namespace;
}

export interface WriteOutcome {
  obj: KObject;
  verb: 'created' | 'configured' | 'unchanged' | 'serverside-applied';
}

/** Client-side apply of one item. Server errors come back wrapped with the source, as kubectl words them. */
export function applyItem(
  ctx: CommandContext,
  item: ManifestItem,
  dryRun: DryRun,
  serverSide = false,
): WriteOutcome {
  const { rt, source } = item;
  const ns = itemNamespace(ctx, item);
  const name = item.obj.metadata.name;
  if (!name)
    throw new CliError(
      `error when retrieving current configuration of:\nResource: "${gvr(rt)}", GroupVersionKind: "${gvk(rt)}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${source}": resource name may not be empty`,
    );
  const manifest = {
    ...item.obj,
    metadata: { ...item.obj.metadata, ...(ns ? { namespace: ns } : {}) },
  } as KObject;
  const current = ctx.api.tryGet(typeId(rt), ns, name);
  const user = ctx.user;
  if (!current) {
    const toCreate = (serverSide ? manifest : withLastApplied(manifest)) as KObject;
    if (dryRun === 'client') return { obj: toCreate, verb: serverSide ? 'serverside-applied' : 'created' };
    try {
      const created = ctx.api.create(structuredClone(toCreate), { dryRun: dryRun === 'server', user });
      return { obj: created, verb: serverSide ? 'serverside-applied' : 'created' };
    } catch (err) {
      throw wrapServer('creating', source, err);
    }
  }
  const lastText = current.metadata.annotations?.[LAST_APPLIED];
  let original: unknown = {};
  if (lastText) {
    try {
      original = JSON.parse(lastText);
    } catch {
      original = {};
    }
  }
  const modified = serverSide ? manifest : withLastApplied(manifest);
  const merged = threeWayMerge(original, modified, stripServerFields(current)) as KObject;
  const live = stripServerFields(current);
  const unchanged = deepEqual(merged, live) || wouldNotChange(ctx, merged, current);
  if (unchanged) return { obj: current, verb: serverSide ? 'serverside-applied' : 'unchanged' };
  if (dryRun === 'client') return { obj: merged, verb: serverSide ? 'serverside-applied' : 'configured' };
  try {
    const updated = ctx.api.update(
      structuredClone({
        ...merged,
        metadata: { ...merged.metadata, resourceVersion: current.metadata.resourceVersion },
      }) as KObject,
      { dryRun: dryRun === 'server', user },
    );
    return { obj: updated, verb: serverSide ? 'serverside-applied' : 'configured' };
  } catch (err) {
    if (err instanceof StatusError && err.reason !== 'Invalid') {
      const patch = stableStringify(diffPatch(live, merged));
      throw new StatusError(
        err.code,
        err.reason,
        `error when applying patch:\n${patch}\n\nto:\nResource: "${gvr(rt)}", GroupVersionKind: "${gvk(rt)}"\nName: "${name}", Namespace: "${ns ?? ''}"\nfor: "${source}": error when patching "${source}": ${err.message}`,
        err.causes,
      );
    }
    throw err;
  }
}

/** `kubectl create -f`: a plain create, AlreadyExists when it is there. */
export function createItem(
  ctx: CommandContext,
  item: ManifestItem,
  dryRun: DryRun,
  saveConfig: boolean,
): KObject {
  const ns = itemNamespace(ctx, item);
  const obj = {
    ...item.obj,
    metadata: { ...item.obj.metadata, ...(ns ? { namespace: ns } : {}) },
  } as KObject;
  const toCreate = saveConfig ? (withLastApplied(obj) as KObject) : obj;
  if (dryRun === 'client') return toCreate;
  try {
    return ctx.api.create(structuredClone(toCreate), { dryRun: dryRun === 'server', user: ctx.user });
  } catch (err) {
    throw wrapServer('creating', item.source, err);
  }
}

export function wrapServer(verb: string, source: string, err: unknown): unknown {
  if (err instanceof StatusError) {
    return new StatusError(
      err.code,
      err.reason,
      `error when ${verb} "${source}": ${err.message}`,
      err.causes,
    );
  }
  return err;
}

/**
 * Whether the API server would store the merge result as the live object already is (defaults filled
 * in, server-owned fields such as `creationTimestamp: null` from a dry-run manifest restored): then
 * kubectl's patch is empty and it says `unchanged`.
 */
function wouldNotChange(ctx: CommandContext, merged: KObject, current: StoredObject): boolean {
  try {
    const probe = structuredClone({
      ...merged,
      metadata: { ...merged.metadata, resourceVersion: current.metadata.resourceVersion },
    });
    return ctx.api.update(probe as KObject, { dryRun: true, user: ctx.user }) === current;
  } catch {
    return false;
  }
}

/** The live object without what the server owns, so it can be compared with a merge result. */
function stripServerFields(obj: StoredObject): KObject {
  return obj as KObject;
}

function gvr(rt: ResourceType): string {
  return `${rt.group ? `${rt.group}/` : ''}${rt.version}, Resource=${rt.plural}`;
}

function gvk(rt: ResourceType): string {
  return `${rt.group ? `${rt.group}/` : ''}${rt.version}, Kind=${rt.kind}`;
}

export function resultLine(rt: ResourceType, name: string, verb: string, dryRun: DryRun): string {
  return `${objectRef(rt, name)} ${verb}${dryRunSuffix(dryRun)}\n`;
}
