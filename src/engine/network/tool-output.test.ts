import { describe, expect, it } from 'vitest';
import {
  curlFailure,
  nslookupOutput,
  nslookupReverseOutput,
  wgetConnecting,
  wgetFailure,
  wgetHttpError,
} from './tool-output';
import type { FailureKind, HttpFailure } from './types';

const failure = (kind: FailureKind, extra: Partial<HttpFailure> = {}): HttpFailure => ({
  ok: false,
  kind,
  error: 'refused',
  host: 'web',
  port: 80,
  remoteIP: '10.96.12.34',
  latencyMs: 2,
  ...extra,
});

describe('what curl prints', () => {
  it.each([
    ['resolve', {}, 6, 'curl: (6) Could not resolve host: web'],
    ['dns-unreachable', {}, 6, 'curl: (6) Could not resolve host: web'],
    ['refused', {}, 7, "curl: (7) Failed to connect to web port 80 after 2 ms: Couldn't connect to server"],
    [
      'no-route',
      { latencyMs: 3060 },
      7,
      "curl: (7) Failed to connect to web port 80 after 3060 ms: Couldn't connect to server",
    ],
    [
      'timeout',
      { latencyMs: 130512 },
      28,
      "curl: (28) Failed to connect to web port 80 after 130512 ms: Couldn't connect to server",
    ],
    [
      'timeout',
      { latencyMs: 5000, connected: true },
      28,
      'curl: (28) Operation timed out after 5000 milliseconds with 0 bytes received',
    ],
    ['empty-reply', {}, 52, 'curl: (52) Empty reply from server'],
    ['reset', {}, 56, 'curl: (56) Recv failure: Connection reset by peer'],
    ['bad-url', {}, 3, 'curl: (3) URL using bad/illegal format or missing URL'],
  ] as const)('%s', (kind, extra, exitCode, message) => {
    expect(curlFailure(failure(kind, extra))).toEqual({ exitCode, message });
  });

  it('names the connect timeout a client asked for', () => {
    expect(curlFailure(failure('timeout', { latencyMs: 3000 }), { timeoutGiven: true }).message).toBe(
      'curl: (28) Connection timed out after 3000 milliseconds',
    );
  });
});

describe('what busybox wget prints', () => {
  it('for each failure and for HTTP errors', () => {
    expect(wgetFailure(failure('resolve'))).toBe("wget: bad address 'web'");
    expect(wgetFailure(failure('resolve', { port: 8080 }))).toBe("wget: bad address 'web:8080'");
    expect(wgetFailure(failure('refused'))).toBe(
      "wget: can't connect to remote host (10.96.12.34): Connection refused",
    );
    expect(wgetFailure(failure('no-route'))).toBe(
      "wget: can't connect to remote host (10.96.12.34): No route to host",
    );
    expect(wgetFailure(failure('timeout'))).toBe('wget: download timed out');
    expect(wgetHttpError(404, 'Not Found')).toBe('wget: server returned error: HTTP/1.1 404 Not Found');
    expect(wgetConnecting('web', '10.96.12.34', 80)).toBe('Connecting to web (10.96.12.34:80)');
  });
});

describe('what nslookup prints', () => {
  it('bind and busybox, forward, CNAME and reverse', () => {
    expect(
      nslookupOutput(
        'alias',
        {
          ok: true,
          fqdn: 'alias.default.svc.cluster.local',
          cname: 'web.default.svc.cluster.local',
          addresses: ['10.96.12.34'],
        },
        '10.96.0.10',
      ).output,
    ).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nalias.default.svc.cluster.local\tcanonical name = web.default.svc.cluster.local.\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.34\n\n',
    );
    expect(
      nslookupOutput(
        'web',
        { ok: true, fqdn: 'web.default.svc.cluster.local', addresses: ['10.96.12.34'] },
        '10.96.0.10',
        'busybox',
      ).output,
    ).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.34\n\n',
    );
    expect(nslookupReverseOutput('10.244.9.9', undefined, '10.96.0.10')).toEqual({
      exitCode: 1,
      output:
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find 9.9.244.10.in-addr.arpa: NXDOMAIN\n\n",
    });
  });
});
