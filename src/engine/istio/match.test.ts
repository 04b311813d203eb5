import { describe, expect, it } from 'vitest';
import { type MatchInput, matchOne, qualifyGateway, rewritePath } from './match';

const req = (over: Partial<MatchInput> = {}): MatchInput => ({
  path: '/api/v1/items?id=7',
  method: 'GET',
  authority: 'web',
  headers: { 'end-user': 'jason' },
  sourceLabels: { app: 'sleep' },
  sourceNamespace: 'default',
  gateway: 'mesh',
  port: 80,
  ...over,
});

describe('HTTPMatchRequest', () => {
  it('ANDs conditions inside one match; regex is anchored', () => {
    expect(matchOne({ uri: { prefix: '/api' }, method: { exact: 'GET' } }, req(), 'default')).toBe(true);
    expect(matchOne({ uri: { prefix: '/api' }, method: { exact: 'POST' } }, req(), 'default')).toBe(false);
    expect(matchOne({ uri: { regex: '/api/v[0-9]+' } }, req(), 'default')).toBe(false);
    expect(matchOne({ uri: { regex: '/api/v[0-9]+/.*' } }, req(), 'default')).toBe(true);
    expect(matchOne({ queryParams: { id: { exact: '7' } } }, req(), 'default')).toBe(true);
    expect(matchOne({ headers: { 'End-User': { exact: 'jason' } } }, req(), 'default')).toBe(true);
    expect(matchOne({ sourceLabels: { app: 'other' } }, req(), 'default')).toBe(false);
    expect(matchOne({ gateways: ['mesh'] }, req(), 'default')).toBe(true);
    expect(matchOne({ uri: { exact: '/API/V1/ITEMS' }, ignoreUriCase: true }, req(), 'default')).toBe(true);
  });

  it('qualifies gateway names with the VirtualService namespace', () => {
    expect(qualifyGateway('bookinfo-gateway', 'default')).toBe('default/bookinfo-gateway');
    expect(qualifyGateway('istio-system/gw', 'default')).toBe('istio-system/gw');
    expect(qualifyGateway('gw.prod.svc.cluster.local', 'default')).toBe('prod/gw');
  });

  it('rewrites the matched prefix literally, keeps the query', () => {
    expect(rewritePath('/blue/x?a=1', { uri: { prefix: '/blue' } }, { uri: '/' })).toBe('//x?a=1');
    expect(rewritePath('/blue', { uri: { prefix: '/blue' } }, { uri: '/hello' })).toBe('/hello');
    expect(rewritePath('/v1/items', { uri: { exact: '/v1/items' } }, { uri: '/items' })).toBe('/items');
    expect(
      rewritePath('/v1/items', undefined, { uriRegexRewrite: { match: '^/v1/(.*)$', rewrite: '/v2/\\1' } }),
    ).toBe('/v2/items');
  });
});
