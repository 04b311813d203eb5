/**
 * The registry of kinds the API server serves, with the names kubectl resolves (plural, singular, short
 * names, categories such as `all`). OpenShift and Istio kinds register here the same way built-ins do.
 */
import type { FieldError } from './errors';
import type { KObject, StoredObject } from './types';

export interface KindStrategy {
  /** Whether `status` is a subresource: then a main update keeps the stored status and bumps generation on spec changes. */
  statusSubresource?: boolean;
  /** Fill in defaults the API server sets on create and update (beyond the schema's own). */
  defaults?(obj: KObject): void;
  /** Kind-specific validation beyond the schema (e.g. a Deployment's selector must match its template). */
  validate?(obj: KObject, old?: StoredObject): FieldError[];
  /** Whether metadata.generation is kept (workloads, CRD-style kinds): bumped on every spec change. */
  generation?: boolean;
  /** Reset or derive fields on create (e.g. an empty status). */
  prepareForCreate?(obj: KObject): void;
}

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories: string[];
  verbs: string[];
  strategy: KindStrategy;
}

export const STANDARD_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export class KindRegistry {
  private byResource = new Map<string, ResourceType>();
  private byName = new Map<string, ResourceType[]>();
  private byGVK = new Map<string, ResourceType>();
  private byKind = new Map<string, ResourceType[]>();

  register(
    input: Omit<ResourceType, 'verbs' | 'strategy' | 'categories' | 'shortNames'> & Partial<ResourceType>,
  ): ResourceType {
    const rt: ResourceType = {
      shortNames: [],
      categories: [],
      verbs: STANDARD_VERBS,
      strategy: {},
      ...input,
    };
    const id = resourceId(rt);
    this.byResource.set(id, rt);
    this.byGVK.set(gvkKey(apiVersionOf(rt), rt.kind), rt);
    push(this.byKind, rt.kind, rt);
    const names = new Set([rt.plural, rt.singular, rt.kind.toLowerCase(), ...rt.shortNames]);
    for (const n of names) {
      push(this.byName, n, rt);
      // `deployments.apps`, `deploy.apps` and `deployments.v1.apps` resolve too.
      if (rt.group) {
        push(this.byName, `${n}.${rt.group}`, rt);
        push(this.byName, `${n}.${rt.version}.${rt.group}`, rt);
      }
    }
    return rt;
  }

  /** `pods`, `deployments.apps`: the key a resource's objects are stored under. */
  get(resource: string): ResourceType | undefined {
    return this.byResource.get(resource);
  }

  all(): ResourceType[] {
    return [...this.byResource.values()];
  }

  forObject(obj: Pick<KObject, 'apiVersion' | 'kind'>): ResourceType | undefined {
    return this.byGVK.get(gvkKey(obj.apiVersion, obj.kind));
  }

  /** Kinds with this Kind name in any group (to word "no matches for kind" errors). */
  byKindName(kind: string): ResourceType[] {
    return this.byKind.get(kind) ?? [];
  }

  /**
   * Resolve what a user typed (`po`, `deploy`, `Deployment`, `deployments.apps`) the way kubectl's RESTMapper
   * does; core and built-in groups win over later registrations when a short name is ambiguous.
   */
  resolve(name: string): ResourceType | undefined {
    const exact = this.byName.get(name) ?? this.byName.get(name.toLowerCase());
    return exact?.[0];
  }

  inCategory(category: string): ResourceType[] {
    return this.all().filter((rt) => rt.categories.includes(category));
  }
}

export function apiVersionOf(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

export function resourceId(rt: Pick<ResourceType, 'plural' | 'group'>): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
