/** The same objects as the graph, as a table (screen readers, and anyone who prefers rows). */
import { useTranslation } from 'react-i18next';
import type { ObjectView } from '../../protocol/views';
import { useLab } from '../lab/store';
import { select, useUi } from '../ui-store';

const ORDER = [
  'Node',
  'BuildConfig',
  'Build',
  'ImageStream',
  'Route',
  'Ingress',
  'Service',
  'Deployment',
  'DeploymentConfig',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'Pod',
  'ConfigMap',
  'Secret',
  'PersistentVolumeClaim',
];

export function TableView() {
  const { t } = useTranslation();
  const objects = useLab((s) => s.objects);
  const namespace = useUi((s) => s.namespace);
  const rows: ObjectView[] = [];
  for (const o of objects.values()) {
    if (o.kind === 'Namespace') continue;
    if (o.kind !== 'Node' && namespace && o.namespace !== namespace) continue;
    rows.push(o);
  }
  rows.sort(
    (a, b) =>
      ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.namespace + a.name < b.namespace + b.name ? -1 : 1),
  );
  return (
    <section className="table-view" aria-label={t('table.label')}>
      <table>
        <caption>{t('table.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.kind')}</th>
            <th scope="col">{t('table.namespace')}</th>
            <th scope="col">{t('table.name')}</th>
            <th scope="col">{t('table.status')}</th>
            <th scope="col">{t('table.ready')}</th>
            <th scope="col">{t('table.restarts')}</th>
            <th scope="col">{t('table.node')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.uid}>
              <td>{o.kind}</td>
              <td>{o.namespace}</td>
              <th scope="row">
                <button type="button" className="link" onClick={() => select(o.uid)}>
                  {o.name}
                </button>
              </th>
              <td>{o.status}</td>
              <td>{o.ready ?? ''}</td>
              <td>{o.restarts ?? ''}</td>
              <td>{o.nodeName ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
