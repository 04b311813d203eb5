/**
 * A few hosts outside the cluster that answer, so egress (ServiceEntry, outbound traffic policy) has
 * something to reach: httpbin.org (the Istio egress tasks' target), www.google.com and edition.cnn.com
 * (their HTTPS examples). Their names resolve from every pod; they answer HTTP on 80 and HTTPS on 443
 * with certificates a public CA signed (curl trusts them without -k). Used only for egress.
 */
import type { ClusterDns } from '../network/dns';
import type { HttpFailure, HttpSuccess, OutboundCall } from '../network/types';
import { STATUS_TEXT } from '../network/url';
import type { Rng } from '../sim/rng';

export interface InternetHost {
  name: string;
  ip: string;
  /** Round trip to the site, before the server's own time. */
  rttMs: number;
}

export const INTERNET_HOSTS: InternetHost[] = [
  { name: 'httpbin.org', ip: '44.195.71.65', rttMs: 95 },
  { name: 'www.google.com', ip: '142.250.185.100', rttMs: 12 },
  { name: 'edition.cnn.com', ip: '151.101.3.5', rttMs: 18 },
];

const GOOGLE_HTML =
  '<!doctype html><html itemscope="" itemtype="http://schema.org/WebPage" lang="en"><head><title>Google</title></head><body></body></html>';
const CNN_HTML =
  '<!DOCTYPE html><html lang="en"><head><title>CNN International</title></head><body></body></html>';

export class Internet {
  private readonly byIP = new Map<string, InternetHost>();
  private readonly byName = new Map<string, InternetHost>();

  constructor(
    dns: ClusterDns,
    private readonly rng: Rng,
  ) {
    for (const h of INTERNET_HOSTS) {
      this.byIP.set(h.ip, h);
      this.byName.set(h.name, h);
      if (!dns.externalHosts.has(h.name)) dns.externalHosts.set(h.name, h.ip);
    }
  }

  at(ip: string): InternetHost | undefined {
    return this.byIP.get(ip);
  }

  named(name: string): InternetHost | undefined {
    return this.byName.get(name.toLowerCase().replace(/\.$/, ''));
  }

  /**
   * The site's answer to one request, as the client receives it directly (no proxy on the way). Only
   * ports 80 (HTTP) and 443 (HTTPS) are open; others drop the SYN like a firewall would.
   */
  answer(
    site: InternetHost,
    call: Pick<OutboundCall, 'port' | 'method' | 'path' | 'headers' | 'opts' | 'host'>,
  ): HttpSuccess | HttpFailure {
    const scheme = call.opts.scheme ?? 'http';
    const open = (call.port === 80 && scheme === 'http') || (call.port === 443 && scheme === 'https');
    if (!open) {
      const latencyMs = call.opts.connectTimeoutMs ?? call.opts.timeoutMs ?? 130_000;
      return {
        ok: false,
        kind: 'timeout',
        error: 'timeout',
        host: call.host,
        port: call.port,
        remoteIP: site.ip,
        ip: site.ip,
        latencyMs,
      };
    }
    const { status, body, headers } = this.respond(site, call, scheme);
    return {
      ok: true,
      status,
      statusText: STATUS_TEXT[status] ?? '',
      body,
      headers: {
        'content-type': headers['content-type'] ?? 'text/html; charset=utf-8',
        'content-length': String(body.length),
        ...headers,
      },
      latencyMs: site.rttMs + this.rng.int(0, 8),
      podName: '',
      podIP: '',
      remoteIP: site.ip,
      remotePort: call.port,
      ip: site.ip,
      port: call.port,
    };
  }

  private respond(
    site: InternetHost,
    call: Pick<OutboundCall, 'method' | 'path' | 'headers'>,
    scheme: string,
  ): { status: number; body: string; headers: Record<string, string> } {
    if (site.name === 'www.google.com') return { status: 200, body: GOOGLE_HTML, headers: { server: 'gws' } };
    if (site.name === 'edition.cnn.com')
      return { status: 200, body: CNN_HTML, headers: { server: 'Varnish', via: '1.1 varnish' } };
    return httpbin(call, scheme);
  }
}

/** httpbin.org's few endpoints the Istio tasks call: /headers, /get, /ip, /status/N, /. */
function httpbin(
  call: Pick<OutboundCall, 'method' | 'path' | 'headers'>,
  scheme: string,
): { status: number; body: string; headers: Record<string, string> } {
  const json = { 'content-type': 'application/json', server: 'gunicorn/19.9.0' };
  const path = call.path.split('?')[0];
  const shown: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.headers)) shown[canonical(k)] = v;
  const headersJson = () => JSON.stringify({ headers: sorted(shown) }, null, 2);
  if (path === '/headers') return { status: 200, body: `${headersJson()}\n`, headers: json };
  if (path === '/ip') return { status: 200, body: '{\n  "origin": "203.0.113.10"\n}\n', headers: json };
  if (path === '/get') {
    const url = `${scheme}://httpbin.org${call.path}`;
    const body = JSON.stringify({ args: {}, headers: sorted(shown), origin: '203.0.113.10', url }, null, 2);
    return { status: 200, body: `${body}\n`, headers: json };
  }
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) return { status: Number(status[1]), body: '', headers: { server: 'gunicorn/19.9.0' } };
  if (path === '/')
    return {
      status: 200,
      body: '<!DOCTYPE html>\n<html lang="en">\n<head>\n    <meta charset="UTF-8">\n    <title>httpbin.org</title>\n</head>\n</html>\n',
      headers: { server: 'gunicorn/19.9.0' },
    };
  return {
    status: 404,
    body: '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n',
    headers: { server: 'gunicorn/19.9.0' },
  };
}

/** httpbin shows header names in canonical form (`X-Envoy-Attempt-Count`). */
function canonical(name: string): string {
  return name
    .split('-')
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('-');
}

function sorted(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(h).sort()) out[k] = h[k];
  return out;
}
