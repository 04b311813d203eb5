import { describe, expect, it } from 'vitest';
import type { ResourceType } from '../../../engine/api/kinds';
import { printerColumnsTable, printTable, registerTableHandler } from '../index';
import { ago, D, NOW, obj } from '../testdata/objects';

const istio = (kind: string, plural: string, group = 'networking.istio.io'): ResourceType => ({
  group,
  version: 'v1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames: [],
  namespaced: true,
  categories: [],
  verbs: [],
  strategy: {},
});

describe('custom resource printer columns', () => {
  it('prints Istio VirtualService columns with array values as JSON, like kubectl get vs', () => {
    const vs = obj(
      'networking.istio.io/v1',
      'VirtualService',
      'bookinfo',
      { spec: { gateways: ['bookinfo-gateway'], hosts: ['*'] } },
      { namespace: 'default', creationTimestamp: ago(2 * D) },
    );
    const reviews = obj(
      'networking.istio.io/v1',
      'VirtualService',
      'reviews',
      { spec: { hosts: ['reviews'] } },
      { namespace: 'default' },
    );
    expect(printTable(istio('VirtualService', 'virtualservices'), [vs, reviews], {}, NOW)).toBe(
      'NAME       GATEWAYS               HOSTS         AGE\n' +
        'bookinfo   ["bookinfo-gateway"]   ["*"]         2d\n' +
        'reviews                           ["reviews"]   5m\n',
    );
    const pa = obj(
      'security.istio.io/v1',
      'PeerAuthentication',
      'default',
      { spec: { mtls: { mode: 'STRICT' } } },
      { namespace: 'istio-system' },
    );
    expect(
      printTable(istio('PeerAuthentication', 'peerauthentications', 'security.istio.io'), [pa], {}, NOW),
    ).toBe('NAME      MODE     AGE\ndefault   STRICT   5m\n');
  });

  it('lets other kinds register their columns (wide-only columns included)', () => {
    registerTableHandler(
      'widgets.example.com',
      printerColumnsTable([
        { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
        { name: 'Ready', type: 'boolean', jsonPath: '.status.ready' },
        { name: 'Owner', type: 'string', jsonPath: '.spec.owner', priority: 1 },
      ]),
    );
    const rt = { ...istio('Widget', 'widgets', 'example.com'), version: 'v1alpha1' };
    const w = obj(
      'example.com/v1alpha1',
      'Widget',
      'w1',
      { spec: { size: 3, owner: 'team-a' }, status: { ready: true } },
      { namespace: 'default' },
    );
    expect(printTable(rt, [w], {}, NOW)).toBe('NAME   SIZE   READY\nw1     3      true\n');
    expect(printTable(rt, [w], { wide: true }, NOW)).toBe(
      'NAME   SIZE   READY   OWNER\nw1     3      true    team-a\n',
    );
  });
});
