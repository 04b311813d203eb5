/** Store indexes the scheduler and kubelets share (created once per store). */
import type { ApiServer } from '../api/apiserver';

const indexed = new WeakSet<object>();

/** Index `pods:nodeName`: pods by spec.nodeName ('' for unscheduled ones). */
export function ensurePodNodeIndex(api: ApiServer): void {
  if (indexed.has(api.store)) return;
  indexed.add(api.store);
  // One list per node name (a handful), not a new one for each of the two calls per pod write.
  const lists = new Map<string, string[]>();
  api.store.addIndex(
    'pods:nodeName',
    'pods',
    (p) => {
      const name: string = p.spec?.nodeName ?? '';
      let list = lists.get(name);
      if (!list) {
        list = [name];
        lists.set(name, list);
      }
      return list;
    },
    { specAndMetadataOnly: true },
  );
}
