/** Gateway TLS modes at the ingress gateway, as curl in a pod sees them (kubectl exec ... curl). */
import { describe, expect, it } from 'vitest';
import { createShell } from '../../cli';
import type { KObject } from '../api/types';
import type { Cluster } from '../cluster';
import { curlFailure } from '../network/tool-output';
import { apply, client, HELLO, meshCluster, net, svc, versioned } from './testing';

const GW = 'istio-ingressgateway.istio-system';

function gateway(servers: unknown[]): KObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'hello-gateway', namespace: 'default' },
    spec: { selector: { istio: 'ingressgateway' }, servers },
  };
}

const https = (mode: string, extra: Record<string, unknown> = {}) => ({
  port: { number: 443, name: 'https', protocol: 'HTTPS' },
  hosts: ['hello.example.com'],
  tls: { mode, credentialName: 'hello-credential', ...extra },
});

const helloRoutes = (): KObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'hello', namespace: 'default' },
  spec: {
    hosts: ['hello.example.com'],
    gateways: ['hello-gateway'],
    http: [{ route: [{ destination: { host: 'helloworld', port: { number: 5000 } } }] }],
  },
});

const tlsSecret = (data: Record<string, string>, name = 'hello-credential'): KObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'istio-system' },
  type: data['tls.crt'] ? 'kubernetes.io/tls' : 'Opaque',
  data,
});
const PAIR = { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' };

function setup(): { c: Cluster; exec: (cmd: string) => { output: string; exitCode: number } } {
  const c = meshCluster();
  // The client runs outside the mesh (no sidecar), like a browser in front of the gateway.
  c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'outside' } });
  apply(c, [
    svc('helloworld', 5000),
    versioned('helloworld', 'v1', HELLO('v1'), 5000),
    client('curl', 'outside'),
  ]);
  c.advance(60_000);
  const sh = createShell(c, {});
  const exec = (cmd: string) => {
    const r = sh.run(`kubectl exec -n outside curl -- sh -c '${cmd}; echo " exit=$?"'`);
    return { output: r.output, exitCode: r.exitCode };
  };
  return { c, exec };
}

