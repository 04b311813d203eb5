/** The contract of the simulated in-cluster network (`ctx.services.get('network')`). */
import type { StoredObject } from '../api/types';

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** The client's overall timeout (curl -m / --max-time, wget -T); undefined waits as long as the OS does. */
  timeoutMs?: number;
  /** Only the connect phase (curl --connect-timeout). */
  connectTimeoutMs?: number;
  body?: string;
  /** The URL's scheme (https is checked against servers that require TLS). */
  scheme?: 'http' | 'https';
  /** curl -k / --insecure: accept the cluster's self-signed certificates. */
  insecure?: boolean;
  /** curl --cert: the client presents a certificate (servers that require one accept it). */
  clientCert?: boolean;
  /** curl --resolve HOST:PORT:ADDR: addresses used instead of DNS, keyed `host:port`. */
  resolve?: Record<string, string>;
}

/** Why a request got no HTTP answer, in the words of the failing layer. */
export type FailureKind =
  /** DNS: NXDOMAIN for every name in the search path. */
  | 'resolve'
  /** DNS: the cluster DNS has no ready endpoints (`;; connection timed out; no servers could be reached`). */
  | 'dns-unreachable'
  /** TCP RST / ICMP port unreachable: nothing listens, or kube-proxy REJECTs a Service without endpoints. */
  | 'refused'
  /** No answer within the timeout (dropped packets, or a server that accepted and never answered). */
  | 'timeout'
  /** ICMP host unreachable: a pod IP that no pod holds any more. */
  | 'no-route'
  /** The URL could not be parsed. */
  | 'bad-url'
  /** TLS: the server's certificate is signed by the cluster CA, which the client does not trust (no -k). */
  | 'tls-untrusted'
  /** The server closed the connection without answering (a non-HTTP port). */
  | 'empty-reply'
  /** The server reset the connection. */
  | 'reset'
  /** TLS: the server closed the connection during the handshake (no certificate for that SNI). */
  | 'tls-handshake'
  /** TLS: the server requires a client certificate and the client sent none. */
  | 'tls-cert-required';

/** The same failures in the in-pod shell's vocabulary (kubelet/shell/host.ts NetResult). */
export type ShellNetError =
  | 'resolve'
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'empty-reply'
  | 'reset'
  | 'tls'
  | 'tls-handshake'
  | 'tls-cert-required';

export interface HttpSuccess {
  ok: true;
  status: number;
  statusText: string;
  body: string;
  headers: Record<string, string>;
  latencyMs: number;
  /** The pod that answered (namespace/name) and its IP. */
  podName: string;
  podIP: string;
  /** The address the client connected to, and the Service behind it if any. */
  remoteIP: string;
  remotePort: number;
  service?: string;
  /** Aliases of remoteIP / remotePort for the in-pod shell. */
  ip: string;
  port: number;
}

export interface HttpFailure {
  ok: false;
  kind: FailureKind;
  /** What curl / wget print about the host (the name as typed, or the IP). */
  host: string;
  port: number;
  /** The resolved address when resolution succeeded. */
  remoteIP?: string;
  latencyMs: number;
  /** For timeouts: whether the connection was established (then it is a read timeout). */
  connected?: boolean;
  service?: string;
  podName?: string;
  /** For the in-pod shell's curl/wget: the failure in its words, the address and port tried. */
  error: ShellNetError;
  ip?: string;
}

export type HttpResult = HttpSuccess | HttpFailure;

export interface DnsAnswer {
  /** The fully qualified name that answered (after the search path). */
  fqdn: string;
  /** A records. Empty for a CNAME to a name outside the cluster that does not resolve. */
  addresses: string[];
  /** For ExternalName Services: the canonical name. */
  cname?: string;
}

export type DnsResult =
  | ({ ok: true } & DnsAnswer)
  | { ok: false; kind: 'resolve' | 'dns-unreachable'; name: string; error: 'NXDOMAIN' | 'timeout' };

/** One request as the traffic model and the UI's edge animation see it. */
export interface RequestLogEntry {
  atMs: number;
  /** `namespace/pod` of the caller, or null from outside the cluster. */
  from: string | null;
  /** `namespace/service` when the request went through a Service. */
  service?: string;
  /** `namespace/pod` that answered. */
  to?: string;
  status?: number;
  error?: FailureKind;
  latencyMs: number;
}

export interface EdgeCounter {
  from: string | null;
  service?: string;
  to?: string;
  count: number;
  errors: number;
  totalLatencyMs: number;
  lastAtMs: number;
}

/** What answers HTTP for one pod: the kubelet's container runtime, or an interceptor (the ingress controller). */
export type PodHttpAnswer =
  | { status: number; body: string; headers?: Record<string, string>; latencyMs?: number }
  | { hang: true }
  | { refused: true }
  /** No answer on the TCP level: node down (dropped), empty reply (not HTTP), or reset. */
  | { fail: 'dropped' | 'empty-reply' | 'reset' | 'tls-untrusted' | 'tls-handshake' | 'tls-cert-required' };

export interface PodRequest {
  pod: StoredObject;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  clientIP: string;
  /** The client's scheme, and whether it skips certificate checks (curl -k). */
  scheme: 'http' | 'https';
  insecure: boolean;
  /** The request body (curl -d), for servers that read forms. */
  body?: string;
  /** TLS: the server name the client sent (the URL's host when it is a name; none for an IP). */
  sni?: string;
  /** TLS: whether the client presents a certificate (curl --cert). */
  clientCert?: boolean;
}

export type PodInterceptor = (req: PodRequest) => PodHttpAnswer | undefined;

/** A connection as a proxy in the client's pod sees it (Network.addOutboundHook). */
export interface OutboundCall {
  fromPod: StoredObject | null;
  ip: string;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  opts: RequestOptions;
  /** The name the client connected to (as typed), or the IP. */
  host: string;
}

/** Send the request on to a chosen endpoint (optionally with a rewritten path and headers). */
export type DeliverFn = (
  pod: StoredObject,
  podPort: number,
  service?: StoredObject,
  path?: string,
  headers?: Record<string, string>,
) => HttpResult;

export type OutboundHook = (call: OutboundCall, deliver: DeliverFn) => HttpResult | undefined;
