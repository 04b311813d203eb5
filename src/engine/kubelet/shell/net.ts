/** curl, wget and nslookup, answered by the cluster network (or failing to resolve when there is none). */

import type { CommandContext } from './cmd-util';
import type { Pause } from './host';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  418: "I'm a teapot",
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function hostOf(url: string): { host: string; port: number; path: string; normalized: string } {
  const withScheme = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  const m = /^([a-z]+):\/\/([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(withScheme);
  if (!m) return { host: url, port: 80, path: '/', normalized: withScheme };
  const port = m[3] ? Number(m[3]) : m[1].toLowerCase() === 'https' ? 443 : 80;
  return { host: m[2], port, path: m[4] || '/', normalized: withScheme };
}

export function* curl(ctx: CommandContext, args: string[]): Generator<Pause, number> {
  let url: string | undefined;
  let method = 'GET';
  const headers: Record<string, string> = { 'User-Agent': 'curl/8.11.1', Accept: '*/*' };
  let silent = false;
  let showErrors = false;
  let include = false;
  let head = false;
  let fail = false;
  let outFile: string | undefined;
  let writeOut: string | undefined;
  let maxTimeMs = 0;
  let connectTimeoutMs = 0;
  let insecure = false;
  let clientCert = false;
  const resolve: Record<string, string> = {};
  let data: string | undefined;
  let cookieJar: string | undefined;
  const cookies: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i] ?? '';
    if (a === '-X' || a === '--request') method = next();
    else if (a === '-H' || a === '--header') {
      const h = next();
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    } else if (a === '-o' || a === '--output') outFile = next();
    else if (a === '-w' || a === '--write-out') writeOut = next();
    else if (a === '-m' || a === '--max-time') maxTimeMs = Number(next()) * 1000;
    else if (a === '--connect-timeout') connectTimeoutMs = Number(next()) * 1000;
    else if (a === '-k' || a === '--insecure') insecure = true;
    // The lab checks no signatures: a CA bundle given is taken to have signed the server's certificate.
    else if (a === '--cacert') {
      next();
      insecure = true;
    } else if (a === '-E' || a === '--cert') {
      next();
      clientCert = true;
    } else if (a === '--key') next();
    else if (a === '--resolve') {
      // HOST:PORT:ADDR pins a name to an address for this request (as the Istio TLS tasks use it).
      const m = /^([^:]+):(\d+):(.+)$/.exec(next());
      if (m) resolve[`${m[1].toLowerCase()}:${m[2]}`] = m[3];
    } else if (a === '-d' || a === '--data' || a === '--data-raw') {
      data = next();
      if (method === 'GET') method = 'POST';
    } else if (a === '-A' || a === '--user-agent') headers['User-Agent'] = next();
    else if (a === '-b' || a === '--cookie') {
      // `name=value` pairs as given, or a cookie file (Netscape format, as -c writes it) to read.
      const v = next();
      if (v.includes('=')) cookies.push(v);
      else cookies.push(...readCookieFile(ctx.host.fs.read(ctx.resolve(v)) ?? ''));
    } else if (a === '-c' || a === '--cookie-jar') cookieJar = next();
    else if (a === '--silent') silent = true;
    else if (a === '--include') include = true;
    else if (a === '--head') head = true;
    else if (a === '--fail') fail = true;
    else if (a === '--show-error') showErrors = true;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's') silent = true;
        else if (f === 'S') showErrors = true;
        else if (f === 'i') include = true;
        else if (f === 'I') head = true;
        else if (f === 'f') fail = true;
        else if (f === 'k') insecure = true;
      }
    } else if (!a.startsWith('-')) url = a;
  }
  if (!url) {
    ctx.io.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  if (head) method = 'HEAD';
  if (cookies.length > 0) headers.Cookie = cookies.join('; ');
  const { host, port, normalized } = hostOf(url);
  const complain = (text: string) => {
    if (!silent || showErrors) ctx.io.stderr(`${text}\n`);
  };
  const net = ctx.host.network;
  if (!net) {
    complain(`curl: (6) Could not resolve host: ${host}`);
    return 6;
  }
  const timeoutMs = maxTimeMs || connectTimeoutMs || 300_000;
  const r = net.request(normalized, {
    method,
    headers,
    ...(maxTimeMs ? { timeoutMs: maxTimeMs } : {}),
    ...(connectTimeoutMs ? { connectTimeoutMs } : {}),
    ...(insecure ? { insecure } : {}),
    ...(clientCert ? { clientCert } : {}),
    ...(Object.keys(resolve).length > 0 ? { resolve } : {}),
    ...(data !== undefined ? { body: data } : {}),
  });
  if (!r.ok) {
    const elapsed = Math.round(r.latencyMs ?? 0);
    if (r.latencyMs) yield { sleepMs: r.latencyMs };
    switch (r.error) {
      case 'resolve':
        complain(`curl: (6) Could not resolve host: ${host}`);
        return 6;
      case 'refused':
        complain(
          `curl: (7) Failed to connect to ${host} port ${port} after ${elapsed} ms: Couldn't connect to server`,
        );
        return 7;
      case 'unreachable':
        complain(
          `curl: (7) Failed to connect to ${host} port ${port} after ${elapsed} ms: Could not connect to server`,
        );
        return 7;
      case 'empty-reply':
        complain('curl: (52) Empty reply from server');
        return 52;
      case 'reset':
        complain('curl: (56) Recv failure: Connection reset by peer');
        return 56;
      case 'tls-handshake':
        // OpenSSL 3's wording when the server closes the connection mid-handshake (trailing space is curl's).
        complain(`curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${host}:${port} `);
        return 35;
      case 'tls-cert-required':
        complain(
          'curl: (56) OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0',
        );
        return 56;
      case 'tls':
        complain(
          'curl: (60) SSL certificate problem: self-signed certificate in certificate chain\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.',
        );
        return 60;
      default:
        complain(
          connectTimeoutMs && !maxTimeMs
            ? `curl: (28) Failed to connect to ${host} port ${port} after ${timeoutMs} ms: Timeout was reached`
            : `curl: (28) Operation timed out after ${timeoutMs} milliseconds with 0 bytes received`,
        );
        return 28;
    }
  }
  if (r.latencyMs) yield { sleepMs: r.latencyMs };
  if (fail && r.status >= 400) {
    complain(`curl: (22) The requested URL returned error: ${r.status}`);
    return 22;
  }
  let out = '';
  if (include || head) {
    out += `HTTP/1.1 ${r.status} ${r.statusText ?? REASONS[r.status] ?? ''}\r\n`;
    for (const [k, v] of Object.entries(r.headers)) out += `${k}: ${v}\r\n`;
    out += '\r\n';
  }
  if (!head) out += r.body;
  if (cookieJar) {
    const set = Object.entries(r.headers).filter(([k]) => k.toLowerCase() === 'set-cookie');
    ctx.host.fs.write(
      ctx.resolve(cookieJar),
      cookieFile(
        host,
        set.map(([, v]) => v),
      ),
      false,
    );
  }
  if (outFile && outFile !== '/dev/null' && outFile !== '-')
    ctx.host.fs.write(ctx.resolve(outFile), out, false);
  else if (outFile !== '/dev/null') ctx.io.stdout(out);
  if (writeOut) {
    ctx.io.stdout(
      writeOut
        .replace(/%\{http_code\}|%\{response_code\}/g, String(r.status))
        .replace(/%\{time_total\}/g, (r.latencyMs / 1000).toFixed(6))
        .replace(/%\{remote_ip\}/g, r.ip ?? '')
        .replace(/\\n/g, '\n'),
    );
  }
  return 0;
}

