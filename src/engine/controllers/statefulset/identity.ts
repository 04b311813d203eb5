/**
 * StatefulSet pod identity (pkg/controller/statefulset/stateful_set_utils.go): `<set>-<ordinal>` names,
 * hostname and subdomain, the pod-name / pod-index / controller-revision-hash labels, and the per-pod
 * PersistentVolumeClaims `<template>-<set>-<ordinal>` from volumeClaimTemplates.
 */
import type { KObject, StoredObject } from '../../api/types';
import { CONTROLLER_REVISION_HASH_LABEL } from '../common/history';
import { cloneJson } from '../common/json';
import { newControllerRef } from '../common/owners';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** The ordinal of a pod named `<set>-<n>`, or -1. */
export function ordinalOf(set: StoredObject, pod: StoredObject): number {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name;
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

export function podName(set: StoredObject, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function claimName(set: StoredObject, templateName: string, ordinal: number): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`;
}

interface ClaimTemplate {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export function claimTemplates(set: StoredObject): ClaimTemplate[] {
  return (set.spec?.volumeClaimTemplates ?? []) as ClaimTemplate[];
}

/** The pod for `ordinal` from `template` at `revisionName` (newStatefulSetPod + updateIdentity + updateStorage). */
export function newStatefulPod(
  set: StoredObject,
  template: Record<string, any>,
  revisionName: string,
  ordinal: number,
): KObject {
  const name = podName(set, ordinal);
  // A new top-level spec sharing the template's (never mutated) values, as podFromTemplate does.
  const spec = { ...(template.spec ?? {}) } as Record<string, any>;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const claims = claimTemplates(set);
  if (claims.length) {
    const names = new Set(claims.map((c) => c.metadata?.name));
    const volumes = ((spec.volumes ?? []) as { name: string }[]).filter((v) => !names.has(v.name));
    for (const c of claims) {
      volumes.push({
        name: c.metadata?.name ?? '',
        persistentVolumeClaim: { claimName: claimName(set, c.metadata?.name ?? '', ordinal) },
      } as never);
    }
    spec.volumes = volumes;
  }
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: {
        ...meta.labels,
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [CONTROLLER_REVISION_HASH_LABEL]: revisionName,
      },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [newControllerRef(set)],
    },
    spec,
  };
}

/** The claims a pod needs, labelled with the set's selector (getPersistentVolumeClaims). */
export function claimsFor(set: StoredObject, ordinal: number, pod: StoredObject | undefined): KObject[] {
  const retention = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  return claimTemplates(set).map((t) => {
    const owners =
      retention.whenDeleted === 'Delete'
        ? [{ ...newControllerRef(set), controller: undefined, blockOwnerDeletion: true }]
        : retention.whenScaled === 'Delete' && pod
          ? [{ ...newControllerRef(pod), controller: undefined, blockOwnerDeletion: true }]
          : undefined;
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(set, t.metadata?.name ?? '', ordinal),
        namespace: set.metadata.namespace,
        labels: { ...t.metadata?.labels, ...set.spec?.selector?.matchLabels },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ...(owners ? { ownerReferences: owners.map(({ controller: _, ...r }) => r) } : {}),
      },
      spec: cloneJson(t.spec ?? {}),
    };
  });
}

export function revisionOfPod(pod: StoredObject): string | undefined {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
}
