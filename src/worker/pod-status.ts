/**
 * A pod's STATUS column exactly as `kubectl get pods` prints it, taken from the CLI's own table printer
 * (one implementation of kubectl's status rules, shared by the terminal and the graph). The row is
 * NAME READY STATUS RESTARTS AGE; names, READY and STATUS never contain spaces.
 */

import { printRows } from '../cli/printers';
import type { StoredObject } from '../engine/api/types';
import type { Cluster } from '../engine/cluster';
import type { PodStatusFn } from './object-views';

export function podStatusFor(cluster: Cluster): PodStatusFn {
  const rt = cluster.api.kinds.get('pods')!;
  return (pod: StoredObject) => {
    const row = printRows(rt, [pod], { noHeaders: true }, cluster.clock.now());
    return row.trim().split(/\s+/)[2] ?? '';
  };
}
