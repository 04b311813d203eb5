/**
 * Monaco with only what the YAML editor needs (the core editor, YAML highlighting, monaco-yaml), its two
 * workers bundled by Vite, and schemas given inline (no network). Loaded lazily with the editor.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml, type JSONSchema, type MonacoYaml, type MonacoYamlOptions } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker?worker';

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

let yaml: MonacoYaml | undefined;

/** Validation and completion against the engine's schema (null until the worker sent it). */
export function configureYaml(schema: Record<string, unknown> | null): void {
  const options: MonacoYamlOptions = {
    enableSchemaRequest: false,
    isKubernetes: true,
    format: { enable: false },
    schemas: schema
      ? [{ fileMatch: ['*'], uri: 'inmemory://kubedojo/kubernetes.json', schema: schema as JSONSchema }]
      : [],
  };
  if (yaml) yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

export { monaco };
