/**
 * OpenShift's RBAC on top of Kubernetes' bootstrap policy: the aggregate-to-admin/edit/view roles for the
 * OpenShift API groups (so a project admin can work with builds, image streams, routes, templates and
 * DeploymentConfigs), the image-puller/builder and deployer roles, the cluster-admins and self-provisioners
 * bindings, and openshift-controller-manager's default rolebindings controller, which gives every
 * namespace `system:image-pullers`, `system:image-builders` and `system:deployers`.
 */

import type { KObject } from '../api/types';
import {
  aggregateClusterRoles,
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  type PolicyRule,
  putPolicyObject,
  TO_ADMIN,
  TO_EDIT,
  TO_VIEW,
} from '../bootstrap/rbac';
import type { EngineContext } from '../context';
import { WorkQueue } from '../controllers/workqueue';

const ALL_RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const READ = ['get', 'list', 'watch'];
const r = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
});

function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    },
    rules,
  };
}

export function openShiftClusterRoles(): KObject[] {
  return [
    clusterRole(
      'system:openshift:aggregate-to-admin',
      [
        r(['build.openshift.io'], ['buildconfigs/webhooks'], ['get', 'list', 'watch']),
        r(['project.openshift.io'], ['projects'], ['delete', 'get', 'patch', 'update']),
        r(['authorization.openshift.io'], ['rolebindings', 'roles'], ALL_RW),
        r(['image.openshift.io'], ['imagestreams/layers'], ['get', 'update']),
        r(['route.openshift.io'], ['routes/custom-host'], ['create']),
      ],
      { [TO_ADMIN]: 'true' },
    ),
    clusterRole(
      'system:openshift:aggregate-to-edit',
      [
        r(['build.openshift.io'], ['buildconfigs', 'buildconfigs/webhooks', 'builds'], ALL_RW),
        r(['build.openshift.io'], ['builds/log'], READ),
        r(
          ['build.openshift.io'],
          ['buildconfigs/instantiate', 'buildconfigs/instantiatebinary', 'builds/clone'],
          ['create'],
        ),
        r(['build.openshift.io'], ['builds/details'], ['update']),
        r(
          ['apps.openshift.io'],
          ['deploymentconfigs', 'deploymentconfigs/scale', 'generatedeploymentconfigs'],
          ALL_RW,
        ),
        r(
          ['apps.openshift.io'],
          ['deploymentconfigrollbacks', 'deploymentconfigs/instantiate', 'deploymentconfigs/rollback'],
          ['create'],
        ),
        r(['apps.openshift.io'], ['deploymentconfigs/log', 'deploymentconfigs/status'], READ),
        r(
          ['image.openshift.io'],
          [
            'imagestreamimages',
            'imagestreammappings',
            'imagestreams',
            'imagestreams/secrets',
            'imagestreamtags',
            'imagetags',
          ],
          ALL_RW,
        ),
        r(['image.openshift.io'], ['imagestreamimports'], ['create']),
        r(['image.openshift.io'], ['imagestreams/layers'], ['get', 'update']),
        r(['project.openshift.io'], ['projects'], ['get']),
        r(['route.openshift.io'], ['routes'], ALL_RW),
        r(['route.openshift.io'], ['routes/custom-host'], ['create']),
        r(['route.openshift.io'], ['routes/status'], READ),
        r(
          ['template.openshift.io'],
          ['processedtemplates', 'templateconfigs', 'templateinstances', 'templates'],
          ALL_RW,
        ),
      ],
      { [TO_EDIT]: 'true' },
    ),
    clusterRole(
      'system:openshift:aggregate-to-view',
      [
        r(['build.openshift.io'], ['buildconfigs', 'buildconfigs/webhooks', 'builds'], READ),
        r(['build.openshift.io'], ['builds/log'], READ),
        r(['apps.openshift.io'], ['deploymentconfigs', 'deploymentconfigs/scale'], READ),
        r(['apps.openshift.io'], ['deploymentconfigs/log', 'deploymentconfigs/status'], READ),
        r(
          ['image.openshift.io'],
          ['imagestreamimages', 'imagestreammappings', 'imagestreams', 'imagestreamtags', 'imagetags'],
          READ,
        ),
        r(['image.openshift.io'], ['imagestreams/status'], READ),
        r(['project.openshift.io'], ['projects'], ['get']),
        r(['route.openshift.io'], ['routes', 'routes/status'], READ),
        r(
          ['template.openshift.io'],
          ['processedtemplates', 'templateconfigs', 'templateinstances', 'templates'],
          READ,
        ),
      ],
      { [TO_VIEW]: 'true' },
    ),
    clusterRole('system:image-puller', [r(['', 'image.openshift.io'], ['imagestreams/layers'], ['get'])]),
    clusterRole('system:image-builder', [
      r(['', 'image.openshift.io'], ['imagestreams/layers'], ['get', 'update']),
      r(['', 'image.openshift.io'], ['imagestreams'], ['create']),
      r(['', 'build.openshift.io'], ['builds/details'], ['update']),
      r(['', 'build.openshift.io'], ['builds'], ['get']),
    ]),
    clusterRole('system:deployer', [
      r([''], ['replicationcontrollers'], ['delete']),
      r([''], ['replicationcontrollers'], ['get', 'list', 'patch', 'update', 'watch']),
      r([''], ['replicationcontrollers/scale'], ['get', 'update']),
      r([''], ['pods'], ['create', 'get', 'list', 'watch']),
      r([''], ['pods/log'], ['get']),
      r([''], ['events'], ['create', 'list']),
      r(['', 'image.openshift.io'], ['imagestreamtags', 'imagetags'], ['create', 'update']),
    ]),
    clusterRole('self-provisioner', [r(['', 'project.openshift.io'], ['projectrequests'], ['create'])]),
  ];
}

