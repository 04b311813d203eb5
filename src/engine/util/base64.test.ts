import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/fixtures';
import { encodeBase64 } from './base64';

describe('base64', () => {
  it('encodes UTF-8 as the API server stores Secret data', () => {
    expect(encodeBase64('admin')).toBe('YWRtaW4=');
    expect(encodeBase64('s3cr3t!')).toBe('czNjcjN0IQ==');
    expect(encodeBase64('パス')).toBe('44OR44K5');
    expect(encodeBase64('')).toBe('');
  });

  it('turns a Secret stringData into data on create', () => {
    const c = testCluster();
    const s = c.api.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      data: { user: 'YWRtaW4=' },
      stringData: { password: 's3cr3t!' },
    });
    expect(s.data).toEqual({ user: 'YWRtaW4=', password: 'czNjcjN0IQ==' });
    expect(s.stringData).toBeUndefined();
  });
});
