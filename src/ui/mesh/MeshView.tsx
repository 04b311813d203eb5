/**
 * The Mesh view (Kiali style): who calls whom through the Istio mesh, with rates, errors, latency and
 * mTLS per edge, as a graph or as tables, and the golden-signal charts of the focused node. While it is
 * mounted the worker sends mesh telemetry (`mesh-watch`); when it is empty it says what to run.
 */
import './mesh.css';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeshState } from '../../protocol/messages';
import { lab } from '../lab/client';
import { terminalEcho } from '../terminal/Terminal';
import { useUi } from '../ui-store';
import { MeshFlow } from './MeshFlow';
import { MeshTable } from './MeshTable';
import { useMesh } from './mesh-store';
import { type MeshGraph, meshGraph } from './model';

// uPlot loads with the first chart, not with the view.
const MeshCharts = lazy(() => import('./MeshCharts').then((m) => ({ default: m.MeshCharts })));

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => window.matchMedia?.(REDUCED_MOTION).matches ?? false);
  useEffect(() => {
    const m = window.matchMedia?.(REDUCED_MOTION);
    if (!m) return;
    const on = () => setReduced(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return reduced;
}

/** What to tell the learner when the graph cannot show traffic yet, with the exact command. */
function Notice({ state, graph }: { state: MeshState | undefined; graph: MeshGraph }) {
  const { t } = useTranslation();
  const [started, setStarted] = useState('');
  if (!state)
    return (
      <p className="mesh-notice" role="status">
        {t('mesh.waiting')}
      </p>
    );
  if (!state.installed)
    return (
      <div className="mesh-notice" role="status" data-testid="mesh-notice">
        <p>
          {t('mesh.notInstalled')} {t('mesh.installHint')}
        </p>
        <code className="mesh-command">istioctl install -y</code>
      </div>
    );
  if (graph.nodes.length === 0)
    return (
      <div className="mesh-notice" role="status" data-testid="mesh-notice">
        <p>
          {t('mesh.empty')} {t('mesh.emptyHint')}
        </p>
        <code className="mesh-command">kubectl label namespace default istio-injection=enabled</code>
      </div>
    );
  const errors = state.load.filter((l) => l.lastError);
  const moving = graph.edges.some((e) => e.rps > 0);
  if (moving && errors.length === 0) return null;
  return (
    <div className="mesh-notice" role="status" data-testid="mesh-notice">
      {errors.map((l) => (
        <p key={l.id} className="mesh-load-error">
          {t('mesh.loadError', { id: l.id, error: l.lastError })}
        </p>
      ))}
      {!moving && state.load.length === 0 ? (
        <>
          <p>{t('mesh.noLoad')}</p>
          {state.loadHint ? (
            <div className="mesh-load-hint">
              <code className="mesh-command">{state.loadHint}</code>
              <button
                type="button"
                disabled={started === state.loadHint}
                onClick={async () => {
                  // The same path as typing it in the terminal (logged, replayed, seen by lesson checks),
                  // echoed there like the editor's Apply so the learner sees the command that ran.
                  const line = state.loadHint!;
                  setStarted(line);
                  const r = await lab().run(line);
                  terminalEcho.write?.(line, r.output);
                }}
              >
                {t('mesh.startLoad')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function MeshView() {
  const { t } = useTranslation();
  const state = useMesh((s) => s.state);
  const focus = useMesh((s) => s.focus);
  const mode = useMesh((s) => s.mode);
  const namespace = useUi((s) => s.namespace);
  const reducedMotion = useReducedMotion();

  useEffect(() => {
    lab().meshWatch(true, focus);
  }, [focus]);
  useEffect(() => () => lab().meshWatch(false), []);

  const graph = useMemo(() => meshGraph(state, namespace), [state, namespace]);
  const windowS = (state?.windowMs ?? 10_000) / 1000;
  return (
    <section className="mesh" aria-label={t('mesh.label')} data-testid="mesh-view">
      <div className="mesh-bar">
        <fieldset className="mesh-mode">
          <legend className="sr-only">{t('mesh.mode')}</legend>
          <button
            type="button"
            aria-pressed={mode === 'graph'}
            onClick={() => useMesh.setState({ mode: 'graph' })}
          >
            {t('mesh.graph')}
          </button>
          <button
            type="button"
            aria-pressed={mode === 'table'}
            onClick={() => useMesh.setState({ mode: 'table' })}
          >
            {t('mesh.table')}
          </button>
        </fieldset>
        <span className="mesh-window">{t('mesh.window', { seconds: windowS })}</span>
        {state?.load.length ? (
          <span
            className="mesh-load"
            title={state.load.map((l) => `${l.id}: ${l.rps} rps → ${l.url}`).join('\n')}
          >
            {t('mesh.loadRunning', { count: state.load.length })}
          </span>
        ) : null}
      </div>
      <Notice state={state} graph={graph} />
      <div className="mesh-body">
        <div className="mesh-main">
          {mode === 'graph' ? (
            <MeshFlow graph={graph} reducedMotion={reducedMotion} />
          ) : (
            <MeshTable graph={graph} windowS={windowS} />
          )}
        </div>
        {focus ? (
          <Suspense
            fallback={
              <aside className="mesh-charts">
                <p className="hint">{t('mesh.charts.loading')}</p>
              </aside>
            }
          >
            <MeshCharts focus={focus} />
          </Suspense>
        ) : null}
      </div>
    </section>
  );
}
