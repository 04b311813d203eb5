/**
 * Stored object -> ObjectView: the flat summary the UI draws. Pod STATUS text comes from the CLI's
 * printer (passed in), so the graph and `kubectl get pods` can never disagree.
 */
import type { StoredObject } from '../engine/api/types';
import type { ObjectRef, ObjectView, ViewKind } from '../protocol/views';
import {
  fillBuild,
  fillBuildConfig,
  fillDeploymentConfig,
  fillImageStream,
  fillReplicationController,
  fillRoute,
  fillWorkloadImages,
  type ViewEnv,
} from './openshift-views';

/** resource id (as the store keys it) -> kind drawn by the UI. */
export const MIRRORED_RESOURCES: Record<string, ViewKind> = {
  namespaces: 'Namespace',
  nodes: 'Node',
  pods: 'Pod',
  'deployments.apps': 'Deployment',
  'replicasets.apps': 'ReplicaSet',
  'statefulsets.apps': 'StatefulSet',
  'daemonsets.apps': 'DaemonSet',
  'jobs.batch': 'Job',
  'cronjobs.batch': 'CronJob',
  services: 'Service',
  'ingresses.networking.k8s.io': 'Ingress',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  replicationcontrollers: 'ReplicationController',
  'buildconfigs.build.openshift.io': 'BuildConfig',
  'builds.build.openshift.io': 'Build',
  'imagestreams.image.openshift.io': 'ImageStream',
  'deploymentconfigs.apps.openshift.io': 'DeploymentConfig',
  'routes.route.openshift.io': 'Route',
};

export type PodStatusFn = (pod: StoredObject) => string;

export function toView(
  resource: string,
  obj: StoredObject,
  podStatus: PodStatusFn,
  env?: ViewEnv,
): ObjectView | undefined {
  const kind = MIRRORED_RESOURCES[resource];
  if (!kind) return undefined;
  const meta = obj.metadata;
  const view: ObjectView = {
    uid: meta.uid,
    kind,
    name: meta.name,
    namespace: meta.namespace ?? '',
    status: '',
    labels: meta.labels ?? {},
  };
  const owner = meta.ownerReferences?.find((r) => r.controller) ?? meta.ownerReferences?.[0];
  if (owner) view.ownerUid = owner.uid;
  if (meta.deletionTimestamp) view.terminating = true;
  const spec = obj.spec ?? {};
  const status = obj.status ?? {};
  switch (kind) {
    case 'Pod':
      fillPod(view, obj, podStatus);
      break;
    case 'Node': {
      const ready = conditionStatus(status.conditions, 'Ready') === 'True';
      view.status = (ready ? 'Ready' : 'NotReady') + (spec.unschedulable ? ',SchedulingDisabled' : '');
      view.role = 'node-role.kubernetes.io/control-plane' in (meta.labels ?? {}) ? 'control-plane' : 'worker';
      break;
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      view.ready = `${status.readyReplicas ?? 0}/${spec.replicas ?? 1}`;
      view.status = view.ready;
      if (kind !== 'ReplicaSet') fillWorkloadImages(view, obj, env);
      break;
    case 'DaemonSet':
      view.ready = `${status.numberReady ?? 0}/${status.desiredNumberScheduled ?? 0}`;
      view.status = view.ready;
      fillWorkloadImages(view, obj, env);
      break;
    case 'Job':
      view.ready = `${status.succeeded ?? 0}/${spec.completions ?? 1}`;
      view.status = jobState(status);
      break;
    case 'CronJob':
      view.status = spec.suspend ? 'Suspended' : 'Active';
      break;
    case 'Service':
      view.status = spec.type ?? 'ClusterIP';
      view.selector = spec.selector ?? {};
      break;
    case 'Ingress':
      view.status =
        status.loadBalancer?.ingress?.[0]?.ip ?? status.loadBalancer?.ingress?.[0]?.hostname ?? 'Ingress';
      view.backends = ingressBackends(spec);
      break;
    case 'ConfigMap':
    case 'Secret':
      view.status = `${Object.keys((obj as { data?: object }).data ?? {}).length} keys`;
      break;
    case 'PersistentVolumeClaim':
    case 'Namespace':
      view.status = status.phase ?? (kind === 'Namespace' ? 'Active' : 'Pending');
      break;
    case 'ReplicationController':
      fillReplicationController(view, obj);
      break;
    case 'BuildConfig':
      fillBuildConfig(view, obj);
      break;
    case 'Build':
      fillBuild(view, obj, env);
      break;
    case 'ImageStream':
      fillImageStream(view, obj);
      break;
    case 'DeploymentConfig':
      fillDeploymentConfig(view, obj, env);
      break;
    case 'Route':
      fillRoute(view, obj);
      break;
  }
  return view;
}

function fillPod(view: ObjectView, pod: StoredObject, podStatus: PodStatusFn): void {
  const spec = pod.spec ?? {};
  const statuses: { ready?: boolean; restartCount?: number }[] = pod.status?.containerStatuses ?? [];
  const total = (spec.containers ?? []).length;
  view.status = podStatus(pod);
  view.ready = `${statuses.filter((c) => c.ready).length}/${total}`;
  view.restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  view.podReady = conditionStatus(pod.status?.conditions, 'Ready') === 'True';
  if (spec.nodeName) view.nodeName = spec.nodeName;
  const uses = podReferences(spec);
  if (uses.length > 0) view.uses = uses;
}

function conditionStatus(
  conditions: { type: string; status: string }[] | undefined,
  type: string,
): string | undefined {
  return conditions?.find((c) => c.type === type)?.status;
}

function jobState(status: { conditions?: { type: string; status: string }[]; active?: number }): string {
  if (conditionStatus(status.conditions, 'Complete') === 'True') return 'Complete';
  if (conditionStatus(status.conditions, 'Failed') === 'True') return 'Failed';
  if (conditionStatus(status.conditions, 'Suspended') === 'True') return 'Suspended';
  return 'Running';
}

function ingressBackends(spec: any): string[] {
  const names = new Set<string>();
  const add = (b: { service?: { name?: string } } | undefined) => {
    if (b?.service?.name) names.add(b.service.name);
  };
  add(spec.defaultBackend);
  for (const rule of spec.rules ?? []) for (const p of rule.http?.paths ?? []) add(p.backend);
  return [...names].sort();
}

/** ConfigMaps, Secrets and PVCs a pod spec refers to (volumes, env, envFrom), each once, in a stable order. */
export function podReferences(spec: any): ObjectRef[] {
  const refs = new Map<string, ObjectRef>();
  const add = (kind: string, name: string | undefined) => {
    if (name) refs.set(`${kind}/${name}`, { kind, name });
  };
  for (const v of spec.volumes ?? []) {
    add('ConfigMap', v.configMap?.name);
    add('Secret', v.secret?.secretName);
    add('PersistentVolumeClaim', v.persistentVolumeClaim?.claimName);
    for (const s of v.projected?.sources ?? []) {
      add('ConfigMap', s.configMap?.name);
      add('Secret', s.secret?.name);
    }
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const e of c.env ?? []) {
      add('ConfigMap', e.valueFrom?.configMapKeyRef?.name);
      add('Secret', e.valueFrom?.secretKeyRef?.name);
    }
    for (const e of c.envFrom ?? []) {
      add('ConfigMap', e.configMapRef?.name);
      add('Secret', e.secretRef?.name);
    }
  }
  return [...refs.values()].sort((a, b) => (a.kind + a.name < b.kind + b.name ? -1 : 1));
}
