/**
 * What curl, busybox wget and nslookup print for a network result, so the CLI's in-pod tools read like
 * the real ones (curl 8.x, busybox 1.36, bind 9 nslookup from dnsutils).
 */
import type { DnsResult, HttpFailure } from './types';

/** curl without -k against a server whose certificate the cluster CA signed. */
export const CURL_60 =
  'curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.';

/** curl's error line for a failed request (exit code first). */
export function curlFailure(
  f: HttpFailure,
  opts: { timeoutGiven?: boolean } = {},
): { exitCode: number; message: string } {
  const at = `${f.host} port ${f.port}`;
  switch (f.kind) {
    case 'resolve':
    case 'dns-unreachable':
      return { exitCode: 6, message: `curl: (6) Could not resolve host: ${f.host}` };
    case 'refused':
    case 'no-route':
      return {
        exitCode: 7,
        message: `curl: (7) Failed to connect to ${at} after ${f.latencyMs} ms: Couldn't connect to server`,
      };
    case 'timeout':
      if (f.connected) {
        return {
          exitCode: 28,
          message: `curl: (28) Operation timed out after ${f.latencyMs} milliseconds with 0 bytes received`,
        };
      }
      if (opts.timeoutGiven)
        return { exitCode: 28, message: `curl: (28) Connection timed out after ${f.latencyMs} milliseconds` };
      return {
        exitCode: 28,
        message: `curl: (28) Failed to connect to ${at} after ${f.latencyMs} ms: Couldn't connect to server`,
      };
    case 'bad-url':
      return { exitCode: 3, message: 'curl: (3) URL using bad/illegal format or missing URL' };
    case 'tls-untrusted':
      return { exitCode: 60, message: CURL_60 };
    case 'empty-reply':
      return { exitCode: 52, message: 'curl: (52) Empty reply from server' };
    case 'reset':
      return { exitCode: 56, message: 'curl: (56) Recv failure: Connection reset by peer' };
    case 'tls-handshake':
      return { exitCode: 35, message: curl35(f.host, f.port) };
    case 'tls-cert-required':
      return { exitCode: 56, message: CURL_56_CERT_REQUIRED };
  }
}

/** curl (OpenSSL 3) when the server closes the connection during the TLS handshake (the trailing space is curl's). */
export function curl35(host: string, port: number): string {
  return `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${host}:${port} `;
}

/** curl (OpenSSL 3, TLS 1.3) against a server that requires a client certificate, without --cert. */
export const CURL_56_CERT_REQUIRED =
  'curl: (56) OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0';

/** busybox wget's error line; exit code is 1 for all of them. */
export function wgetFailure(f: HttpFailure): string {
  switch (f.kind) {
    case 'resolve':
    case 'dns-unreachable':
      return `wget: bad address '${f.port === 80 || f.port === 443 ? f.host : `${f.host}:${f.port}`}'`;
    case 'refused':
      return `wget: can't connect to remote host (${f.remoteIP ?? f.host}): Connection refused`;
    case 'no-route':
      return `wget: can't connect to remote host (${f.remoteIP ?? f.host}): No route to host`;
    case 'timeout':
      return 'wget: download timed out';
    case 'bad-url':
      return `wget: not an http or ftp url: ${f.host}`;
    case 'tls-untrusted':
      return `wget: TLS error from peer (alert code 48): unknown CA\nwget: error getting response: Connection reset by peer`;
    case 'empty-reply':
      return 'wget: error getting response';
    case 'reset':
      return 'wget: error getting response: Connection reset by peer';
    case 'tls-handshake':
      return 'wget: error getting response: Connection reset by peer';
    case 'tls-cert-required':
      return 'wget: TLS error from peer (alert code 116): certificate required\nwget: error getting response: Connection reset by peer';
  }
}

/** busybox wget's error for an HTTP error status. */
export function wgetHttpError(status: number, statusText: string): string {
  return `wget: server returned error: HTTP/1.1 ${status} ${statusText}`;
}

/** The line busybox wget prints before downloading (without -q). */
export function wgetConnecting(host: string, ip: string, port: number): string {
  return `Connecting to ${host} (${ip}:${port})`;
}

export type NslookupFlavour = 'bind' | 'busybox';

/** nslookup's whole output and exit code for a DNS result. */
export function nslookupOutput(
  name: string,
  result: DnsResult,
  serverIP: string,
  flavour: NslookupFlavour = 'bind',
): { exitCode: number; output: string } {
  if (!result.ok && result.kind === 'dns-unreachable') {
    return { exitCode: 1, output: ';; connection timed out; no servers could be reached\n\n' };
  }
  const header = `Server:\t\t${serverIP}\nAddress:\t${serverIP}${flavour === 'bind' ? '#' : ':'}53\n\n`;
  if (!result.ok) {
    return { exitCode: 1, output: `${header}** server can't find ${name}: NXDOMAIN\n\n` };
  }
  let body = '';
  let shown = result.fqdn;
  if (result.cname) {
    body += `${result.fqdn}\tcanonical name = ${result.cname}.\n`;
    shown = result.cname;
    if (result.addresses.length === 0) {
      return { exitCode: 1, output: `${header}${body}** server can't find ${result.cname}: NXDOMAIN\n\n` };
    }
  }
  for (const a of result.addresses) body += `Name:\t${shown}\nAddress: ${a}\n`;
  return { exitCode: 0, output: `${header}${body}\n` };
}

/** nslookup of an IP address: the PTR answer (bind prints the in-addr.arpa name). */
export function nslookupReverseOutput(
  ip: string,
  name: string | undefined,
  serverIP: string,
  flavour: NslookupFlavour = 'bind',
): { exitCode: number; output: string } {
  const header = `Server:\t\t${serverIP}\nAddress:\t${serverIP}${flavour === 'bind' ? '#' : ':'}53\n\n`;
  const arpa = `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  if (!name) return { exitCode: 1, output: `${header}** server can't find ${arpa}: NXDOMAIN\n\n` };
  return { exitCode: 0, output: `${header}${arpa}\tname = ${name}.\n\n` };
}
