/**
 * Turning what a learner typed into resource types and names, as kubectl's resource builder does:
 * `pods`, `po`, `deploy,svc`, `all`, `pod/web`, `deployments.apps/web`, `TYPE NAME NAME`.
 */
import { type KindRegistry, type ResourceType, resourceId } from '../engine/api/kinds';
import { CliError } from './errors';

export interface ResourceRef {
  rt: ResourceType;
  /** Empty when every object of the type is meant. */
  names: string[];
}

/** kubectl's RESTMapper error for a name it cannot map. */
export function unknownType(name: string): CliError {
  return new CliError(`the server doesn't have a resource type "${name}"`);
}

export function resolveType(kinds: KindRegistry, name: string): ResourceType {
  const rt = kinds.resolve(name);
  if (!rt) throw unknownType(name);
  return rt;
}

/** Expand `pods,svc` and `all` into types, keeping the order given and dropping duplicates. */
export function resolveTypes(kinds: KindRegistry, text: string): ResourceType[] {
  const out: ResourceType[] = [];
  for (const part of text.split(',')) {
    if (!part) continue;
    const list = part === 'all' ? allCategory(kinds) : [resolveType(kinds, part)];
    for (const rt of list) if (!out.includes(rt)) out.push(rt);
  }
  return out;
}

/** The `all` category: the built-ins in discovery order, then kinds that other profiles add to it (OpenShift). */
function allCategory(kinds: KindRegistry): ResourceType[] {
  const builtins = ALL_ORDER.map((r) => kinds.get(r)).filter((r): r is ResourceType => !!r);
  return [...builtins, ...kinds.inCategory('all').filter((rt) => !builtins.includes(rt))];
}

/** `kubectl get all` lists these, in this order (the `all` category as discovery orders it). */
const ALL_ORDER = [
  'pods',
  'replicationcontrollers',
  'services',
  'daemonsets.apps',
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'horizontalpodautoscalers.autoscaling',
  'cronjobs.batch',
  'jobs.batch',
];

/**
 * Parse positional args into references: `TYPE [NAME...]` or `TYPE/NAME...`. `requireNames` gives
 * kubectl's error when a command needs a name.
 */
export function parseResourceArgs(kinds: KindRegistry, args: string[]): ResourceRef[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    const refs: ResourceRef[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      if (i < 0) {
        throw new CliError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      const typeName = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) throw new CliError(`arguments in resource/name form must have a single resource and name`);
      const rt = resolveType(kinds, typeName);
      const existing = refs.find((r) => r.rt === rt);
      if (existing) existing.names.push(name);
      else refs.push({ rt, names: [name] });
    }
    return refs;
  }
  const [typeText, ...names] = args;
  return resolveTypes(kinds, typeText).map((rt) => ({ rt, names: [...names] }));
}

/** `deployment.apps/web`: kubectl's name for an object in messages and `-o name`. */
export function objectRef(rt: ResourceType, name: string): string {
  return `${rt.group ? `${rt.singular}.${rt.group}` : rt.singular}/${name}`;
}

/** `deployments.apps "web"` (as in `Error from server (NotFound): deployments.apps "web" not found`). */
export function qualified(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

export function typeId(rt: ResourceType): string {
  return resourceId(rt);
}

/** The `No resources found in default namespace.` line kubectl prints for an empty list. */
export function noResources(namespace: string | undefined): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}
