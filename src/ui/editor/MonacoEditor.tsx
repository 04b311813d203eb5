/**
 * The Monaco YAML editor (lazy-loaded). One model per tab, JSON-schema validation and completion by
 * monaco-yaml, and markers with the API server's own messages from a dry-run validation in the worker.
 */

import i18next from 'i18next';
import { useEffect, useRef } from 'react';
import { lab } from '../lab/client';
import { useUi } from '../ui-store';
import { setContent, useFiles } from './files-store';
import { configureYaml, monaco } from './monaco-setup';
import { rangeOfField } from './yaml-paths';

const MARKER_OWNER = 'kubedojo-api';
let schemasRequested = false;

function modelFor(path: string, content: string): monaco.editor.ITextModel {
  const uri = monaco.Uri.parse(`file:///${path}`);
  const existing = monaco.editor.getModel(uri);
  if (existing) {
    if (existing.getValue() !== content) existing.setValue(content);
    return existing;
  }
  return monaco.editor.createModel(content, 'yaml', uri);
}

async function validateModel(model: monaco.editor.ITextModel): Promise<void> {
  const content = model.getValue();
  const issues = await lab().validate(content);
  if (model.isDisposed() || model.getValue() !== content) return;
  const markers = issues.map((issue) => {
    const range = rangeOfField(content, issue.doc, issue.field) ?? {
      start: 0,
      end: Math.min(content.length, 1),
    };
    const start = model.getPositionAt(range.start);
    const end = model.getPositionAt(Math.max(range.end, range.start + 1));
    return {
      severity: monaco.MarkerSeverity.Error,
      message: issue.message,
      source: 'kube-apiserver',
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    };
  });
  monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
}

/** Handle for tests and the bench: set a tab's text through the model (typing triggers auto-indent). */
declare global {
  interface Window {
    __kubedojoEditor?: { setValue(text: string): void; markers(): { message: string; severity: number }[] };
  }
}

export default function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const active = useFiles((s) => s.active);
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    if (!host.current) return;
    if (!schemasRequested) {
      schemasRequested = true;
      configureYaml(null);
      void lab()
        .schemas()
        .then((b) => configureYaml(b.schema));
    }
    const ed = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderFinalNewline: 'on',
      ariaLabel: i18next.t('editor.ariaLabel'),
      theme: useUi.getState().theme === 'dark' ? 'vs-dark' : 'vs',
    });
    editor.current = ed;
    const first = useFiles.getState().files.find((f) => f.path === useFiles.getState().active);
    if (first) ed.setModel(modelFor(first.path, first.content));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = ed.onDidChangeModelContent(() => {
      const model = ed.getModel();
      if (!model) return;
      const path = model.uri.path.replace(/^\//, '');
      setContent(path, model.getValue());
      clearTimeout(timer);
      timer = setTimeout(() => void validateModel(model), 300);
    });
    window.__kubedojoEditor = {
      setValue: (text) => ed.getModel()?.setValue(text),
      markers: () =>
        monaco.editor
          .getModelMarkers({ resource: ed.getModel()?.uri })

          .map((m: monaco.editor.IMarker) => ({ message: m.message, severity: m.severity })),
    };
    return () => {
      clearTimeout(timer);
      sub.dispose();
      ed.dispose();
      editor.current = null;
      window.__kubedojoEditor = undefined;
    };
  }, []);

  useEffect(() => {
    const ed = editor.current;
    if (!ed) return;
    const file = useFiles.getState().files.find((f) => f.path === active);
    if (!file) {
      ed.setModel(null);
      return;
    }
    const model = modelFor(file.path, file.content);
    if (ed.getModel() !== model) ed.setModel(model);
    void validateModel(model);
  }, [active]);

  // Content replaced from outside (kubectl edit, a lesson) reaches the open model.
  useEffect(
    () =>
      useFiles.subscribe((s) => {
        const ed = editor.current;
        const file = s.files.find((f) => f.path === s.active);
        const model = ed?.getModel();
        if (file && model && model.uri.path === `/${file.path}` && model.getValue() !== file.content) {
          model.setValue(file.content);
        }
      }),
    [],
  );

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return <div className="monaco-host" ref={host} />;
}
