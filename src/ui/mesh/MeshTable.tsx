/** The mesh graph as two tables (screen readers, and anyone who prefers rows): its nodes and its edges. */
import { useTranslation } from 'react-i18next';
import type { MeshNodeView } from '../../protocol/messages';
import { LockIcon } from './MeshEdge';
import { toggleFocus, useMesh } from './mesh-store';
import { formatMs, formatPercent, formatRps, type MeshGraph } from './model';

export function MeshTable({ graph, windowS }: { graph: MeshGraph; windowS: number }) {
  const { t } = useTranslation();
  const focus = useMesh((s) => s.focus);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nameOf = (n: MeshNodeView | undefined) => {
    if (!n) return '';
    const name = !n.namespace && n.name === 'unknown' ? t('mesh.unknown') : n.name;
    return `${t(n.kind === 'service' ? 'mesh.service' : 'mesh.workload')} ${name}${n.namespace && n.namespace !== 'default' ? `.${n.namespace}` : ''}`;
  };
  return (
    <div className="mesh-table table-view">
      <table>
        <caption>{t('mesh.edges')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mesh.from')}</th>
            <th scope="col">{t('mesh.to')}</th>
            <th scope="col">{t('mesh.rps')}</th>
            <th scope="col">{t('mesh.errors')}</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">p99</th>
            <th scope="col">{t('mesh.mtls')}</th>
          </tr>
        </thead>
        <tbody>
          {graph.edges.length === 0 ? (
            <tr>
              <td colSpan={8}>{t('mesh.noEdges', { seconds: windowS })}</td>
            </tr>
          ) : (
            graph.edges.map((e) => (
              <tr key={`${e.source}>${e.target}`}>
                <th scope="row">{nameOf(byId.get(e.source))}</th>
                <td>{nameOf(byId.get(e.target))}</td>
                <td className="num">{formatRps(e.rps)}</td>
                <td className="num">{formatPercent(e.errorPercent)}</td>
                <td className="num">{formatMs(e.p50)}</td>
                <td className="num">{formatMs(e.p95)}</td>
                <td className="num">{formatMs(e.p99)}</td>
                <td>
                  {e.mtls ? <LockIcon title={t('mesh.a11y.mtls')} /> : null}{' '}
                  {e.mtls ? t('mesh.yes') : t('mesh.no')}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <table>
        <caption>{t('mesh.nodes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mesh.kind')}</th>
            <th scope="col">{t('mesh.namespace')}</th>
            <th scope="col">{t('mesh.name')}</th>
            <th scope="col">{t('mesh.version')}</th>
            <th scope="col">{t('mesh.rps')}</th>
            <th scope="col">{t('mesh.errors')}</th>
            <th scope="col">p95</th>
          </tr>
        </thead>
        <tbody>
          {graph.nodes.map((n) => (
            <tr key={n.id}>
              <td>{t(n.kind === 'service' ? 'mesh.service' : 'mesh.workload')}</td>
              <td>{n.namespace}</td>
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  aria-pressed={focus === n.id}
                  onClick={() => toggleFocus(n.id)}
                >
                  {!n.namespace && n.name === 'unknown' ? t('mesh.unknown') : n.name}
                </button>
              </th>
              <td>{n.version ?? ''}</td>
              <td className="num">{n.idle ? t('mesh.idle') : formatRps(n.rps)}</td>
              <td className="num">{formatPercent(n.errorPercent)}</td>
              <td className="num">{n.idle ? '' : formatMs(n.p95)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
