/**
 * Editor validation with the API server's own checks (strict decoding, defaults, schema and kind
 * validation) but without writing, without admission plugins and without touching the seeded RNG, so
 * validating as the learner types never changes what the simulation does next.
 */
import { parseAllDocuments } from 'yaml';
import type { ApiServer } from '../engine/api/apiserver';
import { StatusError } from '../engine/api/errors';
import type { KObject, StoredObject } from '../engine/api/types';
import * as schema from '../engine/schema';
import type { ValidationIssue } from '../protocol/messages';

export function validateManifests(api: ApiServer, content: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const docs = parseAllDocuments(content);
  if (!Array.isArray(docs)) return issues;
  docs.forEach((doc, i) => {
    // YAML syntax errors are the editor's own (monaco-yaml underlines them).
    if (doc.errors.length > 0) return;
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) return;
    for (const issue of validateObject(api, value as KObject)) issues.push({ doc: i, ...issue });
  });
  return issues;
}

function validateObject(api: ApiServer, input: KObject): { field: string; message: string }[] {
  if (!input.apiVersion || !input.kind) {
    const missing = !input.apiVersion ? 'apiVersion' : 'kind';
    return [{ field: missing, message: `Object '${missing === 'kind' ? 'Kind' : 'apiVersion'}' is missing` }];
  }
  const rt = api.kinds.forObject(input);
  if (!rt) {
    return [
      { field: 'kind', message: `no matches for kind "${input.kind}" in version "${input.apiVersion}"` },
    ];
  }
  const obj = structuredClone(input) as StoredObject;
  obj.metadata ??= {} as StoredObject['metadata'];
  try {
    const decodeError = schema.decodeStrict(rt, obj);
    if (decodeError) return errorIssues(decodeError);
    if (rt.namespaced) obj.metadata.namespace ||= 'default';
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && !obj.metadata.generateName) {
      return [
        {
          field: 'metadata.name',
          message: 'metadata.name: Required value: name or generateName is required',
        },
      ];
    }
    obj.metadata.name ||= `${obj.metadata.generateName}xxxxx`;
    const old = api.store.get(resourceKey(rt.plural, rt.group), obj.metadata.namespace, obj.metadata.name);
    schema.applyDefaults(rt, obj);
    rt.strategy.defaults?.(obj);
    const causes = [...schema.validate(rt, obj, old), ...(rt.strategy.validate?.(obj, old) ?? [])];
    return causes.map((c) => ({ field: c.field, message: c.message }));
  } catch (err) {
    if (err instanceof StatusError) return errorIssues(err);
    return [{ field: '', message: (err as Error).message }];
  }
}

function errorIssues(err: StatusError): { field: string; message: string }[] {
  if (err.causes.length > 0) return err.causes.map((c) => ({ field: c.field, message: c.message }));
  return [{ field: '', message: err.message }];
}

function resourceKey(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}
