/** Page entry: language, theme, the worker, restore editor files, render. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyClusterParam } from './controls/cluster-param';
import { followShellNamespace } from './controls/follow-namespace';
import { loadFiles, openFile } from './editor/files-store';
import { initI18n } from './i18n';
import { lab } from './lab/client';
import { useLab } from './lab/store';
import { useUi } from './ui-store';

initI18n();
document.documentElement.dataset.theme = useUi.getState().theme;
const client = lab();
client.listeners.openEditor = (path, content) => openFile(path, content);
void loadFiles();

// A small handle for end-to-end tests, the bench and the lesson panel's tooling.
declare global {
  interface Window {
    __kubedojo?: { lab: typeof client; store: typeof useLab; ui: typeof useUi };
  }
}
window.__kubedojo = { lab: client, store: useLab, ui: useUi };
applyClusterParam(window.location.search, useLab, client);
followShellNamespace(useLab, useUi);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
