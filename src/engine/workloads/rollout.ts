/**
 * What `kubectl rollout status|history|undo|restart|pause|resume` does for Deployments, with kubectl's
 * wording. Functions return what kubectl prints after `<kind>.<group>/<name> ` (e.g. `rolled back`) or the
 * status text, and throw RolloutError with the text kubectl prints after `error: `.
 * StatefulSets and DaemonSets go through their ControllerRevisions (revision-history.ts).
 */
import type { ApiServer } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import { getCondition } from '../controllers/common/conditions';
import { controllerRefOf } from '../controllers/common/owners';
import {
  CHANGE_CAUSE_ANNOTATION,
  equalIgnoreHash,
  LAST_APPLIED_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  revisionOf,
  withoutHash,
} from '../controllers/deployment/util';
import type { Clock } from '../sim/clock';
import { controllerRevisionHistory, undoFromControllerRevision } from './revision-history';
import { daemonSetStatusText, statefulSetStatusText } from './status-text';

export class RolloutError extends Error {}

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
const DEPLOYMENTS = 'deployments.apps';
const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export interface RolloutStatus {
  text: string;
  done: boolean;
}

export interface HistoryEntry {
  revision: number;
  changeCause?: string;
  /** The pod template of that revision (for `rollout history --revision=N`). */
  template: unknown;
}

