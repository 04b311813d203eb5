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

/**
 * One schema that picks the right kind's schema by apiVersion + kind (`if`/`then` per kind), so every
 * document in a multi-document file is checked against its own kind.
 */
export function combinedSchema(schemas: Record<string, unknown>): Record<string, unknown> {
  const branches = Object.entries(schemas).map(([key, schema]) => {
    const i = key.lastIndexOf('/');
    const apiVersion = key.slice(0, i);
    const kind = key.slice(i + 1);
    return {
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
      then: schema,
    };
  });
  return { type: 'object', allOf: branches };
}

export function configureYaml(schemas: Record<string, unknown>): void {
  const options: MonacoYamlOptions = {
    enableSchemaRequest: false,
    isKubernetes: true,
    format: { enable: false },
    schemas:
      Object.keys(schemas).length > 0
        ? [{ fileMatch: ['*'], uri: 'inmemory://kubedojo/kubernetes.json', schema: combinedSchema(schemas) as JSONSchema }]
        : [],
  };
  if (yaml) yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

export { monaco };
