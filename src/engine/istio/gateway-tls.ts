/**
 * Which Gateway server takes a connection at the ingress gateway, as Envoy's listener filter chains pick
 * one: the servers on the pod port (a server's `port.number` is the gateway Service's port, translated to
 * its targetPort, or the pod port itself), then for a TLS client the server whose hosts cover the SNI, for
 * a plaintext client a server without TLS. TLS modes:
 *
 * - SIMPLE / MUTUAL terminate TLS with the `credentialName` Secret of the gateway's namespace (type
 *   kubernetes.io/tls, or generic with tls.crt/tls.key or cert/key); without it the filter chain never
 *   warms and the handshake is cut (curl 35). MUTUAL also needs a CA (`ca.crt`/`cacert`, or a
 *   `<credentialName>-cacert` Secret) and a client certificate (curl 56 without --cert).
 * - ISTIO_MUTUAL accepts only clients with a mesh identity (a sidecar's mTLS).
 * - PASSTHROUGH hands the TLS stream, unopened, to the VirtualService `tls:` route matching the SNI.
 * - `tls.httpsRedirect` on a plaintext server answers 301 to https.
 */
import type { StoredObject } from '../api/types';
import type { PodRequest } from '../network/types';
import { fqdn, hostCovers, type MeshConfig } from './config';

export interface GatewayServer {
  port?: { number?: number; protocol?: string; name?: string };
  hosts?: string[];
  tls?: { mode?: string; credentialName?: string; httpsRedirect?: boolean };
}

export interface BoundServer {
  /** `ns/name` of the Gateway. */
  gateway: string;
  namespace: string;
  server: GatewayServer;
}

export type ServerChoice =
  | { kind: 'refused' }
  | { kind: 'fail'; fail: 'empty-reply' | 'tls-handshake' | 'tls-cert-required' | 'tls-untrusted' }
  | { kind: 'not-found' }
  | { kind: 'redirect'; location: string }
  /** L7: HTTP routing (`scheme` is what the client spoke, for x-forwarded-proto and redirects). */
  | { kind: 'http'; bound: BoundServer; scheme: 'http' | 'https' }
  /** L4: `tcp:` routes (TCP servers, TLS servers that terminate) or `tls:` routes (PASSTHROUGH). */
  | { kind: 'tcp' | 'tls'; bound: BoundServer };

const TLS_MODES = new Set([
  'SIMPLE',
  'MUTUAL',
  'ISTIO_MUTUAL',
  'PASSTHROUGH',
  'AUTO_PASSTHROUGH',
  'OPTIONAL_MUTUAL',
]);

function speaksTls(s: GatewayServer): boolean {
  const protocol = (s.port?.protocol ?? '').toUpperCase();
  return TLS_MODES.has(s.tls?.mode ?? '') || protocol === 'HTTPS' || protocol === 'TLS';
}

/** The servers of the Gateways selecting this pod that listen on `podPort`, oldest Gateway first. */
export function serversOn(config: MeshConfig, pod: StoredObject, podPort: number): BoundServer[] {
  const labels = pod.metadata.labels ?? {};
  const svcPorts = gatewayServicePorts(config, pod);
  const out: BoundServer[] = [];
  for (const gw of config.gatewaysSelecting(labels)) {
    const ns = gw.metadata.namespace ?? 'default';
    for (const server of (gw.spec?.servers ?? []) as GatewayServer[]) {
      const n = server.port?.number;
      if (n === undefined) continue;
      const target = svcPorts.get(n);
      if (n === podPort || target === podPort)
        out.push({ gateway: `${ns}/${gw.metadata.name}`, namespace: ns, server });
    }
  }
  return out;
}

/** Service port -> target port of the Services in front of the gateway pod (its `istio` label). */
function gatewayServicePorts(config: MeshConfig, pod: StoredObject): Map<number, number> {
  const map = new Map<number, number>();
  const ns = pod.metadata.namespace ?? 'default';
  const app = pod.metadata.labels?.app;
  const svc = app ? config.get('services', ns, app) : undefined;
  for (const p of (svc?.spec?.ports ?? []) as { port: number; targetPort?: number | string }[])
    if (typeof p.targetPort === 'number') map.set(p.port, p.targetPort);
  return map;
}