/** `kubectl rollout status` for one poll: the line to print and whether the rollout is finished. */
export function rolloutStatus(
  api: ApiServer,
  resource: string,
  namespace: string,
  name: string,
  revision = 0,
): RolloutStatus {
  const obj = api.get(resource, namespace, name);
  if (resource === 'statefulsets.apps') return statefulSetStatusText(obj);
  if (resource === 'daemonsets.apps') return daemonSetStatusText(obj);
  if (resource !== DEPLOYMENTS)
    throw new RolloutError(`no status viewer has been implemented for ${obj.kind}`);
  if (revision > 0) {
    const current = revisionOf(obj);
    if (current !== revision)
      throw new RolloutError(
        `desired revision (${revision}) is different from the running revision (${current})`,
      );
  }
  const spec = obj.spec ?? {};
  const st = obj.status ?? {};
  if ((obj.metadata.generation ?? 1) <= (st.observedGeneration ?? 0)) {
    if (getCondition(st.conditions, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
      throw new RolloutError(`deployment "${name}" exceeded its progress deadline`);
    }
    const replicas = spec.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < replicas) {
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`,
        done: false,
      };
    }
    if ((st.replicas ?? 0) > updated) {
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
        done: false,
      };
    }
    if ((st.availableReplicas ?? 0) < updated) {
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    }
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
}

/**
 * A Deployment's ReplicaSets as `kubectl describe deployment` shows them (deploymentutil.GetAllReplicaSets):
 * the new one (template equal to the Deployment's, ignoring the hash label), the old ones that still have
 * replicas (`OldReplicaSets`), and every old one.
 */
export function deploymentReplicaSets(
  api: ApiServer,
  d: StoredObject,
): { newRS?: StoredObject; oldRSs: StoredObject[]; allOldRSs: StoredObject[] } {
  const all = replicaSetsOf(api, d).sort(
    (a, b) =>
      a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  const newRS = all.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const allOldRSs = all.filter((rs) => rs !== newRS);
  return { newRS, oldRSs: allOldRSs.filter((rs) => (rs.spec?.replicas ?? 1) !== 0), allOldRSs };
}

function replicaSetsOf(api: ApiServer, d: StoredObject): StoredObject[] {
  return api
    .dependents(d.metadata.uid)
    .filter((o) => o.kind === 'ReplicaSet' && controllerRefOf(o)?.uid === d.metadata.uid);
}

/** `kubectl rollout history`: one entry per revision, oldest first. */
export function rolloutHistory(
  api: ApiServer,
  resource: string,
  namespace: string,
  name: string,
): HistoryEntry[] {
  const obj = api.get(resource, namespace, name);
  if (resource !== DEPLOYMENTS) return controllerRevisionHistory(api, obj);
  const byRevision = new Map<number, HistoryEntry>();
  for (const rs of replicaSetsOf(api, obj)) {
    const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
    if (v === undefined) continue;
    const revision = Number.parseInt(v, 10);
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    // kubectl shows the change-cause among the template's annotations (ViewHistory adds it there).
    const t = rs.spec?.template ?? {};
    const template = cause
      ? {
          ...t,
          metadata: {
            ...t.metadata,
            annotations: { ...t.metadata?.annotations, [CHANGE_CAUSE_ANNOTATION]: cause },
          },
        }
      : t;
    byRevision.set(revision, {
      revision,
      template,
      ...(cause ? { changeCause: cause } : {}),
    });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** The table `kubectl rollout history` prints under the object's name (tabwriter, padding 2). */
export function formatHistory(entries: HistoryEntry[]): string {
  if (entries.length === 0) return 'No rollout history found.';
  const width = Math.max('REVISION'.length, ...entries.map((e) => String(e.revision).length)) + 2;
  const lines = [`${'REVISION'.padEnd(width)}CHANGE-CAUSE`];
  for (const e of entries) lines.push(String(e.revision).padEnd(width) + (e.changeCause || '<none>'));
  return `${lines.join('\n')}\n`;
}

/** `kubectl rollout undo [--to-revision=N]`: returns `rolled back` or `skipped rollback (...)`. */
export function rolloutUndo(
  api: ApiServer,
  resource: string,
  namespace: string,
  name: string,
  toRevision = 0,
): string {
  if (toRevision < 0) throw new RolloutError(`unable to find specified revision ${toRevision} in history`);
  const d = api.get(resource, namespace, name);
  if (resource !== DEPLOYMENTS) return undoFromControllerRevision(api, d, toRevision);
  const target = deploymentRevision(api, d, toRevision);
  if (d.spec?.paused)
    throw new RolloutError(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  if (equalIgnoreHash(target.spec?.template, d.spec?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  try {
    api.update({
      ...d,
      metadata: { ...d.metadata, annotations },
      spec: { ...d.spec, template: withoutHash(target.spec?.template) },
    });
  } catch (err) {
    throw new RolloutError(`failed restoring revision ${toRevision}: ${(err as Error).message}`);
  }
  return 'rolled back';
}

function deploymentRevision(api: ApiServer, d: StoredObject, toRevision: number): StoredObject {
  let latest: StoredObject | undefined;
  let latestRev = -1;
  let previous: StoredObject | undefined;
  let previousRev = -1;
  for (const rs of replicaSetsOf(api, d)) {
    const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    const rev = Number(v);
    if (toRevision === 0) {
      if (latestRev < rev) {
        previousRev = latestRev;
        previous = latest;
        latestRev = rev;
        latest = rs;
      } else if (previousRev < rev) {
        previousRev = rev;
        previous = rs;
      }
    } else if (rev === toRevision) return rs;
  }
  if (toRevision > 0) throw new RolloutError(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw new RolloutError(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous;
}

const SUPPORTS_RESTART = new Set([DEPLOYMENTS, 'daemonsets.apps', 'statefulsets.apps']);

/** `kubectl rollout restart`: stamp the pod template with restartedAt (RFC 3339, the sim's UTC clock). */
export function rolloutRestart(
  api: ApiServer,
  clock: Clock,
  resource: string,
  namespace: string,
  name: string,
): string {
  const obj = api.get(resource, namespace, name);
  if (!SUPPORTS_RESTART.has(resource))
    throw new RolloutError(`${resource} "${name}" restarting is not supported`);
  if (resource === DEPLOYMENTS && obj.spec?.paused)
    throw new RolloutError("can't restart paused deployment (run rollout resume first)");
  const now = clock.nowISO();
  const template = obj.spec?.template ?? {};
  if (template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] === now) {
    throw new RolloutError(
      `failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    );
  }
  api.update({
    ...obj,
    spec: {
      ...obj.spec,
      template: {
        ...template,
        metadata: {
          ...template.metadata,
          annotations: { ...template.metadata?.annotations, [RESTARTED_AT_ANNOTATION]: now },
        },
      },
    },
  });
  return 'restarted';
}

/** `kubectl rollout pause` / `resume` (Deployments only). */
export function rolloutPause(
  api: ApiServer,
  resource: string,
  namespace: string,
  name: string,
  paused = true,
): string {
  const obj = api.get(resource, namespace, name);
  if (resource !== DEPLOYMENTS)
    throw new RolloutError(`${resource} "${name}" ${paused ? 'pausing' : 'resuming'} is not supported`);
  if (Boolean(obj.spec?.paused) === paused)
    throw new RolloutError(`${resource} "${name}" ${paused ? 'is already paused' : 'is not paused'}`);
  api.update({ ...obj, spec: { ...obj.spec, paused: paused ? true : undefined } });
  return paused ? 'paused' : 'resumed';
}

export { POD_TEMPLATE_HASH_LABEL, withoutHash };
