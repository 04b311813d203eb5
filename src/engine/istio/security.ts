/**
 * The server side of a sidecar: PeerAuthentication decides whether plaintext is accepted (STRICT resets
 * the connection of a client without a proxy), AuthorizationPolicy decides whether the request is allowed
 * (DENY first, then ALLOW: with any ALLOW policy present, a request must match one) with Envoy's RBAC
 * filter answer `403 RBAC: access denied`.
 */
import type { StoredObject } from '../api/types';
import { type MeshConfig, ROOT_NAMESPACE } from './config';
import { ISTIO_RESOURCES } from './kinds';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

function modeOf(m: { mode?: string } | undefined): MtlsMode | undefined {
  const mode = m?.mode;
  return mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE' ? mode : undefined;
}

/**
 * The effective mode for a workload's port: workload policy (port-level first), then namespace, then
 * mesh (root namespace); UNSET inherits from the parent, and the default is PERMISSIVE.
 */
export function peerAuthenticationMode(config: MeshConfig, pod: StoredObject, port: number): MtlsMode {
  const all = config.policiesFor(ISTIO_RESOURCES.peerAuthentications, pod);
  const ns = pod.metadata.namespace;
  const workload = all.find((p) => p.metadata.namespace === ns && p.spec?.selector?.matchLabels);
  const namespace = all.find((p) => p.metadata.namespace === ns && !p.spec?.selector?.matchLabels);
  const mesh = all.find((p) => p.metadata.namespace === ROOT_NAMESPACE && !p.spec?.selector?.matchLabels);
  const portLevel = workload?.spec?.portLevelMtls?.[String(port)] as { mode?: string } | undefined;
  return (
    modeOf(portLevel) ??
    modeOf(workload?.spec?.mtls) ??
    modeOf(namespace?.spec?.mtls) ??
    modeOf(mesh?.spec?.mtls) ??
    'PERMISSIVE'
  );
}

/** Who is calling, as the server's proxy knows it (principal and namespace only over mTLS). */
export interface Peer {
  principal?: string;
  namespace?: string;
  ip: string;
}

export interface AuthzRequest {
  method: string;
  path: string;
  host: string;
  port: number;
}

/** Istio's string match for policies: exact, `prefix*`, `*suffix` or `*`. */
function glob(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === '*') return value !== '';
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

function field(
  values: string[] | undefined,
  notValues: string[] | undefined,
  value: string | undefined,
): boolean {
  if (values && !values.some((p) => glob(p, value))) return false;
  if (notValues?.some((p) => glob(p, value))) return false;
  return true;
}

interface Source {
  principals?: string[];
  notPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
}
interface Operation {
  hosts?: string[];
  notHosts?: string[];
  ports?: string[];
  notPorts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
}
interface Rule {
  from?: { source?: Source }[];
  to?: { operation?: Operation }[];
  when?: { key: string; values?: string[]; notValues?: string[] }[];
}

function sourceMatches(s: Source, peer: Peer): boolean {
  return (
    field(s.principals, s.notPrincipals, peer.principal) &&
    field(s.namespaces, s.notNamespaces, peer.namespace) &&
    field(s.ipBlocks, s.notIpBlocks, peer.ip)
  );
}

function operationMatches(o: Operation, req: AuthzRequest): boolean {
  const path = req.path.split('?')[0];
  return (
    field(o.hosts, o.notHosts, req.host) &&
    field(o.ports, o.notPorts, String(req.port)) &&
    field(o.methods, o.notMethods, req.method) &&
    field(o.paths, o.notPaths, path)
  );
}

function conditionMatches(
  c: { key: string; values?: string[]; notValues?: string[] },
  peer: Peer,
  req: AuthzRequest,
): boolean {
  const value =
    c.key === 'source.principal'
      ? peer.principal
      : c.key === 'source.namespace'
        ? peer.namespace
        : c.key === 'request.method'
          ? req.method
          : c.key === 'destination.port'
            ? String(req.port)
            : undefined;
  return field(c.values, c.notValues, value);
}

function ruleMatches(r: Rule, peer: Peer, req: AuthzRequest): boolean {
  if (r.from && !r.from.some((f) => !f.source || sourceMatches(f.source, peer))) return false;
  if (r.to && !r.to.some((t) => !t.operation || operationMatches(t.operation, req))) return false;
  if (r.when && !r.when.every((c) => conditionMatches(c, peer, req))) return false;
  return true;
}

function policyMatches(p: StoredObject, peer: Peer, req: AuthzRequest): boolean {
  const rules = (p.spec?.rules ?? []) as Rule[];
  return rules.some((r) => ruleMatches(r, peer, req));
}

/** `allow`, or `deny` with the policy that decided (for `istioctl x describe`). */
export function authorize(
  config: MeshConfig,
  pod: StoredObject,
  peer: Peer,
  req: AuthzRequest,
): { allowed: boolean; policy?: string } {
  const policies = config.policiesFor(ISTIO_RESOURCES.authorizationPolicies, pod);
  const name = (p: StoredObject) => `${p.metadata.namespace}/${p.metadata.name}`;
  for (const p of policies)
    if (p.spec?.action === 'DENY' && policyMatches(p, peer, req)) return { allowed: false, policy: name(p) };
  const allows = policies.filter((p) => (p.spec?.action ?? 'ALLOW') === 'ALLOW');
  if (allows.length === 0) return { allowed: true };
  const hit = allows.find((p) => policyMatches(p, peer, req));
  return hit ? { allowed: true, policy: name(hit) } : { allowed: false };
}