export function* wget(ctx: CommandContext, args: string[]): Generator<Pause, number> {
  let quiet = false;
  let output: string | undefined;
  let spider = false;
  let timeoutMs = 900_000;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O') output = args[++i];
    else if (a === '-T' || a === '--timeout') timeoutMs = Number(args[++i]) * 1000;
    else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice(10)) * 1000;
    else if (a === '--spider') spider = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (/^-[qO]+/.test(a)) {
      if (a.includes('q')) quiet = true;
      if (a.includes('O')) output = a.endsWith('O') ? args[++i] : a.slice(a.indexOf('O') + 1);
    } else if (!a.startsWith('-')) url = a;
  }
  if (!url) {
    ctx.io.stderr(
      'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
    );
    return 1;
  }
  const { host, port, path, normalized } = hostOf(url);
  const net = ctx.host.network;
  if (!net) {
    ctx.io.stderr(`wget: bad address '${host}${port === 80 ? '' : `:${port}`}'\n`);
    return 1;
  }
  const r = net.request(normalized, {
    method: spider ? 'HEAD' : 'GET',
    headers: { 'User-Agent': 'Wget' },
    timeoutMs,
  });
  const ip = r.ip ?? host;
  if (!quiet) ctx.io.stderr(`Connecting to ${host}${port === 80 ? '' : `:${port}`} (${ip}:${port})\n`);
  if (r.latencyMs) yield { sleepMs: r.latencyMs };
  if (!r.ok) {
    if (r.error === 'resolve') ctx.io.stderr(`wget: bad address '${host}${port === 80 ? '' : `:${port}`}'\n`);
    else if (r.error === 'refused')
      ctx.io.stderr(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    else if (r.error === 'timeout') ctx.io.stderr('wget: download timed out\n');
    else ctx.io.stderr(`wget: error getting response: Connection reset by peer\n`);
    return 1;
  }
  if (r.status >= 400) {
    ctx.io.stderr(
      `wget: server returned error: HTTP/1.1 ${r.status} ${r.statusText ?? REASONS[r.status] ?? ''}\n`,
    );
    return 1;
  }
  if (spider) {
    if (!quiet) ctx.io.stderr('remote file exists\n');
    return 0;
  }
  const file = output ?? (path.split('?')[0].split('/').pop() || 'index.html');
  if (file === '-') {
    ctx.io.stdout(r.body);
    return 0;
  }
  if (!quiet)
    ctx.io.stderr(
      `saving to '${file}'\n${file.padEnd(20)} 100% |********************************| ${String(r.body.length).padStart(5)}  0:00:00 ETA\n'${file}' saved\n`,
    );
  ctx.host.fs.write(ctx.resolve(file), r.body, false);
  return 0;
}

