/** Which PersistentVolume a claim may bind to, as the PV controller's findBestMatchForClaim decides. */
import { fromLabelSelector, matches } from '../api/selectors';
import type { KObject, StoredObject } from '../api/types';
import { quantityValue } from '../schema/quantity';

export const storageClassOf = (o: KObject): string => o.spec?.storageClassName ?? '';

export function requestedBytes(pvc: KObject): number {
  return quantityValue(pvc.spec?.resources?.requests?.storage ?? '0');
}

export function capacityBytes(pv: KObject): number {
  return quantityValue(pv.spec?.capacity?.storage ?? '0');
}

/** The hostname a volume's node affinity pins it to (local and local-path volumes), if any. */
export function volumeNode(pv: KObject): string[] | undefined {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms as
    | { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[]
    | undefined;
  if (!terms?.length) return undefined;
  const out: string[] = [];
  for (const t of terms) {
    for (const e of t.matchExpressions ?? [])
      if (e.key === 'kubernetes.io/hostname' && e.operator === 'In') out.push(...(e.values ?? []));
  }
  return out.length ? out : undefined;
}

function claimRefersTo(pv: KObject, pvc: StoredObject): boolean {
  const ref = pv.spec?.claimRef;
  return (
    !!ref &&
    ref.name === pvc.metadata.name &&
    (ref.namespace ?? 'default') === pvc.metadata.namespace &&
    (!ref.uid || ref.uid === pvc.metadata.uid)
  );
}

/**
 * The smallest volume that satisfies the claim: same class, every requested access mode, enough capacity,
 * same volume mode, matching the claim's selector, available (or pre-bound to this claim), and reachable
 * from `node` when the claim waits for its first consumer. A volume pre-bound to the claim wins.
 */
export function findBestMatch(
  pvc: StoredObject,
  volumes: StoredObject[],
  node?: string,
): StoredObject | undefined {
  const wantModes: string[] = pvc.spec?.accessModes ?? [];
  const want = requestedBytes(pvc);
  const selector = pvc.spec?.selector ? fromLabelSelector(pvc.spec.selector) : undefined;
  const mode = pvc.spec?.volumeMode ?? 'Filesystem';
  let best: StoredObject | undefined;
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp) continue;
    const preBound = claimRefersTo(pv, pvc);
    if (pv.spec?.claimRef && !preBound) continue;
    if (!preBound && pv.status?.phase && pv.status.phase !== 'Available' && pv.status.phase !== 'Pending')
      continue;
    if (storageClassOf(pv) !== storageClassOf(pvc)) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== mode) continue;
    const modes: string[] = pv.spec?.accessModes ?? [];
    if (!wantModes.every((m) => modes.includes(m))) continue;
    if (capacityBytes(pv) < want) continue;
    if (selector && !matches(selector, pv.metadata.labels)) continue;
    const nodes = volumeNode(pv);
    if (node && nodes && !nodes.includes(node)) continue;
    if (preBound) return pv;
    if (!best || capacityBytes(pv) < capacityBytes(best)) best = pv;
  }
  return best;
}
