/**
 * The ingress gateway's Envoy: a request that reached the gateway pod on a server port is matched against
 * the Gateways that select the pod (port, then hosts: 404 NR when no server host covers the Host header,
 * connection refused when no Gateway opens the port), then routed by the VirtualServices bound to that
 * Gateway.
 */
import type { StoredObject } from '../api/types';
import type { PodHttpAnswer, PodRequest } from '../network/types';
import { fqdn, hostCovers, type MeshConfig } from './config';
import type { AttemptFn, MeshRouter, RoutedResult } from './router';

interface Server {
  port?: { number?: number };
  hosts?: string[];
}

/** The Gateway (`ns/name`) whose server on `port` covers `authority`, if any. */
export function gatewayFor(
  config: MeshConfig,
  pod: StoredObject,
  port: number,
  authority: string,
): string | 'none' | undefined {
  const gws = config.gatewaysFor(pod, port);
  if (gws.length === 0) return 'none';
  for (const gw of gws) {
    const ns = gw.metadata.namespace ?? 'default';
    for (const s of (gw.spec?.servers ?? []) as Server[]) {
      if (s.port?.number !== port) continue;
      const covers = (s.hosts ?? []).some((h) => {
        const host = h.includes('/') ? h.slice(h.indexOf('/') + 1) : h;
        return hostCovers(fqdn(host, ns, config.domain), authority);
      });
      if (covers) return `${ns}/${gw.metadata.name}`;
    }
  }
  return undefined;
}

export function authorityOf(headers: Record<string, string>): string {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '';
  return raw.replace(/:\d+$/, '');
}

/** Handle a request at the gateway pod; `attempt` sends to an upstream pod from the gateway. */
export function handleAtGateway(
  config: MeshConfig,
  router: MeshRouter,
  req: PodRequest,
  attempt: AttemptFn,
): { answer: PodHttpAnswer; routed?: RoutedResult; gateway?: string } {
  const authority = authorityOf(req.headers);
  const gw = gatewayFor(config, req.pod, req.port, authority);
  if (gw === 'none') return { answer: { refused: true } };
  if (gw === undefined) return { answer: { status: 404, body: '', headers: { server: 'istio-envoy' } } };
  const routed = router.route(
    { pod: req.pod, gateway: gw },
    {
      host: authority,
      authority,
      port: req.port,
      method: req.method,
      path: req.path,
      headers: req.headers,
      opts: { scheme: req.scheme },
    },
    attempt,
  );
  const r = routed.result;
  const answer: PodHttpAnswer = r.ok
    ? {
        status: r.status,
        body: r.body,
        headers: { ...r.headers, server: 'istio-envoy' },
        latencyMs: r.latencyMs,
      }
    : r.kind === 'timeout'
      ? { hang: true }
      : {
          status: 503,
          body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
          headers: { server: 'istio-envoy' },
          latencyMs: r.latencyMs,
        };
  return { answer, routed, gateway: gw };
}
