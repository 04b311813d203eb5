/** Embed page entry (embed.html): language from ?lang, theme, the worker, editor files, render. */
import '@xyflow/react/dist/style.css';
import '../ui/styles.css';
import './embed.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseEmbedParams } from '../lessons/links';
import { loadFiles, openFile } from '../ui/editor/files-store';
import { initI18n } from '../ui/i18n';
import { lab } from '../ui/lab/client';
import { useLab } from '../ui/lab/store';
import { useUi } from '../ui/ui-store';
import { EmbedApp } from './EmbedApp';

const params = parseEmbedParams(window.location.search);
const i18n = initI18n();
// The course page's choice applies to this exercise only; the lab's remembered language is left alone.
if (params.lang) {
  void i18n.changeLanguage(params.lang);
  document.documentElement.lang = params.lang;
}
document.documentElement.dataset.theme = useUi.getState().theme;
const client = lab();
client.listeners.openEditor = (path, content) => openFile(path, content);
void loadFiles();

declare global {
  interface Window {
    __kubedojo?: { lab: typeof client; store: typeof useLab; ui: typeof useUi };
  }
}
window.__kubedojo = { lab: client, store: useLab, ui: useUi };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp params={params} />
  </StrictMode>,
);
