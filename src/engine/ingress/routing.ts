/**
 * How ingress-nginx picks a backend for a request: the Ingresses of its class, merged per host (exact
 * host, then `*.domain` wildcards, then rules without host on the default server); Exact paths before
 * Prefix paths (longest first, matched per path element); ImplementationSpecific as an nginx prefix
 * location. No match: an Ingress's defaultBackend, else the controller's own 404 page.
 */
import type { KObject, StoredObject } from '../api/types';

export interface Backend {
  ingress: StoredObject;
  service: string;
  port: { number?: number; name?: string };
  /** The path sent upstream (after nginx.ingress.kubernetes.io/rewrite-target). */
  upstreamPath: string;
}

interface HttpPath {
  path?: string;
  pathType?: string;
  backend?: { service?: { name: string; port?: { number?: number; name?: string } } };
}

interface Candidate {
  ingress: StoredObject;
  path: HttpPath;
}

/** Whether an Ingress belongs to the `nginx` class (by field, legacy annotation, or the default class). */
export function isNginxIngress(ing: KObject, nginxIsDefault: boolean): boolean {
  const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
  return cls === 'nginx' || (cls === undefined && nginxIsDefault);
}

function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost.startsWith('*.')) {
    const rest = host.slice(host.indexOf('.') + 1);
    return host.includes('.') && rest === ruleHost.slice(2);
  }
  return ruleHost === host;
}

function prefixMatches(prefix: string, path: string): boolean {
  if (prefix === '/' || prefix === '') return true;
  const p = prefix.replace(/\/+$/, '');
  return path === p || path.startsWith(`${p}/`);
}

function pathOnly(path: string): string {
  const i = path.search(/[?#]/);
  return i < 0 ? path : path.slice(0, i);
}

export function route(
  ingresses: StoredObject[],
  hostHeader: string,
  requestPath: string,
): Backend | undefined {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const path = pathOnly(requestPath);
  // nginx picks one server block: the exact host, else a wildcard one, else the default server.
  const tiers: ((h: string | undefined) => boolean)[] = [
    (h) => h === host,
    (h) => !!h && h.startsWith('*.') && hostMatches(h, host),
    (h) => !h,
  ];
  for (const inTier of tiers) {
    const candidates: Candidate[] = [];
    for (const ing of ingresses) {
      for (const rule of (ing.spec?.rules ?? []) as { host?: string; http?: { paths?: HttpPath[] } }[]) {
        if (!inTier(rule.host)) continue;
        for (const p of rule.http?.paths ?? []) candidates.push({ ingress: ing, path: p });
      }
    }
    if (candidates.length === 0) continue;
    const chosen = pick(candidates, path);
    if (chosen) return toBackend(chosen, requestPath);
    // A host with rules but no matching path falls through to the default backend, not another server.
    if (!inTier(undefined)) return defaultBackend(ingresses, requestPath);
  }
  return defaultBackend(ingresses, requestPath);
}

function pick(candidates: Candidate[], path: string): Candidate | undefined {
  const exact = candidates.find((c) => c.path.pathType === 'Exact' && (c.path.path ?? '/') === path);
  if (exact) return exact;
  let best: Candidate | undefined;
  let bestLen = -1;
  for (const c of candidates) {
    const p = c.path.path ?? '/';
    const type = c.path.pathType ?? 'ImplementationSpecific';
    if (type === 'Exact') continue;
    const ok = type === 'Prefix' ? prefixMatches(p, path) : regexOrPrefix(c.ingress, p).test(path);
    if (ok && p.length > bestLen) {
      best = c;
      bestLen = p.length;
    }
  }
  return best;
}

/** ImplementationSpecific paths are nginx locations: a regex when use-regex (or rewrite-target) is on, else a prefix. */
function regexOrPrefix(ing: KObject, p: string): RegExp {
  const a = ing.metadata.annotations ?? {};
  const regex =
    a['nginx.ingress.kubernetes.io/use-regex'] === 'true' ||
    a['nginx.ingress.kubernetes.io/rewrite-target'] !== undefined;
  if (regex) {
    try {
      return new RegExp(`^${p}`, 'i');
    } catch {
      // an invalid regex never matches, as nginx would refuse the location
      return /$^/;
    }
  }
  return new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

function toBackend(c: Candidate, requestPath: string): Backend | undefined {
  const svc = c.path.backend?.service;
  if (!svc) return undefined;
  return {
    ingress: c.ingress,
    service: svc.name,
    port: svc.port ?? {},
    upstreamPath: rewrite(c.ingress, c.path.path ?? '/', requestPath),
  };
}

function rewrite(ing: KObject, pattern: string, requestPath: string): string {
  const target = ing.metadata.annotations?.['nginx.ingress.kubernetes.io/rewrite-target'];
  if (target === undefined) return requestPath;
  const path = pathOnly(requestPath);
  const query = requestPath.slice(path.length);
  let m: RegExpExecArray | null = null;
  try {
    m = new RegExp(`^${pattern}`, 'i').exec(path);
  } catch {
    m = null;
  }
  const out = target.replace(/\$(\d)/g, (_, n: string) => m?.[Number(n)] ?? '');
  return (out.startsWith('/') ? out : `/${out}`) + query;
}

function defaultBackend(ingresses: StoredObject[], requestPath: string): Backend | undefined {
  for (const ing of ingresses) {
    const svc = ing.spec?.defaultBackend?.service;
    if (svc) return { ingress: ing, service: svc.name, port: svc.port ?? {}, upstreamPath: requestPath };
  }
  return undefined;
}
