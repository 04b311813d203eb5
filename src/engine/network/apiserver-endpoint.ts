/**
 * What a pod gets when it calls the API server without credentials (curl -k https://kubernetes.default):
 * the public info endpoints answer, everything else is a 403 Status for system:anonymous; plain HTTP to
 * the TLS port gets Go's "Client sent an HTTP request to an HTTPS server."
 */
import type { PodHttpAnswer } from './types';

const PUBLIC = new Set(['/healthz', '/livez', '/readyz']);

export function apiserverAnswer(version: string, scheme: 'http' | 'https', path: string): PodHttpAnswer {
  if (scheme === 'http') return { status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' };
  const pathname = path.split('?')[0];
  if (PUBLIC.has(pathname))
    return { status: 200, body: 'ok', headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
  const json = { 'Content-Type': 'application/json' };
  if (pathname === '/version') {
    const [major, minor] = version.replace(/^v/, '').split('.');
    const body = {
      major,
      minor,
      gitVersion: version,
      gitCommit: '32cc146f75aad04beaaa245a7157eb35063a9f99',
      gitTreeState: 'clean',
      buildDate: '2025-03-11T19:52:21Z',
      goVersion: 'go1.23.6',
      compiler: 'gc',
      platform: 'linux/amd64',
    };
    return { status: 200, body: `${JSON.stringify(body, null, 2)}`, headers: json };
  }
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `forbidden: User "system:anonymous" cannot get path "${pathname}"`,
    reason: 'Forbidden',
    details: {},
    code: 403,
  };
  return { status: 403, body: `${JSON.stringify(status, null, 2)}`, headers: json };
}
