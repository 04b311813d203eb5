/**
 * Status conditions as the apps/batch controllers keep them: setting a condition with the same status and
 * reason changes nothing; a new status or reason replaces it (moved to the end, as upstream's
 * filterOutCondition + append does), keeping lastTransitionTime when only the reason changed.
 */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
}

export function getCondition<C extends Condition>(conditions: C[] | undefined, type: string): C | undefined {
  return conditions?.find((c) => c.type === type);
}

export function setCondition<C extends Condition>(conditions: C[] | undefined, cond: C): C[] {
  const list = conditions ?? [];
  const current = getCondition(list, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return list;
  const next =
    current && current.status === cond.status
      ? { ...cond, lastTransitionTime: current.lastTransitionTime }
      : cond;
  return [...list.filter((c) => c.type !== cond.type), next];
}

export function removeCondition<C extends Condition>(conditions: C[] | undefined, type: string): C[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}
