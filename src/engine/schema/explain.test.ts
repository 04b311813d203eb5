/** `kubectl explain` output, compared with what kubectl 1.32 prints against a 1.32 API server. */
import { describe, expect, it } from 'vitest';
import { registerBuiltinKinds } from '../api/builtin-kinds';
import { KindRegistry } from '../api/kinds';
import { explain, typeGuess, wrap } from './explain';

const kinds = new KindRegistry();
registerBuiltinKinds(kinds);

describe('kubectl explain', () => {
  it('prints a scalar field with two blank lines after FIELD', () => {
    expect(explain(kinds, 'deployment.spec.replicas')).toBe(
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: replicas <integer>',
        '',
        '',
        'DESCRIPTION:',
        '    Number of desired pods. This is a pointer to distinguish between explicit',
        '    zero and not specified. Defaults to 1.',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it("prints an object field with its own and its type's description, then its fields", () => {
    const out = explain(kinds, 'deploy.spec');
    expect(out.split('\n').slice(0, 22).join('\n')).toBe(
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: spec <DeploymentSpec>',
        '',
        '',
        'DESCRIPTION:',
        '    Specification of the desired behavior of the Deployment.',
        '    DeploymentSpec is the specification of the desired behavior of the',
        '    Deployment.',
        '    ',
        'FIELDS:',
        '  minReadySeconds\t<integer>',
        '    Minimum number of seconds for which a newly created pod should be ready',
        '    without any of its container crashing, for it to be considered available.',
        '    Defaults to 0 (pod will be considered available as soon as it is ready)',
        '',
        '  paused\t<boolean>',
        '    Indicates that the deployment is paused.',
        '',
        '  progressDeadlineSeconds\t<integer>',
      ].join('\n'),
    );
    expect(out).toContain('  selector\t<LabelSelector> -required-\n');
    expect(out).toContain('  template\t<PodTemplateSpec> -required-\n');
  });

  it('prints a kind without GROUP for the core group', () => {
    const out = explain(kinds, 'pods');
    expect(
      out.startsWith(
        'KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers',
      ),
    ).toBe(true);
    expect(out).toContain('  spec\t<PodSpec>\n');
  });

  it('walks through lists and maps and names their types', () => {
    expect(explain(kinds, 'po.spec.containers').split('\n')[3]).toBe('FIELD: containers <[]Container>');
    expect(explain(kinds, 'pods.spec.containers.resources.limits').split('\n')[3]).toBe(
      'FIELD: limits <map[string]Quantity>',
    );
    expect(explain(kinds, 'svc.spec.ports.targetPort').split('\n')[3]).toBe(
      'FIELD: targetPort <IntOrString>',
    );
    expect(explain(kinds, 'pods.metadata.creationTimestamp').split('\n')[3]).toBe(
      'FIELD: creationTimestamp <string>',
    );
    expect(explain(kinds, 'deploy.metadata.labels').split('\n')[4]).toBe('FIELD: labels <map[string]string>');
  });

  it('prints the --recursive tree', () => {
    expect(explain(kinds, 'deployments.spec.strategy', { recursive: true })).toBe(
      [
        'GROUP:      apps',
        'KIND:       Deployment',
        'VERSION:    v1',
        '',
        'FIELD: strategy <DeploymentStrategy>',
        '',
        '',
        'DESCRIPTION:',
        '    The deployment strategy to use to replace existing pods with new ones.',
        '    DeploymentStrategy describes how to replace existing pods with new ones.',
        '    ',
        'FIELDS:',
        '  rollingUpdate\t<RollingUpdateDeployment>',
        '    maxSurge\t<IntOrString>',
        '    maxUnavailable\t<IntOrString>',
        '  type\t<string>',
        '',
        '',
      ].join('\n'),
    );
  });

  it('stops a recursive tree at a type it is already inside', () => {
    const out = explain(kinds, 'customresourcedefinitions.spec.versions.schema', { recursive: true });
    expect(out).toContain('\n    properties\t<map[string]JSONSchemaProps>\n    required\t<[]string>\n');
    expect(out.length).toBeLessThan(20_000);
  });

  it('fails as kubectl does for unknown resources and fields', () => {
    expect(() => explain(kinds, 'widgets')).toThrow(
      'error: the server doesn\'t have a resource type "widgets"',
    );
    expect(() => explain(kinds, 'deploy.spec.replica')).toThrow('error: field "replica" does not exist');
  });
});

describe('explain helpers', () => {
  it('word-wraps as go-wordwrap does, keeping line breaks and long words', () => {
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrap('one\ntwo three', 7)).toBe('one\ntwo\nthree');
    expect(wrap('https://a-very-long-url.example.com next', 10)).toBe(
      'https://a-very-long-url.example.com\nnext',
    );
  });

  it('guesses types like the template', () => {
    expect(typeGuess({ type: 'array' })).toBe('array');
    expect(typeGuess({ type: 'object' })).toBe('Object');
    expect(typeGuess({ items: { type: 'number' } })).toBe('[]number');
    expect(typeGuess({ additionalProperties: { items: { type: 'string' } } })).toBe('map[string][]string');
  });
});
