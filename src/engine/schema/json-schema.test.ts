/** JSON Schemas for the YAML editor: one per kind, and a combined one that picks by apiVersion/kind. */
import { describe, expect, it } from 'vitest';
import { combinedJsonSchema, jsonSchemaFor } from './json-schema';

describe('JSON Schema for monaco-yaml', () => {
  it('pins apiVersion and kind and carries the definitions it needs', () => {
    const s = jsonSchemaFor('apps/v1', 'Deployment') as any;
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.properties.apiVersion.enum).toEqual(['apps/v1']);
    expect(s.properties.kind.enum).toEqual(['Deployment']);
    expect(s.required).toEqual(['apiVersion', 'kind']);
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.spec).toMatchObject({ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' });
    const spec = s.definitions['io.k8s.api.apps.v1.DeploymentSpec'];
    expect(spec.required).toEqual(['selector']);
    expect(spec.properties.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(spec.properties.replicas.description).toContain('Number of desired pods.');
    const container = s.definitions['io.k8s.api.core.v1.Container'];
    expect(container.properties.resources.$ref).toBe('#/definitions/io.k8s.api.core.v1.ResourceRequirements');
    const res = s.definitions['io.k8s.api.core.v1.ResourceRequirements'];
    expect(res.properties.limits.additionalProperties).toEqual({
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
    expect(s.definitions['io.k8s.api.core.v1.ServicePort']).toBeUndefined();
    for (const ref of JSON.stringify(s).match(/#\/definitions\/[^"]+/g) ?? []) {
      expect(s.definitions[ref.slice('#/definitions/'.length)]).toBeDefined();
    }
  });

  it('covers Istio kinds from their CRD schema', () => {
    const vs = jsonSchemaFor('networking.istio.io/v1', 'VirtualService') as any;
    const spec = vs.definitions[vs.properties.spec.$ref.slice('#/definitions/'.length)];
    expect(spec.properties.hosts).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(jsonSchemaFor('example.com/v1', 'Nothing')).toBeUndefined();
  });

  it('combines kinds with if/then on apiVersion and kind', () => {
    const s = combinedJsonSchema([
      { apiVersion: 'v1', kind: 'Pod' },
      { apiVersion: 'apps/v1', kind: 'Deployment' },
    ]) as any;
    expect(s.properties.kind.enum).toEqual(['Deployment', 'Pod']);
    expect(s.allOf).toHaveLength(2);
    expect(s.allOf[0].if.properties).toEqual({ apiVersion: { const: 'v1' }, kind: { const: 'Pod' } });
    expect(s.allOf[0].then).toEqual({ $ref: '#/definitions/io.k8s.api.core.v1.Pod' });
  });
});
