/**
 * `kubectl rollout history` / `undo` for StatefulSets and DaemonSets, from the ControllerRevisions they own
 * (kubectl's StatefulSetHistoryViewer / DaemonSetRollbacker).
 */
import type { ApiServer } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import { revisionsOf, templateOfRevision } from '../controllers/common/history';
import { CHANGE_CAUSE_ANNOTATION } from '../controllers/deployment/util';
import { deepEqual } from '../util/objects';
import { type HistoryEntry, RolloutError } from './rollout';

export function controllerRevisionHistory(api: ApiServer, obj: StoredObject): HistoryEntry[] {
  return revisionsOf(api, obj).map((cr) => {
    const cause = cr.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    return {
      revision: cr.revision as number,
      template: templateOfRevision(cr),
      ...(cause ? { changeCause: cause } : {}),
    };
  });
}

export function undoFromControllerRevision(api: ApiServer, obj: StoredObject, toRevision: number): string {
  const revisions = revisionsOf(api, obj);
  let target: StoredObject | undefined;
  if (toRevision === 0) {
    if (revisions.length <= 1) throw new RolloutError('unable to find specified revision 0 in history');
    target = revisions[revisions.length - 2];
  } else {
    target = revisions.find((r) => r.revision === toRevision);
    if (!target) throw new RolloutError(`unable to find specified revision ${toRevision} in history`);
  }
  const template = templateOfRevision(target);
  if (deepEqual(template, obj.spec?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  api.update({ ...obj, spec: { ...obj.spec, template } });
  return 'rolled back';
}
