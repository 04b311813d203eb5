/**
 * The ingress gateway's Envoy: a request that reached the gateway pod on a server port is matched against
 * the Gateways that select the pod (gateway-tls.ts: port, TLS mode and SNI, then hosts: 404 when no
 * server host covers the Host header, connection refused when no Gateway opens the port), then routed by
 * the VirtualServices bound to that Gateway: http routes (MeshRouter), or tcp / tls routes (L4Router).
 */
import type { PodHttpAnswer, PodRequest } from '../network/types';
import type { MeshConfig } from './config';
import { chooseServer } from './gateway-tls';
import type { AttemptFn, MeshRouter, RoutedResult } from './router';
import type { L4Router } from './tcp-route';

export function authorityOf(headers: Record<string, string>): string {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? '';
  return raw.replace(/:\d+$/, '');
}

/** Handle a request at the gateway pod; `attempt` sends to an upstream pod from the gateway. */
export function handleAtGateway(
  config: MeshConfig,
  router: MeshRouter,
  l4: L4Router,
  req: PodRequest,
  attempt: AttemptFn,
  meshPeer = false,
): { answer: PodHttpAnswer; routed?: RoutedResult; gateway?: string } {
  const authority = authorityOf(req.headers);
  const choice = chooseServer(config, req, authority, meshPeer);
  const envoyHeaders = { server: 'istio-envoy' };
  switch (choice.kind) {
    case 'refused':
      return { answer: { refused: true } };
    case 'fail':
      return { answer: { fail: choice.fail } };
    case 'not-found':
      return { answer: { status: 404, body: '', headers: envoyHeaders } };
    case 'redirect':
      return {
        answer: {
          status: 301,
          body: '',
          headers: { location: choice.location, 'content-length': '0', ...envoyHeaders },
        },
      };
    case 'tcp':
    case 'tls': {
      const gateway = choice.bound.gateway;
      const routed = l4.route(
        { pod: req.pod, gateway },
        choice.kind,
        {
          host: authority,
          ...(req.sni ? { sni: req.sni } : {}),
          port: choice.bound.server.port?.number ?? req.port,
          method: req.method,
          path: req.path,
          headers: req.headers,
          opts: { scheme: req.scheme, insecure: req.insecure },
          clientHost: authority,
          // PASSTHROUGH hands the client's TLS to the backend; a terminated TLS server forwards plaintext.
          upstreamOpts: choice.kind === 'tls' ? { scheme: 'https', insecure: req.insecure } : {},
        },
        attempt,
      );
      const r = routed.result;
      // PASSTHROUGH: the backend's (self-signed) certificate is what curl checks.
      if (choice.kind === 'tls' && r.ok && !req.insecure)
        return { answer: { fail: 'tls-untrusted' }, routed, gateway };
      const answer: PodHttpAnswer = r.ok
        ? { status: r.status, body: r.body, headers: r.headers, latencyMs: r.latencyMs }
        : r.kind === 'timeout'
          ? { hang: true }
          : { fail: r.kind === 'reset' || r.kind.startsWith('tls') ? (r.kind as 'reset') : 'empty-reply' };
      return { answer, routed, gateway };
    }
  }
  const gw = choice.bound.gateway;
  const routed = router.route(
    { pod: req.pod, gateway: gw },
    {
      host: authority,
      authority,
      port: choice.bound.server.port?.number ?? req.port,
      method: req.method,
      path: req.path,
      headers: req.headers,
      opts: { scheme: choice.scheme },
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
