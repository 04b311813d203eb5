/**
 * RBAC on the requests a non-admin user's commands make: the API server's authorization filter, which
 * runs before any handler. `authorizedApi(api, user)` is the view of the API server a command gets: every
 * resource request (get, list, create, update, patch, delete, status and binding subresources) is first
 * checked with the same evaluator `kubectl auth can-i` uses, and a denied one fails with the server's
 * 403 before the store is touched. Cluster admins get the server itself; engine components never come here.
 */
import type { ApiServer, DeleteOptions, ListOptions, UserInfo, WriteOptions } from '../engine/api/apiserver';
import { forbidden, qualifiedResource } from '../engine/api/errors';
import type { ResourceType } from '../engine/api/kinds';
import type { KObject } from '../engine/api/types';
import { rbacAllows } from './commands/auth';
import { rawApi, rememberRaw } from './raw-api';

const ADMIN_NAMES = new Set(['kubernetes-admin', 'kube:admin', 'system:admin']);

/** Users the authorizer never refuses (the kubeadm admin, OpenShift's kubeadmin and system:admin, system:masters). */
export function alwaysAllowed(user: UserInfo | undefined): boolean {
  return !user || ADMIN_NAMES.has(user.username) || user.groups.includes('system:masters');
}

/** The attributes of one resource request, as the API server's RequestInfo resolves them. */
interface Attributes {
  verb: string;
  rt: ResourceType;
  subresource: string;
  namespace: string | undefined;
  name: string;
}

/** `User "developer" cannot list resource "pods" in API group "" in the namespace "default"` (forbiddenMessage). */
function forbiddenMessage(user: UserInfo, a: Attributes): string {
  const resource = a.subresource ? `${a.rt.plural}/${a.subresource}` : a.rt.plural;
  const head = `User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.rt.group}"`;
  return a.namespace ? `${head} in the namespace "${a.namespace}"` : `${head} at the cluster scope`;
}

function authorize(raw: ApiServer, user: UserInfo, a: Attributes): void {
  const ctx = { api: raw };
  if (rbacAllows(ctx, user, a.verb, a.rt.group, a.rt.plural, a.subresource, a.name, a.namespace)) return;
  const qualified = qualifiedResource(a.rt.plural, a.rt.group);
  const what = a.name ? `${qualified} "${a.name}"` : qualified;
  throw forbidden(`${what} is forbidden: ${forbiddenMessage(user, a)}`);
}

/**
 * The namespace of a request: the object's own for namespaced kinds; a Namespace's requests carry its
 * name as their namespace (so a RoleBinding in a project grants `get namespace/<project>`).
 */
function requestNamespace(rt: ResourceType, namespace: string | undefined, name: string): string | undefined {
  if (rt.namespaced) return namespace || undefined;
  return rt.plural === 'namespaces' && rt.group === '' && name ? name : undefined;
}

/** What the server's handlers see: the request's writes carry the user (admission asks who wrote them). */
function asUser<T extends WriteOptions>(opts: T | undefined, user: UserInfo): T {
  return { ...(opts ?? ({} as T)), user: opts?.user ?? user };
}

/** The API server as `user` reaches it; the server itself for users the authorizer always allows. */
export function authorizedApi(api: ApiServer, user: UserInfo | undefined): ApiServer {
  const raw = rawApi(api);
  if (alwaysAllowed(user) || !user) return raw;
  const check = (verb: string, rt: ResourceType, ns: string | undefined, name: string, sub = '') =>
    authorize(raw, user, { verb, rt, subresource: sub, namespace: requestNamespace(rt, ns, name), name });
  const guarded: Partial<ApiServer> = {
    get(resource: string, namespace: string | undefined, name: string) {
      check('get', raw.type(resource), namespace, name);
      return raw.get(resource, namespace, name);
    },
    tryGet(resource: string, namespace: string | undefined, name: string) {
      const rt = raw.kinds.get(resource);
      if (rt) check('get', rt, namespace, name);
      return raw.tryGet(resource, namespace, name);
    },
    list(resource: string, opts: ListOptions = {}) {
      check('list', raw.type(resource), opts.namespace, '');
      return raw.list(resource, opts);
    },
    create(input: KObject, opts?: WriteOptions) {
      // Engine-style writes (`internal`) are the server's own work on the request's behalf, never the user's.
      if (!opts?.internal) check('create', raw.typeOf(input), input.metadata?.namespace, '');
      return raw.create(input, opts?.internal ? opts : asUser(opts, user));
    },
    update(input: KObject, opts?: WriteOptions) {
      if (!opts?.internal)
        check('update', raw.typeOf(input), input.metadata?.namespace, input.metadata?.name ?? '');
      return raw.update(input, opts?.internal ? opts : asUser(opts, user));
    },
    updateStatus(input: KObject, opts?: WriteOptions) {
      if (!opts?.internal)
        check('update', raw.typeOf(input), input.metadata?.namespace, input.metadata?.name ?? '', 'status');
      return raw.updateStatus(input, opts?.internal ? opts : asUser(opts, user));
    },
    patch(...args: Parameters<ApiServer['patch']>) {
      const [resource, namespace, name, type, patch, opts] = args;
      if (!opts?.internal) check('patch', raw.type(resource), namespace, name, opts?.subresource ?? '');
      return raw.patch(resource, namespace, name, type, patch, opts?.internal ? opts : asUser(opts, user));
    },
    bind(...args: Parameters<ApiServer['bind']>) {
      const [namespace, name, nodeName, opts] = args;
      if (!opts?.internal) check('create', raw.type('pods'), namespace, name, 'binding');
      return raw.bind(namespace, name, nodeName, opts?.internal ? opts : asUser(opts, user));
    },
    delete(resource: string, namespace: string | undefined, name: string, opts?: DeleteOptions) {
      if (!opts?.internal) check('delete', raw.type(resource), namespace, name);
      return raw.delete(resource, namespace, name, opts?.internal ? opts : asUser(opts, user));
    },
  };
  const view = new Proxy(raw, {
    get(target, prop) {
      if (Object.hasOwn(guarded, prop)) return guarded[prop as keyof ApiServer];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  rememberRaw(view, raw);
  return view;
}
