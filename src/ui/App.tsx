/** The lab: header controls, the graph (or table), the side panel, the terminal and the editor. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ClusterProfileSelect } from './controls/ClusterProfileSelect';
import { NamespaceFilter } from './controls/NamespaceFilter';
import { Preferences } from './controls/Preferences';
import { TimeControls } from './controls/TimeControls';
import { EditorPanel } from './editor/EditorPanel';
import { GraphView } from './graph/GraphView';
import { TableView } from './graph/TableView';
import { useLab } from './lab/store';
import { SidePanel } from './SidePanel';
import { Terminal } from './terminal/Terminal';
import { useUi } from './ui-store';

// The Mesh view (React Flow graph + uPlot charts) loads only when opened: the first screen does not wait.
const MeshView = lazy(() => import('./mesh/MeshView').then((m) => ({ default: m.MeshView })));

export function App() {
  const { t } = useTranslation();
  const view = useUi((s) => s.view);
  const connected = useLab((s) => s.connected);
  const fatal = useLab((s) => s.fatal);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">
          {t('app.title')} <span className="tagline">{t('app.tagline')}</span>
        </h1>
        <TimeControls />
        <ClusterProfileSelect />
        <NamespaceFilter />

        <Preferences />
      </header>
      <main className="app-main">
        <div className="stage">
          <fieldset className="view-toggle">
            <legend className="sr-only">{t('view.label')}</legend>
            <button
              type="button"
              aria-pressed={view === 'graph'}
              onClick={() => useUi.setState({ view: 'graph' })}
            >
              {t('view.graph')}
            </button>
            <button
              type="button"
              aria-pressed={view === 'table'}
              onClick={() => useUi.setState({ view: 'table' })}
            >
              {t('view.table')}
            </button>
            <button
              type="button"
              aria-pressed={view === 'mesh'}
              onClick={() => useUi.setState({ view: 'mesh' })}
            >
              {t('view.mesh')}
            </button>
            <button type="button" onClick={() => useUi.setState((s) => ({ fitEpoch: s.fitEpoch + 1 }))}>
              {t('graph.fit')}
            </button>
            <button type="button" onClick={() => useUi.setState((s) => ({ layoutEpoch: s.layoutEpoch + 1 }))}>
              {t('graph.resetLayout')}
            </button>
          </fieldset>
          {fatal ? (
            <div className="fatal" role="alert">
              <h2>{t('app.fatal')}</h2>
              <pre>{fatal}</pre>
            </div>
          ) : !connected ? (
            <p className="hint" role="status">
              {t('app.loading')}
            </p>
          ) : view === 'graph' ? (
            <GraphView />
          ) : view === 'mesh' ? (
            <Suspense fallback={<p className="hint">{t('mesh.waiting')}</p>}>
              <MeshView />
            </Suspense>
          ) : (
            <TableView />
          )}
        </div>
        <SidePanel />
        <div className="workbench">
          <Terminal />
          <EditorPanel />
        </div>
      </main>
    </div>
  );
}
