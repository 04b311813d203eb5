/** Editor tabs, the lazily loaded Monaco editor and Apply (the same path as `kubectl apply -f <file>`). */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lab } from '../lab/client';
import { terminalEcho } from '../terminal/Terminal';
import { closeFile, newFileName, openFile, setActive, useFiles } from './files-store';

const MonacoEditor = lazy(() => import('./MonacoEditor'));

export function EditorPanel() {
  const { t } = useTranslation();
  const files = useFiles((s) => s.files);
  const active = useFiles((s) => s.active);
  const [result, setResult] = useState<{ output: string; ok: boolean } | undefined>();
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    const file = useFiles.getState().files.find((f) => f.path === useFiles.getState().active);
    if (!file) return;
    setBusy(true);
    const r = await lab().apply(file.path, file.content);
    setBusy(false);
    setResult({ output: r.output, ok: r.exitCode === 0 });
    terminalEcho.write?.(`kubectl apply -f ${file.path}`, r.output);
  };

  return (
    <section className="editor-panel" aria-label={t('editor.label')}>
      <div className="editor-bar">
        <div className="file-tabs">
          <div role="tablist" aria-label={t('editor.files')} className="tabs">
            {files.map((f) => (
              <button
                key={f.path}
                type="button"
                role="tab"
                aria-selected={f.path === active}
                className="tab"
                onClick={() => setActive(f.path)}
                onKeyDown={(e) => {
                  if (e.key === 'Delete') closeFile(f.path);
                }}
              >
                {f.path}
              </button>
            ))}
          </div>
          {active && (
            <button
              type="button"
              className="icon-button"
              aria-label={t('editor.close', { name: active })}
              title={t('editor.close', { name: active })}
              onClick={() => closeFile(active)}
            >
              ×
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t('editor.new')}
            title={t('editor.new')}
            onClick={() =>
              openFile(
                newFileName(),
                'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: example\ndata:\n  key: value\n',
              )
            }
          >
            +
          </button>
        </div>
        <button type="button" className="primary" onClick={() => void apply()} disabled={busy || !active}>
          {t('editor.apply')}
        </button>
      </div>
      <div className="yaml-editor" data-testid="yaml-editor">
        <Suspense fallback={<p className="hint">{t('editor.loading')}</p>}>
          <MonacoEditor />
        </Suspense>
      </div>
      {result && (
        <output className={result.ok ? 'apply-result ok' : 'apply-result error'} aria-live="polite">
          {result.output}
        </output>
      )}
    </section>
  );
}
