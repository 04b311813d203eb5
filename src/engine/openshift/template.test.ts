// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} is OpenShift's template parameter syntax, not a JS template.
import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng';
import { generateExpression, processTemplate } from './template';

const template = {
  apiVersion: 'template.openshift.io/v1',
  kind: 'Template',
  metadata: { name: 't' },
  labels: { template: 't' },
  message: 'Created ${NAME}.',
  parameters: [
    { name: 'NAME', required: true, value: 'web' },
    { name: 'REPLICAS', value: '2' },
    { name: 'SECRET', generate: 'expression', from: '[a-zA-Z0-9]{40}' },
    { name: 'PIN', generate: 'expression', from: 'pin-\\d{4}' },
    { name: 'MUST', required: true },
  ],
  objects: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: '${NAME}' },
      spec: {
        replicas: '${{REPLICAS}}',
        template: { metadata: { annotations: { s: '${SECRET}', p: '${PIN}' } } },
      },
    },
  ],
};

describe('template processing', () => {
  it('generates values from expressions', () => {
    const rng = new Rng(3);
    expect(generateExpression('[a-zA-Z0-9]{40}', rng)).toMatch(/^[a-zA-Z0-9]{40}$/);
    expect(generateExpression('x-[a-f]{3}\\d', rng)).toMatch(/^x-[a-f]{3}[0-9]$/);
  });

  it('substitutes string and JSON parameters, labels and the message', () => {
    const out = processTemplate(template, { MUST: 'yes' }, new Rng(1));
    const d = out.objects[0];
    expect(d.metadata).toEqual({ name: 'web', labels: { template: 't' } });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.metadata.annotations.s).toMatch(/^[a-zA-Z0-9]{40}$/);
    expect(d.spec.template.metadata.annotations.p).toMatch(/^pin-\d{4}$/);
    expect(out.message).toBe('Created web.');
    expect(out.parameters.filter((p) => p.generated).map((p) => p.name)).toEqual(['SECRET', 'PIN']);
  });

  it('rejects missing required and unknown parameters', () => {
    expect(() => processTemplate(template, {}, new Rng(1))).toThrow(
      'parameter MUST is required and must be specified',
    );
    expect(() => processTemplate(template, { MUST: 'x', NOPE: '1' }, new Rng(1))).toThrow(
      'unknown parameter name "NOPE"',
    );
  });
});
