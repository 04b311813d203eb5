/** Custom resources (the generated Istio kinds and CRDs registered at run time) validated by their schema. */
import { describe, expect, it } from 'vitest';
import type { StatusError } from '../api/errors';
import type { KObject } from '../api/types';
import { testCluster } from '../testing/fixtures';
import { registerCrdObject } from './crd';
import { explain } from './explain';

function fail(f: () => unknown): StatusError {
  try {
    f();
  } catch (err) {
    return err as StatusError;
  }
  throw new Error('the request was accepted');
}

function istioCluster() {
  const c = testCluster({ nodes: 1 });
  for (const [plural, kind] of [
    ['virtualservices', 'VirtualService'],
    ['destinationrules', 'DestinationRule'],
  ]) {
    c.ctx.kinds.register({
      group: 'networking.istio.io',
      version: 'v1',
      kind,
      plural,
      singular: kind.toLowerCase(),
      namespaced: true,
    });
  }
  return c;
}

const vs = (spec: unknown): KObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'default' },
  spec,
});

describe('Istio kinds', () => {
  it('accept a valid VirtualService', () => {
    const c = istioCluster();
    const obj = c.api.create(
      vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] }),
    );
    expect(obj.spec.hosts).toEqual(['reviews']);
  });

  it('reject unknown fields as strict decoding errors', () => {
    const c = istioCluster();
    const err = fail(() => c.api.create(vs({ hostz: ['reviews'] })));
    expect(err.toKubectl()).toBe(
      'Error from server (BadRequest): VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.hostz"',
    );
  });

  it('report wrong types as the structural schema validator words them', () => {
    const c = istioCluster();
    const err = fail(() => c.api.create(vs({ hosts: 'reviews' })));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      'VirtualService.networking.istio.io "reviews" is invalid: spec.hosts: Invalid value: "string": spec.hosts in body must be of type array: "string"',
    );
  });

  it('check enums', () => {
    const c = istioCluster();
    const err = fail(() =>
      c.api.create({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'reviews', namespace: 'default' },
        spec: { host: 'reviews', trafficPolicy: { tls: { mode: 'MUTUAL_TLS' } } },
      }),
    );
    expect(err.message).toBe(
      'DestinationRule.networking.istio.io "reviews" is invalid: spec.trafficPolicy.tls.mode: Unsupported value: "MUTUAL_TLS": supported values: "DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"',
    );
  });
});

describe('CRDs registered at run time', () => {
  const crd = {
    spec: {
      group: 'stable.example.com',
      names: { kind: 'CronTab', plural: 'crontabs' },
      versions: [
        {
          name: 'v1',
          served: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  description: 'What the cron tab runs.',
                  required: ['cronSpec'],
                  properties: {
                    cronSpec: { type: 'string', description: 'The schedule.' },
                    image: { type: 'string' },
                    replicas: { type: 'integer', default: 1 },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };

  function cronCluster() {
    const c = testCluster({ nodes: 1 });
    registerCrdObject(crd);
    c.ctx.kinds.register({
      group: 'stable.example.com',
      version: 'v1',
      kind: 'CronTab',
      plural: 'crontabs',
      singular: 'crontab',
      namespaced: true,
    });
    return c;
  }
  const tab = (spec: unknown): KObject => ({
    apiVersion: 'stable.example.com/v1',
    kind: 'CronTab',
    metadata: { name: 'tab', namespace: 'default' },
    spec,
  });

  it('apply schema defaults and keep declared fields', () => {
    const c = cronCluster();
    expect(c.api.create(tab({ cronSpec: '* * * * */5', image: 'my-cron' })).spec).toEqual({
      cronSpec: '* * * * */5',
      image: 'my-cron',
      replicas: 1,
    });
  });

  it('reject unknown fields, wrong types and missing required fields', () => {
    const c = cronCluster();
    expect(fail(() => c.api.create(tab({ cronSpec: 'x', imagee: 'y' }))).message).toBe(
      'CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.imagee"',
    );
    expect(fail(() => c.api.create(tab({ cronSpec: 'x', replicas: 'two' }))).message).toBe(
      'CronTab.stable.example.com "tab" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    );
    expect(fail(() => c.api.create(tab({ image: 'y' }))).message).toBe(
      'CronTab.stable.example.com "tab" is invalid: spec.cronSpec: Required value',
    );
  });

  it('explain with Object for inline objects', () => {
    const c = cronCluster();
    expect(explain(c.ctx.kinds, 'crontabs.spec')).toBe(
      [
        'GROUP:      stable.example.com',
        'KIND:       CronTab',
        'VERSION:    v1',
        '',
        'FIELD: spec <Object>',
        '',
        '',
        'DESCRIPTION:',
        '    What the cron tab runs.',
        '    ',
        'FIELDS:',
        '  cronSpec\t<string> -required-',
        '    The schedule.',
        '',
        '  image\t<string>',
        '    <no description>',
        '',
        '  replicas\t<integer>',
        '    <no description>',
        '',
        '',
        '',
      ].join('\n'),
    );
  });
});
