/** `kubectl describe`: the describer for the kind, with the object's events from the API server. */
import { type ResourceType, resourceId } from '../../../engine/api/kinds';
import type { StoredObject } from '../../../engine/api/types';
import type { EngineContext } from '../../../engine/context';
import { EPOCH_MS } from '../../../engine/sim/clock';
import { eventsFor } from './common';
import {
  describeConfigMap,
  describeEndpoints,
  describeIngress,
  describePV,
  describePVC,
  describeSecret,
  describeService,
  describeServiceAccount,
} from './config';
import { describeGeneric } from './generic';
import { describeNamespace, describeNode } from './node';
import { describePod } from './pod';
import {
  describeEndpointSlice,
  describeIngressClass,
  describeLimitRange,
  describeNetworkPolicy,
  describePDB,
  describePriorityClass,
  describeQuota,
  describeStorageClass,
} from './policy';
import { describeRole, describeRoleBinding } from './rbac';
import {
  describeCronJob,
  describeDaemonSet,
  describeDeployment,
  describeHPA,
  describeJob,
  describeReplicaSet,
  describeReplicationController,
  describeStatefulSet,
} from './workloads';

export function describeImpl(ctx: EngineContext, rt: ResourceType, obj: StoredObject): string {
  const now = EPOCH_MS + ctx.clock.now();
  const events = () => eventsFor(ctx, obj);
  switch (resourceId(rt)) {
    case 'pods':
      return describePod(obj, events(), now);
    case 'deployments.apps':
      return describeDeployment(ctx, obj, events(), now);
    case 'replicasets.apps':
      return describeReplicaSet(ctx, obj, events(), now);
    case 'replicationcontrollers':
      return describeReplicationController(ctx, obj, events(), now);
    case 'statefulsets.apps':
      return describeStatefulSet(ctx, obj, events(), now);
    case 'daemonsets.apps':
      return describeDaemonSet(ctx, obj, events(), now);
    case 'jobs.batch':
      return describeJob(obj, events(), now);
    case 'cronjobs.batch':
      return describeCronJob(obj, events(), now);
    case 'horizontalpodautoscalers.autoscaling':
      return describeHPA(obj, events(), now);
    case 'nodes':
      return describeNode(ctx, obj, events(), now);
    case 'namespaces':
      return describeNamespace(ctx, obj);
    case 'configmaps':
      return describeConfigMap(obj, events(), now);
    case 'secrets':
      return describeSecret(obj);
    case 'serviceaccounts':
      return describeServiceAccount(ctx, obj, events(), now);
    case 'services':
      return describeService(ctx, obj, events(), now);
    case 'endpoints':
      return describeEndpoints(obj, events(), now);
    case 'persistentvolumeclaims':
      return describePVC(ctx, obj, events(), now);
    case 'persistentvolumes':
      return describePV(obj, events(), now);
    case 'ingresses.networking.k8s.io':
      return describeIngress(ctx, obj, events(), now);
    case 'roles.rbac.authorization.k8s.io':
    case 'clusterroles.rbac.authorization.k8s.io':
      return describeRole(obj);
    case 'rolebindings.rbac.authorization.k8s.io':
    case 'clusterrolebindings.rbac.authorization.k8s.io':
      return describeRoleBinding(obj);
    case 'networkpolicies.networking.k8s.io':
      return describeNetworkPolicy(obj);
    case 'storageclasses.storage.k8s.io':
      return describeStorageClass(obj, events(), now);
    case 'poddisruptionbudgets.policy':
      return describePDB(obj, events(), now);
    case 'priorityclasses.scheduling.k8s.io':
      return describePriorityClass(obj, events(), now);
    case 'resourcequotas':
      return describeQuota(obj);
    case 'limitranges':
      return describeLimitRange(obj);
    case 'ingressclasses.networking.k8s.io':
      return describeIngressClass(obj, events(), now);
    case 'endpointslices.discovery.k8s.io':
      return describeEndpointSlice(obj, events(), now);
    default:
      return describeGeneric(obj, events(), now);
  }
}
