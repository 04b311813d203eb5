/** Which namespace the graph and table show ('' = all). */

import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLab } from '../lab/store';
import { useUi } from '../ui-store';

export function NamespaceFilter() {
  const { t } = useTranslation();
  const namespace = useUi((s) => s.namespace);
  // Namespaces only change when objects come or go (`structure`), not on every diff.
  const structure = useDeferredValue(useLab((s) => s.structure));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` is the signal to recompute.
  const names = useMemo(() => {
    const out: string[] = [];
    for (const o of useLab.getState().objects.values()) if (o.kind === 'Namespace') out.push(o.name);
    return out.sort();
  }, [structure]);
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