describe('Gateway TLS', () => {
  it('SIMPLE: the credential Secret missing cuts the handshake (curl 35); with it, HTTPS routes to the app', () => {
    const { c, exec } = setup();
    apply(c, [gateway([https('SIMPLE')]), helloRoutes()]);
    const ip = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.spec?.clusterIP;
    const curl = `curl -sS -k --resolve hello.example.com:443:${ip} https://hello.example.com/hello`;
    expect(exec(curl).output).toBe(
      'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to hello.example.com:443 \n exit=35\n',
    );
    apply(c, [tlsSecret(PAIR)]);
    expect(exec(curl).output).toMatch(/^Hello version: v1, instance: helloworld-v1-\S+\n exit=0\n$/);
    // Without -k (or --cacert) curl does not trust the certificate.
    expect(exec(curl.replace(' -k', '')).output).toMatch(/^curl: \(60\) SSL certificate problem/);
    expect(exec(curl.replace(' -k', ' --cacert /tmp/ca.crt')).output).toMatch(/^Hello version: v1/);
  });

  it('from outside the cluster (the LoadBalancer address) the same handshake failure reads the same', () => {
    const { c } = setup();
    apply(c, [gateway([{ ...https('SIMPLE'), hosts: ['*'] }]), helloRoutes()]);
    const lb = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.status?.loadBalancer
      ?.ingress?.[0]?.ip as string;
    const r = net(c).request(null, `https://${lb}/hello`, {
      insecure: true,
      headers: { Host: 'hello.example.com' },
    });
    expect(r.ok ? r.status : curlFailure(r)).toEqual({
      exitCode: 35,
      message: `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${lb}:443 `,
    });
    apply(c, [tlsSecret(PAIR)]);
    const ok = net(c).request(null, `https://${lb}/hello`, {
      insecure: true,
      headers: { Host: 'hello.example.com' },
    });
    expect(ok.ok && `${ok.status} ${ok.headers.server}`).toBe('200 istio-envoy');
  });

  it('SIMPLE: an SNI no server lists, or none at all (an IP in the URL), fails the handshake too', () => {
    const { c, exec } = setup();
    apply(c, [gateway([https('SIMPLE')]), helloRoutes(), tlsSecret(PAIR)]);
    const ip = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.spec?.clusterIP;
    expect(
      exec(`curl -sk --resolve other.example.com:443:${ip} https://other.example.com/hello`).output,
    ).toBe(' exit=35\n');
    expect(exec(`curl -sSk https://${ip}/hello`).output).toBe(
      `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${ip}:443 \n exit=35\n`,
    );
    // Plain HTTP to a port that only speaks TLS: Envoy closes the connection.
    expect(exec(`curl -sS http://${ip}:443/hello`).output).toBe(
      'curl: (52) Empty reply from server\n exit=52\n',
    );
  });

  it('MUTUAL: needs the CA in the credential and a client certificate (curl 56 without --cert)', () => {
    const { c, exec } = setup();
    apply(c, [gateway([https('MUTUAL')]), helloRoutes(), tlsSecret(PAIR)]);
    const ip = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.spec?.clusterIP;
    const curl = `curl -sS -k --resolve hello.example.com:443:${ip} https://hello.example.com/hello`;
    // No ca.crt in the Secret (nor a hello-credential-cacert Secret): the server cannot verify clients.
    expect(exec(curl).output).toContain('curl: (35) ');
    c.api.delete('secrets', 'istio-system', 'hello-credential');
    apply(c, [tlsSecret({ ...PAIR, 'ca.crt': 'Y2E=' })]);
    // curl checks the server's certificate before the server asks for its own.
    expect(exec(curl.replace(' -k', '')).output).toMatch(/^curl: \(60\) /);
    expect(exec(curl).output).toBe(
      'curl: (56) OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0\n exit=56\n',
    );
    expect(exec(`${curl} --cert /tmp/client.crt --key /tmp/client.key`).output).toMatch(
      /^Hello version: v1, instance: helloworld-v1-\S+\n exit=0\n$/,
    );
  });

  it('ISTIO_MUTUAL: only clients with a mesh identity (a sidecar) get through', () => {
    const { c, exec } = setup();
    apply(c, [
      gateway([
        {
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          hosts: ['*'],
          tls: { mode: 'ISTIO_MUTUAL' },
        },
      ]),
      { ...helloRoutes(), spec: { ...(helloRoutes().spec as object), hosts: ['*'] } },
      client('sleep'),
    ]);
    c.advance(30_000);
    const ip = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.spec?.clusterIP;
    expect(exec(`curl -sS -k https://${ip}/hello`).output).toMatch(/^curl: \(56\) .*certificate required/);
    expect(exec(`curl -sS https://${ip}/hello`).output).toMatch(/^curl: \(60\) /);
    // The sidecar originates Istio mTLS itself: the app speaks plain HTTP to port 443.
    const sh = createShell(c, {});
    expect(sh.run(`kubectl exec sleep -- curl -sS http://${GW}:443/hello`).output).toMatch(
      /^Hello version: v1, /,
    );
  });

  it('httpsRedirect answers 301 to https on the plaintext server', () => {
    const { c, exec } = setup();
    apply(c, [
      gateway([
        {
          port: { number: 80, name: 'http', protocol: 'HTTP' },
          hosts: ['hello.example.com'],
          tls: { httpsRedirect: true },
        },
        https('SIMPLE'),
      ]),
      helloRoutes(),
      tlsSecret(PAIR),
    ]);
    const out = exec(`curl -sS -i -H "Host: hello.example.com" http://${GW}/hello`).output;
    expect(out).toBe(
      'HTTP/1.1 301 Moved Permanently\r\nlocation: https://hello.example.com/hello\r\ncontent-length: 0\r\nserver: istio-envoy\r\n\r\n exit=0\n',
    );
  });

  it('a TLS server with SIMPLE terminates TLS and forwards the bytes by its tcp routes', () => {
    const { c, exec } = setup();
    apply(c, [
      gateway([
        {
          port: { number: 443, name: 'tls', protocol: 'TLS' },
          hosts: ['hello.example.com'],
          tls: { mode: 'SIMPLE', credentialName: 'hello-credential' },
        },
      ]),
      tlsSecret(PAIR),
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'hello-tcp', namespace: 'default' },
        spec: {
          hosts: ['hello.example.com'],
          gateways: ['hello-gateway'],
          tcp: [
            {
              match: [{ port: 443 }],
              route: [{ destination: { host: 'helloworld', port: { number: 5000 } } }],
            },
          ],
        },
      },
    ]);
    const ip = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.spec?.clusterIP;
    const out = exec(
      `curl -sS -i -k --resolve hello.example.com:443:${ip} https://hello.example.com/hello`,
    ).output;
    expect(out).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(out).toContain('Hello version: v1');
    expect(out).not.toContain('envoy');
  });

  it('PASSTHROUGH: the SNI picks a tls route, the backend terminates TLS itself', () => {
    const { c, exec } = setup();
    apply(c, [
      gateway([
        {
          port: { number: 443, name: 'tls', protocol: 'TLS' },
          hosts: ['hello.example.com'],
          tls: { mode: 'PASSTHROUGH' },
        },
      ]),
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'hello-tls', namespace: 'default' },
        spec: {
          hosts: ['hello.example.com'],
          gateways: ['hello-gateway'],
          tls: [
            {
              match: [{ port: 443, sniHosts: ['hello.example.com'] }],
              route: [{ destination: { host: 'helloworld', port: { number: 5000 } } }],
            },
          ],
        },
      },
    ]);
    const ip = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')?.spec?.clusterIP;
    const curl = `curl -sS -i -k --resolve hello.example.com:443:${ip} https://hello.example.com/hello`;
    const out = exec(curl).output;
    // The bytes went through untouched: the app's own headers, no server: istio-envoy.
    expect(out).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(out).toContain('Hello version: v1');
    expect(out).not.toContain('istio-envoy');
    expect(
      exec(`curl -sS -k --resolve other.example.com:443:${ip} https://other.example.com/hello`).output,
    ).toBe(
      'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other.example.com:443 \n exit=35\n',
    );
    // The backend's certificate is the app's own: without -k curl refuses it.
    expect(exec(curl.replace(' -k', '')).output).toMatch(/^curl: \(60\) /);
  });
});
