/**
 * Details of the selected object: YAML, `kubectl describe`, events and (pods) logs, from the CLI itself,
 * and (pods) the probe timeline.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectResult } from '../../protocol/messages';
import { lab } from '../lab/client';
import { useLab, useView } from '../lab/store';
import { select, useUi } from '../ui-store';
import { ProbeTimeline } from './ProbeTimeline';

type Tab = 'yaml' | 'describe' | 'events' | 'logs' | 'probes';

/** At most one inspect request per this many real ms (probe results and logs move with the clock). */
const REFRESH_MS = 500;

export function Inspector() {
  const { t } = useTranslation();
  const uid = useUi((s) => s.selected);
  const view = useView(uid ?? '');
  const [tab, setTab] = useState<Tab>('describe');
  const [result, setResult] = useState<InspectResult | undefined>();
  // Probes run and logs grow without the object changing: refresh with the virtual second as well.
  const second = useLab((s) => Math.floor(s.clock.nowMs / 1000));
  const shownUid = useRef<string | undefined>(undefined);
  const lastFetch = useRef(0);

  // Refresh when the object changes or the clock moves on, at most every REFRESH_MS (the first request
  // for a newly selected object goes at once). A reply for the object still selected is always shown,
  // so a fast clock cannot starve the panel by re-running this effect before replies arrive.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `view` and `second` are the signals to refresh.
  useEffect(() => {
    if (!uid || !view) {
      shownUid.current = undefined;
      setResult(undefined);
      return;
    }
    if (shownUid.current !== uid) {
      shownUid.current = uid;
      lastFetch.current = 0;
      setResult(undefined);
    }
    const wait = Math.max(0, lastFetch.current + REFRESH_MS - performance.now());
    const timer = setTimeout(() => {
      lastFetch.current = performance.now();
      void lab()
        .inspect(uid)
        .then((r) => {
          if (shownUid.current === uid) setResult(r);
        });
    }, wait);
    return () => clearTimeout(timer);
  }, [uid, view, second]);

  if (!uid || !view) return <p className="hint">{t('inspector.empty')}</p>;
  const tabs: Tab[] =
    view.kind === 'Pod' ? ['describe', 'yaml', 'events', 'logs', 'probes'] : ['describe', 'yaml', 'events'];
  const shown = tabs.includes(tab) ? tab : 'describe';
  const text = !result ? '…' : shown === 'probes' ? '' : (result[shown] ?? '');
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
      {shown === 'probes' ? (
        <div
          id="insp-panel"
          role="tabpanel"
          aria-labelledby="insp-tab-probes"
          className="probe-panel"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling panel must be reachable by keyboard.
          tabIndex={0}
        >
          <ProbeTimeline
            timeline={result ? (result.probes ?? { configs: [], executions: [], total: 0 }) : undefined}
          />
        </div>
      ) : (
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
      )}
    </div>
  );
}
