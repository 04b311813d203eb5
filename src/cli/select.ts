/**
 * Fetching the objects a command names: `TYPE NAME...`, `TYPE/NAME`, `TYPE -l sel`, `TYPE --all`, `-f FILE`,
 * across one namespace or all of them. NotFound errors are collected (kubectl reports them after the rest).
 */
import { StatusError } from '../engine/api/errors';
import type { ResourceType } from '../engine/api/kinds';
import {
  type FieldRequirement,
  parseFieldSelector,
  parseLabelSelector,
  type Selector,
  SelectorParseError,
  SUPPORTED_FIELDS,
} from '../engine/api/selectors';
import type { StoredObject } from '../engine/api/types';
import type { CommandContext } from './command';
import { CliError } from './errors';
import { loadManifests } from './manifests';
import { parseResourceArgs, type ResourceRef, typeId } from './resources';

export interface SelectedGroup {
  rt: ResourceType;
  objects: StoredObject[];
  /** Whether the objects were asked for by name (not listed). */
  named: boolean;
}

export interface SelectOptions {
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
  filenames?: string[];
  recursive?: boolean;
}

export function labelSelector(text: string | undefined): Selector | undefined {
  if (!text) return undefined;
  try {
    return parseLabelSelector(text);
  } catch (err) {
    if (err instanceof SelectorParseError) throw new CliError(err.message);
    throw err;
  }
}

export function fieldSelector(rt: ResourceType, text: string | undefined): FieldRequirement[] | undefined {
  if (!text) return undefined;
  let reqs: FieldRequirement[];
  try {
    reqs = parseFieldSelector(text);
  } catch (err) {
    if (err instanceof SelectorParseError) throw new CliError(err.message);
    throw err;
  }
  const allowed = [...SUPPORTED_FIELDS['*'], ...(SUPPORTED_FIELDS[typeId(rt)] ?? [])];
  for (const r of reqs) {
    if (!allowed.includes(r.field)) {
      throw new StatusError(
        400,
        'BadRequest',
        `Unable to find "${groupVersionResource(rt)}" that match label selector "", field selector "${text}": field label not supported: ${r.field}`,
      );
    }
  }
  return reqs;
}

function groupVersionResource(rt: ResourceType): string {
  return `${rt.group}/${rt.version}, Resource=${rt.plural}`;
}

/** Namespace to use for a namespaced type (undefined = every namespace). */
export function listNamespace(
  ctx: CommandContext,
  rt: ResourceType,
  allNamespaces: boolean | undefined,
): string | undefined {
  if (!rt.namespaced) return undefined;
  return allNamespaces ? undefined : ctx.namespace;
}

/** Resolve refs (or `-f` files) into objects. Named objects that do not exist go into `errors`. */
export function selectObjects(
  ctx: CommandContext,
  args: string[],
  opts: SelectOptions,
): { groups: SelectedGroup[]; errors: unknown[]; refs: ResourceRef[] } {
  const errors: unknown[] = [];
  const groups: SelectedGroup[] = [];
  if (opts.filenames?.length) {
    const { items, errors: decodeErrors } = loadManifests(
      opts.filenames,
      { files: ctx.files, stdin: ctx.stdin, cwd: ctx.cwd, recursive: opts.recursive },
      ctx.api.kinds,
    );
    errors.push(...decodeErrors);
    for (const item of items) {
      const ns = item.rt.namespaced ? item.obj.metadata.namespace || ctx.namespace : undefined;
      try {
        const obj = ctx.api.get(typeId(item.rt), ns, item.obj.metadata.name ?? '');
        addTo(groups, item.rt, obj, true);
      } catch (err) {
        errors.push(err);
      }
    }
    return { groups, errors, refs: [] };
  }
  const refs = parseResourceArgs(ctx.api.kinds, args);
  const sel = labelSelector(opts.selector);
  for (const ref of refs) {
    const id = typeId(ref.rt);
    if (ref.names.length > 0) {
      const group: SelectedGroup = { rt: ref.rt, objects: [], named: true };
      groups.push(group);
      for (const name of ref.names) {
        try {
          group.objects.push(ctx.api.get(id, ref.rt.namespaced ? ctx.namespace : undefined, name));
        } catch (err) {
          errors.push(err);
        }
      }
      continue;
    }
    const objects = ctx.api.list(id, {
      namespace: listNamespace(ctx, ref.rt, opts.allNamespaces),
      labelSelector: sel,
      fieldSelector: fieldSelector(ref.rt, opts.fieldSelector),
    });
    groups.push({ rt: ref.rt, objects, named: false });
  }
  return { groups, errors, refs };
}

function addTo(groups: SelectedGroup[], rt: ResourceType, obj: StoredObject, named: boolean): void {
  const g = groups.find((x) => x.rt === rt);
  if (g) g.objects.push(obj);
  else groups.push({ rt, objects: [obj], named });
}
