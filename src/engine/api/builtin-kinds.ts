/** The built-in kinds of Kubernetes 1.32, as `kubectl api-resources` lists them. */
import { strategyFor } from '../schema/strategies';
import type { KindRegistry } from './kinds';

type Row = [
  plural: string,
  shortNames: string,
  group: string,
  version: string,
  namespaced: boolean,
  kind: string,
  categories?: string,
];

// plural, short names, group, version, namespaced, kind, categories: the columns of `kubectl api-resources`.
const BUILTIN: Row[] = [
  ['bindings', '', '', 'v1', true, 'Binding'],
  ['componentstatuses', 'cs', '', 'v1', false, 'ComponentStatus'],
  ['configmaps', 'cm', '', 'v1', true, 'ConfigMap'],
  ['endpoints', 'ep', '', 'v1', true, 'Endpoints'],
  ['events', 'ev', '', 'v1', true, 'Event'],
  ['limitranges', 'limits', '', 'v1', true, 'LimitRange'],
  ['namespaces', 'ns', '', 'v1', false, 'Namespace'],
  ['nodes', 'no', '', 'v1', false, 'Node'],
  ['persistentvolumeclaims', 'pvc', '', 'v1', true, 'PersistentVolumeClaim'],
  ['persistentvolumes', 'pv', '', 'v1', false, 'PersistentVolume'],
  ['pods', 'po', '', 'v1', true, 'Pod', 'all'],
  ['podtemplates', '', '', 'v1', true, 'PodTemplate'],
  ['replicationcontrollers', 'rc', '', 'v1', true, 'ReplicationController', 'all'],
  ['resourcequotas', 'quota', '', 'v1', true, 'ResourceQuota'],
  ['secrets', '', '', 'v1', true, 'Secret'],
  ['serviceaccounts', 'sa', '', 'v1', true, 'ServiceAccount'],
  ['services', 'svc', '', 'v1', true, 'Service', 'all'],
  [
    'customresourcedefinitions',
    'crd,crds',
    'apiextensions.k8s.io',
    'v1',
    false,
    'CustomResourceDefinition',
    'api-extensions',
  ],
  ['controllerrevisions', '', 'apps', 'v1', true, 'ControllerRevision'],
  ['daemonsets', 'ds', 'apps', 'v1', true, 'DaemonSet', 'all'],
  ['deployments', 'deploy', 'apps', 'v1', true, 'Deployment', 'all'],
  ['replicasets', 'rs', 'apps', 'v1', true, 'ReplicaSet', 'all'],
  ['statefulsets', 'sts', 'apps', 'v1', true, 'StatefulSet', 'all'],
  ['selfsubjectaccessreviews', '', 'authorization.k8s.io', 'v1', false, 'SelfSubjectAccessReview'],
  ['subjectaccessreviews', '', 'authorization.k8s.io', 'v1', false, 'SubjectAccessReview'],
  ['horizontalpodautoscalers', 'hpa', 'autoscaling', 'v2', true, 'HorizontalPodAutoscaler', 'all'],
  ['cronjobs', 'cj', 'batch', 'v1', true, 'CronJob', 'all'],
  ['jobs', '', 'batch', 'v1', true, 'Job', 'all'],
  ['leases', '', 'coordination.k8s.io', 'v1', true, 'Lease'],
  ['endpointslices', '', 'discovery.k8s.io', 'v1', true, 'EndpointSlice'],
  ['ingressclasses', '', 'networking.k8s.io', 'v1', false, 'IngressClass'],
  ['ingresses', 'ing', 'networking.k8s.io', 'v1', true, 'Ingress'],
  ['networkpolicies', 'netpol', 'networking.k8s.io', 'v1', true, 'NetworkPolicy'],
  ['poddisruptionbudgets', 'pdb', 'policy', 'v1', true, 'PodDisruptionBudget'],
  ['clusterrolebindings', '', 'rbac.authorization.k8s.io', 'v1', false, 'ClusterRoleBinding'],
  ['clusterroles', '', 'rbac.authorization.k8s.io', 'v1', false, 'ClusterRole'],
  ['rolebindings', '', 'rbac.authorization.k8s.io', 'v1', true, 'RoleBinding'],
  ['roles', '', 'rbac.authorization.k8s.io', 'v1', true, 'Role'],
  ['priorityclasses', 'pc', 'scheduling.k8s.io', 'v1', false, 'PriorityClass'],
  ['csidrivers', '', 'storage.k8s.io', 'v1', false, 'CSIDriver'],
  ['csinodes', '', 'storage.k8s.io', 'v1', false, 'CSINode'],
  ['storageclasses', 'sc', 'storage.k8s.io', 'v1', false, 'StorageClass'],
  ['volumeattachments', '', 'storage.k8s.io', 'v1', false, 'VolumeAttachment'],
];

/** Kinds whose `status` is a subresource (a main update cannot change it; spec changes bump generation). */
const STATUS_SUBRESOURCE = new Set([
  'pods',
  'services',
  'namespaces',
  'nodes',
  'persistentvolumeclaims',
  'persistentvolumes',
  'replicationcontrollers',
  'resourcequotas',
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'horizontalpodautoscalers.autoscaling',
  'ingresses.networking.k8s.io',
  'poddisruptionbudgets.policy',
  'customresourcedefinitions.apiextensions.k8s.io',
  'volumeattachments.storage.k8s.io',
]);

export function registerBuiltinKinds(registry: KindRegistry): void {
  for (const [plural, shortNames, group, version, namespaced, kind, categories] of BUILTIN) {
    const id = group ? `${plural}.${group}` : plural;
    registry.register({
      group,
      version,
      kind,
      plural,
      singular: kind.toLowerCase(),
      shortNames: shortNames ? shortNames.split(',') : [],
      namespaced,
      categories: categories ? categories.split(',') : [],
      verbs: verbsFor(plural),
      strategy: { statusSubresource: STATUS_SUBRESOURCE.has(id), ...strategyFor(id) },
    });
  }
}

function verbsFor(plural: string): string[] {
  if (plural === 'bindings') return ['create'];
  if (plural === 'componentstatuses') return ['get', 'list'];
  if (plural.endsWith('accessreviews')) return ['create'];
  return ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
}
