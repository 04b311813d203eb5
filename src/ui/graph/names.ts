/** Accessible names for graph nodes and table rows ("Pod web-7c9f8d6b5-x2k9p, Running, 1/1 ready"). */
import type { TFunction } from 'i18next';
import type { ObjectView } from '../../protocol/views';

export function accessibleName(o: ObjectView, t: TFunction): string {
  if (o.kind === 'Pod') {
    const base = t('a11y.pod', { name: o.name, status: o.status, ready: o.ready ?? '0/0' });
    return o.restarts ? `${base}, ${t('a11y.restarts', { count: o.restarts })}` : base;
  }
  if (o.ready !== undefined && o.kind !== 'Job')
    return t('a11y.workload', { kind: o.kind, name: o.name, ready: o.ready });
  return t('a11y.object', { kind: o.kind, name: o.name, status: o.status });
}
