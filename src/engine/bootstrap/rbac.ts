/**
 * The API server's bootstrap RBAC policy (rbac/bootstrap-roles post-start hook): the user-facing
 * ClusterRoles cluster-admin, admin, edit and view with the system:aggregate-to-* roles they aggregate,
 * and the cluster-admin binding for system:masters. admin/edit/view carry an aggregationRule; their rules
 * are what the clusterrole-aggregation controller fills in (the matching roles' rules, roles sorted by
 * name, duplicates dropped). OpenShift adds its own aggregate-to roles and calls `aggregateClusterRoles`
 * again.
 *
 * The objects are written straight into the store with uids from their own random stream: the policy is
 * there before anything else and must not shift the API server's stream (generated names and uids of
 * everything created later stay what they were).
 */
import type { KObject, StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { Rng } from '../sim/rng';

export const CLUSTER_ROLES = 'clusterroles.rbac.authorization.k8s.io';
export const CLUSTER_ROLE_BINDINGS = 'clusterrolebindings.rbac.authorization.k8s.io';

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ = ['get', 'list', 'watch'];
const ALL_RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
});

const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
export const TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
export const TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
export const TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

/** Kubernetes 1.32's plugin/pkg/auth/authorizer/rbac/bootstrappolicy (the roles a learner meets). */
export function bootstrapClusterRoles(): KObject[] {
  const role = (name: string, labels: Record<string, string>, rules: PolicyRule[], aggregate?: string) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { ...BOOTSTRAP, ...labels }, annotations: { ...AUTOUPDATE } },
    ...(aggregate
      ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregate]: 'true' } }] } }
      : {}),
    rules,
  });
  return [
    role('admin', {}, [], TO_ADMIN),
    role('cluster-admin', {}, [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    role('edit', { [TO_ADMIN]: 'true' }, [], TO_EDIT),
    role('system:aggregate-to-admin', { [TO_ADMIN]: 'true' }, [
      rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
      rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ALL_RW),
    ]),
    role('system:aggregate-to-edit', { [TO_EDIT]: 'true' }, [
      rule(
        [''],
        ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'],
        READ,
      ),
      rule([''], ['serviceaccounts'], ['impersonate']),
      rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], RW),
      rule([''], ['pods/eviction'], ['create']),
      rule(
        [''],
        [
          'configmaps',
          'events',
          'persistentvolumeclaims',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'secrets',
          'serviceaccounts',
          'services',
          'services/proxy',
        ],
        RW,
      ),
      rule([''], ['serviceaccounts/token'], ['create']),
      rule(
        ['apps'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'replicasets',
          'replicasets/scale',
          'statefulsets',
          'statefulsets/scale',
        ],
        RW,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers'], RW),
      rule(['batch'], ['cronjobs', 'jobs'], RW),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'deployments',
          'deployments/rollback',
          'deployments/scale',
          'ingresses',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicationcontrollers/scale',
        ],
        RW,
      ),
      rule(['policy'], ['poddisruptionbudgets'], RW),
      rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], RW),
      rule(['coordination.k8s.io'], ['leases'], ALL_RW),
    ]),
    role('system:aggregate-to-view', { [TO_VIEW]: 'true' }, [
      rule(
        [''],
        [
          'configmaps',
          'endpoints',
          'persistentvolumeclaims',
          'persistentvolumeclaims/status',
          'pods',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/status',
        ],
        READ,
      ),
      rule(
        [''],
        [
          'bindings',
          'events',
          'limitranges',
          'namespaces/status',
          'pods/log',
          'pods/status',
          'replicationcontrollers/status',
          'resourcequotas',
          'resourcequotas/status',
        ],
        READ,
      ),
      rule([''], ['namespaces'], READ),
      rule(['discovery.k8s.io'], ['endpointslices'], READ),
      rule(
        ['apps'],
        [
          'controllerrevisions',
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'statefulsets',
          'statefulsets/scale',
          'statefulsets/status',
        ],
        READ,
      ),
      rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
      rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
      rule(
        ['extensions'],
        [
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'ingresses',
          'ingresses/status',
          'networkpolicies',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'replicationcontrollers/scale',
        ],
        READ,
      ),
      rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
      rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
    ]),
    role('system:basic-user', {}, [
      rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
      rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
    ]),
    role('view', { [TO_EDIT]: 'true' }, [], TO_VIEW),
  ];
}

export function bootstrapClusterRoleBindings(): KObject[] {
  const binding = (name: string, role: string, group: string) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...BOOTSTRAP }, annotations: { ...AUTOUPDATE } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
  });
  return [binding('cluster-admin', 'cluster-admin', 'system:masters')];
}

/** The policy's own uid stream, derived from the seed without drawing from any other stream. */
function policyRng(ctx: EngineContext): Rng {
  return new Rng((ctx.config.seed * 2246822519 + 0x72626163) >>> 0);
}

const rngs = new WeakMap<EngineContext, Rng>();

/**
 * Write (or replace) a policy object as the API server's bootstrap hook does, without the API server's
 * random stream. Cluster-scoped RBAC objects only.
 */
export function putPolicyObject(ctx: EngineContext, resource: string, obj: KObject): StoredObject {
  let rng = rngs.get(ctx);
  if (!rng) {
    rng = policyRng(ctx);
    rngs.set(ctx, rng);
  }
  const existing = ctx.api.tryGet(resource, undefined, String(obj.metadata.name));
  const stored = {
    ...obj,
    metadata: {
      ...obj.metadata,
      uid: existing?.metadata.uid ?? rng.uuid(),
      creationTimestamp: existing?.metadata.creationTimestamp ?? ctx.clock.nowISO(),
      resourceVersion: ctx.api.store.nextResourceVersion(),
    },
  } as StoredObject;
  ctx.api.store.put(resource, stored);
  return stored;
}

function matches(role: StoredObject, label: string): boolean {
  return role.metadata.labels?.[label] === 'true';
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The clusterrole-aggregation controller's result for view, edit and admin (in that order, since each
 * aggregates the one before): the rules of every ClusterRole carrying the label, by name, without repeats.
 */
export function aggregateClusterRoles(ctx: EngineContext): void {
  for (const [name, label] of [
    ['view', TO_VIEW],
    ['edit', TO_EDIT],
    ['admin', TO_ADMIN],
  ] as const) {
    const target = ctx.api.tryGet(CLUSTER_ROLES, undefined, name);
    if (!target) continue;
    const sources = ctx.api
      .list(CLUSTER_ROLES)
      .filter((r) => r.metadata.name !== name && matches(r, label))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const rules: PolicyRule[] = [];
    for (const src of sources)
      for (const r of (src.rules as PolicyRule[] | undefined) ?? [])
        if (!rules.some((x) => sameRule(x, r))) rules.push(r);
    if (JSON.stringify(rules) === JSON.stringify(target.rules ?? [])) continue;
    const { metadata, ...rest } = target;
    const { uid: _u, resourceVersion: _rv, creationTimestamp: _c, ...meta } = metadata;
    putPolicyObject(ctx, CLUSTER_ROLES, { ...rest, metadata: meta, rules } as KObject);
  }
}

/** Bootstrap: every role and binding above, then the aggregated rules. */
export function installBootstrapPolicy(ctx: EngineContext): void {
  for (const r of bootstrapClusterRoles()) putPolicyObject(ctx, CLUSTER_ROLES, r);
  for (const b of bootstrapClusterRoleBindings()) putPolicyObject(ctx, CLUSTER_ROLE_BINDINGS, b);
  aggregateClusterRoles(ctx);
}
