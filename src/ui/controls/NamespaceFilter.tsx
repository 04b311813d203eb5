/** Which namespace the graph and table show ('' = all). */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../lab/store';
import { useUi } from '../ui-store';

export function NamespaceFilter() {
  const { t } = useTranslation();
  const namespace = useUi((s) => s.namespace);
  const names = useLab(
    useShallow((s) => {
      const out: string[] = [];
      for (const o of s.objects.values()) if (o.kind === 'Namespace') out.push(o.name);
      return out.sort();
    }),
  );
  const options = names.includes(namespace) || !namespace ? names : [...names, namespace];
  return (
    <label className="ns-filter">
      <span>{t('controls.namespace')}</span>
      <select value={namespace} onChange={(e) => useUi.setState({ namespace: e.target.value })}>
        <option value="">{t('controls.allNamespaces')}</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
