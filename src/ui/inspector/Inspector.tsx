/** Details of the selected object: YAML, `kubectl describe`, events and (pods) logs, from the CLI itself. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectResult } from '../../protocol/messages';
import { lab } from '../lab/client';
import { useView } from '../lab/store';
import { select, useUi } from '../ui-store';

type Tab = 'yaml' | 'describe' | 'events' | 'logs';

export function Inspector() {
  const { t } = useTranslation();
  const uid = useUi((s) => s.selected);
  const view = useView(uid ?? '');
  const [tab, setTab] = useState<Tab>('describe');
  const [result, setResult] = useState<InspectResult | undefined>();

  // Refresh when the object changes (throttled by the diff rate: at most once per frame).
  useEffect(() => {
    if (!uid || !view) {
      setResult(undefined);
      return;
    }
    let live = true;
    void lab()
      .inspect(uid)
      .then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [uid, view]);

  if (!uid || !view) return <p className="hint">{t('inspector.empty')}</p>;
  const tabs: Tab[] =
    view.kind === 'Pod' ? ['describe', 'yaml', 'events', 'logs'] : ['describe', 'yaml', 'events'];
  const shown = tabs.includes(tab) ? tab : 'describe';
  const text = result ? (result[shown] ?? '') : '…';
  return (
    <div className="inspector">
      <div className="inspector-head">
        <h2>
          {view.kind} <span className="mono">{view.name}</span>
        </h2>
        <button
          type="button"
          className="icon-button"
          onClick={() => select(undefined)}
          aria-label={t('inspector.close')}
        >
          ×
        </button>
      </div>
      <div role="tablist" aria-label={t('inspector.tabs')} className="tabs">
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`insp-tab-${k}`}
            aria-selected={shown === k}
            aria-controls="insp-panel"
            className={shown === k ? 'tab active' : 'tab'}
            onClick={() => setTab(k)}
          >
            {t(`inspector.${k}`)}
          </button>
        ))}
      </div>
      <pre
        id="insp-panel"
        role="tabpanel"
        aria-labelledby={`insp-tab-${shown}`}
        className="inspector-text"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrolling output must be reachable by keyboard.
        tabIndex={0}
      >
        {text || t('inspector.nothing')}
      </pre>
    </div>
  );
}
