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
  | 'bad-url';

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

export type DnsResult = ({ ok: true } & DnsAnswer) | { ok: false; kind: 'resolve' | 'dns-unreachable'; name: string };

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
  | { refused: true };

export interface PodRequest {
  pod: StoredObject;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  clientIP: string;
}

export type PodInterceptor = (req: PodRequest) => PodHttpAnswer | undefined;
