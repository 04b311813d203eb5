/** Which table each resource prints with, keyed by resource id (`pods`, `deployments.apps`). */
import {
  configMapTable,
  createdAtTable,
  defaultTable,
  eventTable,
  leaseTable,
  namespaceTable,
  nodeTable,
  persistentVolumeClaimTable,
  persistentVolumeTable,
  podTemplateTable,
  priorityClassTable,
  resourceQuotaTable,
  roleBindingTable,
  roleTable,
  secretTable,
  serviceAccountTable,
  storageClassTable,
} from './cluster';
import { ISTIO_TABLES } from './istio';
import {
  endpointSliceTable,
  endpointsTable,
  ingressClassTable,
  ingressTable,
  networkPolicyTable,
  serviceTable,
} from './network';
import { OPENSHIFT_TABLES } from './openshift';
import { podTable } from './pods';
import type { TableHandler } from './types';
import {
  controllerRevisionTable,
  cronJobTable,
  daemonSetTable,
  deploymentTable,
  hpaTable,
  jobTable,
  pdbTable,
  replicaSetTable,
  replicationControllerTable,
  statefulSetTable,
} from './workloads';

const handlers = new Map<string, TableHandler>([
  ['pods', podTable],
  ['podtemplates', podTemplateTable],
  ['replicationcontrollers', replicationControllerTable],
  ['services', serviceTable],
  ['endpoints', endpointsTable],
  ['nodes', nodeTable],
  ['namespaces', namespaceTable],
  ['events', eventTable],
  ['configmaps', configMapTable],
  ['secrets', secretTable],
  ['serviceaccounts', serviceAccountTable],
  ['persistentvolumes', persistentVolumeTable],
  ['persistentvolumeclaims', persistentVolumeClaimTable],
  ['resourcequotas', resourceQuotaTable],
  ['limitranges', createdAtTable],
  ['deployments.apps', deploymentTable],
  ['replicasets.apps', replicaSetTable],
  ['statefulsets.apps', statefulSetTable],
  ['daemonsets.apps', daemonSetTable],
  ['controllerrevisions.apps', controllerRevisionTable],
  ['jobs.batch', jobTable],
  ['cronjobs.batch', cronJobTable],
  ['horizontalpodautoscalers.autoscaling', hpaTable],
  ['poddisruptionbudgets.policy', pdbTable],
  ['endpointslices.discovery.k8s.io', endpointSliceTable],
  ['ingresses.networking.k8s.io', ingressTable],
  ['ingressclasses.networking.k8s.io', ingressClassTable],
  ['networkpolicies.networking.k8s.io', networkPolicyTable],
  ['storageclasses.storage.k8s.io', storageClassTable],
  ['roles.rbac.authorization.k8s.io', roleTable],
  ['clusterroles.rbac.authorization.k8s.io', roleTable],
  ['rolebindings.rbac.authorization.k8s.io', roleBindingTable],
  ['clusterrolebindings.rbac.authorization.k8s.io', roleBindingTable],
  ['leases.coordination.k8s.io', leaseTable],
  ['priorityclasses.scheduling.k8s.io', priorityClassTable],
  ['customresourcedefinitions.apiextensions.k8s.io', createdAtTable],
]);

for (const [resource, handler] of [...ISTIO_TABLES, ...OPENSHIFT_TABLES]) handlers.set(resource, handler);

/** OpenShift / Istio kinds add their printer columns here (the CRD's additionalPrinterColumns). */
export function registerTableHandler(resource: string, handler: TableHandler): void {
  handlers.set(resource, handler);
}

/** The handler for a resource; custom resources without printer columns get NAME AGE. */
export function tableHandler(resource: string): TableHandler {
  return handlers.get(resource) ?? defaultTable;
}
