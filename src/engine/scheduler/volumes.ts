/** VolumeBinding: PVCs must exist; Immediate ones must be bound; bound volumes must be reachable from the node. */
import type { ApiServer } from '../api/apiserver';
import type { StoredObject } from '../api/types';
import type { FilterFailure } from './filters';
import { termMatches } from './match';
import type { NodeInfo } from './snapshot';

export interface VolumePlan {
  /** A PreFilter failure: the whole message part (no node counts). */
  prefilter?: string;
  /** Unbound WaitForFirstConsumer claims to annotate with the chosen node. */
  delayed: StoredObject[];
  /** Bound PVs whose node affinity limits the nodes. */
  bound: StoredObject[];
}

function storageClassOf(api: ApiServer, pvc: StoredObject): StoredObject | undefined {
  const name = pvc.spec?.storageClassName;
  if (name) return api.store.get('storageclasses.storage.k8s.io', undefined, name);
  if (name === '') return undefined;
  return api.store
    .list('storageclasses.storage.k8s.io')
    .find((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
}

/** The plan of a pod that uses no claims (most pods): shared, never changed. */
const NO_CLAIMS: VolumePlan = Object.freeze({
  delayed: Object.freeze([]) as unknown as StoredObject[],
  bound: Object.freeze([]) as unknown as StoredObject[],
});

export function planVolumes(api: ApiServer, pod: StoredObject): VolumePlan {
  let plan = NO_CLAIMS;
  const ns = pod.metadata.namespace ?? 'default';
  for (const v of (pod.spec?.volumes ?? []) as {
    persistentVolumeClaim?: { claimName: string };
    ephemeral?: unknown;
    name: string;
  }[]) {
    const claimName =
      v.persistentVolumeClaim?.claimName ?? (v.ephemeral ? `${pod.metadata.name}-${v.name}` : undefined);
    if (!claimName) continue;
    if (plan === NO_CLAIMS) plan = { delayed: [], bound: [] };
    const pvc = api.store.get('persistentvolumeclaims', ns, claimName);
    if (!pvc) return { ...plan, prefilter: `persistentvolumeclaim "${claimName}" not found` };
    if (pvc.metadata.deletionTimestamp)
      return { ...plan, prefilter: `persistentvolumeclaim "${claimName}" is being deleted` };
    if (pvc.spec?.volumeName && pvc.status?.phase === 'Bound') {
      const pv = api.store.get('persistentvolumes', undefined, pvc.spec.volumeName);
      if (pv) plan.bound.push(pv);
      continue;
    }
    const sc = storageClassOf(api, pvc);
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer') plan.delayed.push(pvc);
    else return { ...plan, prefilter: 'pod has unbound immediate PersistentVolumeClaims' };
  }
  return plan;
}

export function volumeFilter(plan: VolumePlan, n: NodeInfo): FilterFailure | undefined {
  for (const pv of plan.bound) {
    const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (terms && !terms.some((t: never) => termMatches(t, n.node)))
      return { reasons: ['node(s) had volume node affinity conflict'], unresolvable: true };
  }
  for (const pvc of plan.delayed) {
    const selected = pvc.metadata.annotations?.['volume.kubernetes.io/selected-node'];
    if (selected && selected !== n.node.metadata.name)
      return { reasons: ["node(s) didn't find available persistent volumes to bind"], unresolvable: true };
  }
  return undefined;
}
