/**
 * The ResourceQuota admission plugin: a create that would take a namespace over a quota's hard limit is
 * Forbidden (`exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2`); a pod that does
 * not say how much cpu or memory it needs, in a namespace whose quota limits that, fails the quota.
 */
import type { AdmissionRequest } from '../api/apiserver';
import { forbidden } from '../api/errors';
import { resourceId } from '../api/kinds';
import type { EngineContext } from '../context';
import { quantityValue } from '../schema/quantity';
import { computeUsed, formatUsage, usageOf } from './quota-usage';

const COMPUTE = /^(requests\.|limits\.)?(cpu|memory)$/;

export function resourceQuotaAdmission(ctx: EngineContext) {
  return (req: AdmissionRequest): void => {
    if (req.operation !== 'CREATE' || !req.resource.namespaced) return;
    const namespace = req.object.metadata.namespace ?? 'default';
    const quotas = ctx.api.store.list('resourcequotas', namespace);
    if (quotas.length === 0) return;
    const rid = resourceId(req.resource);
    const name = req.object.metadata.name;
    const qualified = req.resource.group
      ? `${req.resource.plural}.${req.resource.group}`
      : req.resource.plural;
    const deny = (why: string) => forbidden(`${qualified} "${name}" is forbidden: ${why}`);
    for (const quota of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
      const hard: Record<string, unknown> = quota.spec?.hard ?? {};
      if (rid === 'pods') {
        const missing: string[] = [];
        for (const resource of Object.keys(hard).sort()) {
          const m = COMPUTE.exec(resource);
          if (!m) continue;
          const kind = m[1] === 'limits.' ? 'limits' : 'requests';
          const without = (req.object.spec?.containers ?? [])
            .filter((c: any) => c.resources?.[kind]?.[m[2]] === undefined)
            .map((c: any) => c.name);
          if (without.length) missing.push(`${resource} for: ${without.join(',')}`);
        }
        if (missing.length)
          throw deny(`failed quota: ${quota.metadata.name}: must specify ${missing.join('; ')}`);
      }
      const deltas: Record<string, number> = {};
      for (const resource of Object.keys(hard)) {
        const d = usageOf(resource, req.object, rid);
        if (d !== undefined && d > 0) deltas[resource] = d;
      }
      if (Object.keys(deltas).length === 0) continue;
      const used = computeUsed(
        ctx,
        namespace,
        Object.fromEntries(Object.keys(deltas).map((k) => [k, hard[k]])),
      );
      const exceeded = Object.keys(deltas)
        .filter((r) => used[r] + deltas[r] > quantityValue(hard[r]) + 1e-9)
        .sort();
      if (exceeded.length === 0) continue;
      const list = (f: (r: string) => string) => exceeded.map((r) => `${r}=${f(r)}`).join(',');
      throw deny(
        `exceeded quota: ${quota.metadata.name}, requested: ${list((r) => formatUsage(r, deltas[r]))}, used: ${list(
          (r) => formatUsage(r, used[r]),
        )}, limited: ${list((r) => String(hard[r]))}`,
      );
    }
  };
}
