/** `istioctl proxy-status`: every proxy (sidecars and gateways) and its xDS sync state with istiod. */
import type { StoredObject } from '../../engine/api/types';
import type { EngineContext } from '../../engine/context';
import { hasSidecar, ISTIO_NAMESPACE, ISTIO_VERSION } from '../../engine/istio';

function running(p: StoredObject): boolean {
  return p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  // istioctl's tabwriter pads columns with five spaces.
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 5)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

export function proxyStatus(ctx: EngineContext, namespace?: string): { output: string; exitCode: number } {
  const istiod = ctx.api.store
    .list('pods', ISTIO_NAMESPACE)
    .find((p) => p.metadata.labels?.app === 'istiod' && running(p));
  if (!istiod) return { output: 'Error: unable to find any Istiod instances\n', exitCode: 1 };
  const proxies = ctx.api.store
    .list('pods', namespace)
    .filter((p) => running(p) && hasSidecar(p))
    .map((p) => `${p.metadata.name}.${p.metadata.namespace}`)
    .sort();
  const rows = [['NAME', 'CLUSTER', 'CDS', 'LDS', 'EDS', 'RDS', 'ECDS', 'ISTIOD', 'VERSION']];
  for (const name of proxies)
    rows.push([
      name,
      'Kubernetes',
      'SYNCED',
      'SYNCED',
      'SYNCED',
      'SYNCED',
      'IGNORED',
      istiod.metadata.name ?? '',
      ISTIO_VERSION,
    ]);
  return { output: `${table(rows)}\n`, exitCode: 0 };
}
