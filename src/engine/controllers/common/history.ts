/**
 * ControllerRevisions as StatefulSets and DaemonSets keep them (pkg/controller/history): the revision's data
 * is a patch that replaces spec.template (`{"spec":{"template":{"$patch":"replace",...}}}`), hashed with
 * FNV-32 (FNV-1, not 1a) over its JSON and passed through SafeEncodeString.
 */
import type { ApiServer } from '../../api/apiserver';
import type { KObject, StoredObject } from '../../api/types';
import { deepEqual, stableStringify } from '../../util/objects';
import { safeEncodeString, utf8 } from '../deployment/hash';
import { ownedBy } from './claim';
import { cloneJson } from './json';
import { newControllerRef } from './owners';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
export const HISTORY_HASH_LABEL = 'controller.kubernetes.io/hash';
export const CONTROLLER_REVISIONS = 'controllerrevisions.apps';

export function templatePatch(template: unknown): { spec: { template: Record<string, unknown> } } {
  return {
    spec: { template: { ...(cloneJson(template ?? {}) as Record<string, unknown>), $patch: 'replace' } },
  };
}

function fnv1(text: string, probe?: number): number {
  let h = 0x811c9dc5;
  const feed = (bytes: Iterable<number>) => {
    for (const b of bytes) {
      h = Math.imul(h, 0x01000193) >>> 0;
      h = (h ^ b) >>> 0;
    }
  };
  feed(utf8(text));
  if (probe !== undefined) feed(utf8(String(probe)));
  return h >>> 0;
}

export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  return safeEncodeString(String(fnv1(stableStringify(data), collisionCount)));
}

export function revisionsOf(api: ApiServer, owner: StoredObject): StoredObject[] {
  return ownedBy(api, owner, 'ControllerRevision').sort(
    (a, b) => (a.revision as number) - (b.revision as number),
  );
}

export function nextRevisionNumber(revisions: StoredObject[]): number {
  return revisions.reduce((m, r) => Math.max(m, (r.revision as number) ?? 0), 0) + 1;
}

export function equalRevision(a: StoredObject, data: unknown): boolean {
  return deepEqual(a.data, data);
}

/** history.NewControllerRevision for a StatefulSet: `<set>-<hash>`, template labels, the set's annotations. */
export function newStatefulSetRevision(
  set: StoredObject,
  revision: number,
  collisionCount?: number,
): KObject {
  const data = templatePatch(set.spec?.template);
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${set.metadata.name.slice(0, 223)}-${hash}`,
      namespace: set.metadata.namespace,
      labels: { ...set.spec?.template?.metadata?.labels, [HISTORY_HASH_LABEL]: hash },
      ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(set)],
    },
    data,
    revision,
  };
}

/** The template a revision restores (its data without the `$patch` directive). */
export function templateOfRevision(cr: StoredObject): unknown {
  const t = (cr.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!t) return undefined;
  const { $patch: _, ...rest } = t;
  return rest;
}