function covers(b: BoundServer, host: string | undefined, domain: string): boolean {
  return (b.server.hosts ?? []).some((h) => {
    const name = h.includes('/') ? h.slice(h.indexOf('/') + 1) : h;
    if (name === '*') return true;
    return host !== undefined && hostCovers(fqdn(name, b.namespace, domain), host);
  });
}

/** Whether the credential Secret a server names exists where the gateway reads it (its own namespace). */
export function credentialFound(
  config: MeshConfig,
  gatewayNamespace: string,
  credentialName: string,
  needCa: boolean,
): boolean {
  const s = config.get('secrets', gatewayNamespace, credentialName);
  if (!s) return false;
  const data = { ...(s.data ?? {}), ...(s.stringData ?? {}) } as Record<string, string>;
  const hasPair = (data['tls.crt'] && data['tls.key']) || (data.cert && data.key);
  if (!hasPair) return false;
  if (!needCa) return true;
  return Boolean(
    data['ca.crt'] || data.cacert || config.get('secrets', gatewayNamespace, `${credentialName}-cacert`),
  );
}

/** Pick the server (and what happens to the connection) for one request at the gateway pod. */
export function chooseServer(
  config: MeshConfig,
  req: PodRequest,
  authority: string,
  meshPeer: boolean,
): ServerChoice {
  const all = serversOn(config, req.pod, req.port);
  if (all.length === 0) return { kind: 'refused' };
  const podNs = req.pod.metadata.namespace ?? 'default';
  if (req.scheme === 'https') {
    const tls = all.filter((b) => speaksTls(b.server));
    const bound = tls.find((b) => covers(b, req.sni, config.domain));
    if (!bound) return { kind: 'fail', fail: 'tls-handshake' };
    const mode = bound.server.tls?.mode ?? 'SIMPLE';
    // PASSTHROUGH: the backend's own certificate reaches the client (checked once a route is found).
    if (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') return { kind: 'tls', bound };
    // The client checks the server's certificate first; a TLS 1.3 server's demand for a client
    // certificate surfaces after that, on the first read.
    if (mode === 'ISTIO_MUTUAL')
      return { kind: 'fail', fail: req.insecure ? 'tls-cert-required' : 'tls-untrusted' };
    const cred = bound.server.tls?.credentialName;
    if (!cred || !credentialFound(config, podNs, cred, mode === 'MUTUAL'))
      return { kind: 'fail', fail: 'tls-handshake' };
    if (!req.insecure) return { kind: 'fail', fail: 'tls-untrusted' };
    if (mode === 'MUTUAL' && !req.clientCert) return { kind: 'fail', fail: 'tls-cert-required' };
    const protocol = (bound.server.port?.protocol ?? '').toUpperCase();
    return protocol === 'TLS' ? { kind: 'tcp', bound } : { kind: 'http', bound, scheme: 'https' };
  }
  // A plaintext client: servers that do not expect TLS, or ISTIO_MUTUAL servers when a sidecar's mTLS
  // carries the request.
  const plain = all.filter(
    (b) => !speaksTls(b.server) || (meshPeer && b.server.tls?.mode === 'ISTIO_MUTUAL'),
  );
  if (plain.length === 0) return { kind: 'fail', fail: 'empty-reply' };
  const tcp = plain.find((b) => (b.server.port?.protocol ?? '').toUpperCase() === 'TCP');
  if (tcp) return { kind: 'tcp', bound: tcp };
  const bound = plain.find((b) => covers(b, authority, config.domain));
  if (!bound) return { kind: 'not-found' };
  if (bound.server.tls?.httpsRedirect) {
    const raw = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? authority;
    return { kind: 'redirect', location: `https://${raw.replace(/:80$/, '')}${req.path}` };
  }
  return { kind: 'http', bound, scheme: 'http' };
}