function clusterRoleBinding(name: string, role: string, group: string): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
  };
}

/** The roles and bindings openshift-apiserver's bootstrap policy adds, then re-aggregated admin/edit/view. */
export function installOpenShiftPolicy(ctx: EngineContext): void {
  for (const role of openShiftClusterRoles()) putPolicyObject(ctx, CLUSTER_ROLES, role);
  putPolicyObject(
    ctx,
    CLUSTER_ROLE_BINDINGS,
    clusterRoleBinding('cluster-admins', 'cluster-admin', 'system:cluster-admins'),
  );
  putPolicyObject(
    ctx,
    CLUSTER_ROLE_BINDINGS,
    clusterRoleBinding('self-provisioners', 'self-provisioner', 'system:authenticated:oauth'),
  );
  aggregateClusterRoles(ctx);
}

const SUFFIX = '  It is auto-managed by a controller; remove subjects to disable.';

/** The three RoleBindings openshift-controller-manager keeps in every namespace. */
export function defaultRoleBindings(namespace: string): KObject[] {
  const binding = (name: string, role: string, description: string, subject: Record<string, string>) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace, annotations: { 'openshift.io/description': description + SUFFIX } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [subject],
  });
  return [
    binding(
      'system:image-pullers',
      'system:image-puller',
      'Allows all pods in this namespace to pull images from this namespace.',
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `system:serviceaccounts:${namespace}` },
    ),
    binding(
      'system:image-builders',
      'system:image-builder',
      'Allows builds in this namespace to push images to this namespace.',
      { kind: 'ServiceAccount', name: 'builder', namespace },
    ),
    binding(
      'system:deployers',
      'system:deployer',
      'Allows deploymentconfigs in this namespace to rollout pods in this namespace.',
      { kind: 'ServiceAccount', name: 'deployer', namespace },
    ),
  ];
}

const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';

/** openshift.io/default-rolebindings: creates the missing default RoleBindings of each active namespace. */
export class DefaultRoleBindingsController {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'openshift-default-rolebindings', (k) => this.reconcile(k), 0);
    ctx.api.watch('namespaces', undefined, (e) => {
      if (e.type !== 'DELETED') this.queue.add(e.object.metadata.name);
    });
  }

  private reconcile(namespace: string): void {
    const ns = this.ctx.api.tryGet('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    for (const b of defaultRoleBindings(namespace)) {
      if (this.ctx.api.tryGet(ROLE_BINDINGS, namespace, String(b.metadata.name))) continue;
      this.ctx.api.create(b, { internal: true });
    }
  }
}
