/** Store indexes the scheduler and kubelets share (created once per store). */
import type { ApiServer } from '../api/apiserver';

const indexed = new WeakSet<object>();

/** Index `pods:nodeName`: pods by spec.nodeName ('' for unscheduled ones). */
export function ensurePodNodeIndex(api: ApiServer): void {
  if (indexed.has(api.store)) return;
  indexed.add(api.store);
  api.store.addIndex('pods:nodeName', 'pods', (p) => [p.spec?.nodeName ?? '']);
}