export function nslookup(ctx: CommandContext, args: string[]): number {
  const name = args.find((a) => !a.startsWith('-'));
  if (!name) {
    ctx.io.stderr('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const net = ctx.host.network;
  if (!net) {
    ctx.io.stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  const r = net.lookup(name);
  ctx.io.stdout(`Server:\t\t${net.dnsServer}\nAddress:\t${net.dnsServer}:53\n\n`);
  if (!r.ok) {
    ctx.io.stdout(
      r.error === 'timeout'
        ? ';; connection timed out; no servers could be reached\n\n'
        : `** server can't find ${name}: NXDOMAIN\n\n`,
    );
    return 1;
  }
  for (const a of r.addresses) ctx.io.stdout(`Name:\t${r.name}\nAddress: ${a}\n`);
  ctx.io.stdout('\n');
  return 0;
}

/** curl's cookie jar (Netscape format) for the cookies a response set. */
function cookieFile(host: string, setCookies: string[]): string {
  let out =
    '# Netscape HTTP Cookie File\n# https://curl.se/docs/http-cookies.html\n# This file was generated by libcurl! Edit at your own risk.\n\n';
  for (const sc of setCookies) {
    const [pair, ...attrs] = sc.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    const httpOnly = attrs.some((a) => a.toLowerCase() === 'httponly');
    const secure = attrs.some((a) => a.toLowerCase() === 'secure');
    out += `${httpOnly ? '#HttpOnly_' : ''}${host}\tFALSE\t${path}\t${secure ? 'TRUE' : 'FALSE'}\t0\t${pair.slice(0, eq)}\t${pair.slice(eq + 1)}\n`;
  }
  return out;
}

/** `name=value` pairs from a Netscape cookie file. */
function readCookieFile(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.startsWith('#HttpOnly_') ? raw.slice(10) : raw;
    if (!line.trim() || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f.length >= 7 && f[6] !== '') out.push(`${f[5]}=${f[6]}`);
  }
  return out;
}
