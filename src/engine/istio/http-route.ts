/**
 * The VirtualService http route as the router reads it, and the header handling Envoy applies to a
 * forwarded request (request header operations, its own x-forwarded-proto / x-request-id).
 */
import type { Rng } from '../sim/rng';
import type { HttpMatch } from './match';

export interface Destination {
  host: string;
  subset?: string;
  port?: { number?: number };
}
export interface RouteDestination {
  destination: Destination;
  weight?: number;
}
export interface HttpRoute {
  name?: string;
  match?: HttpMatch[];
  route?: RouteDestination[];
  redirect?: { uri?: string; authority?: string; redirectCode?: number; scheme?: string };
  directResponse?: { status: number; body?: { string?: string } };
  rewrite?: { uri?: string; authority?: string; uriRegexRewrite?: { match: string; rewrite: string } };
  timeout?: string;
  retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
  fault?: {
    delay?: { fixedDelay?: string; percentage?: { value?: number }; percent?: number };
    abort?: { httpStatus?: number; percentage?: { value?: number } };
  };
  mirror?: Destination;
  mirrorPercentage?: { value?: number };
  headers?: { request?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } };
}

export function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

export function applyHeaderOps(
  h: Record<string, string>,
  ops: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined,
): Record<string, string> {
  if (!ops) return h;
  const out = { ...h };
  for (const r of ops.remove ?? [])
    for (const k of Object.keys(out)) if (k.toLowerCase() === r.toLowerCase()) delete out[k];
  return { ...out, ...(ops.add ?? {}), ...(ops.set ?? {}) };
}

/** Headers the client-side Envoy adds to every request it forwards. */
export function withEnvoyHeaders<T extends { headers: Record<string, string>; opts: { scheme?: string } }>(
  req: T,
  rng: Rng,
): T {
  const has = (name: string) => Object.keys(req.headers).some((k) => k.toLowerCase() === name);
  const headers = { ...req.headers };
  if (!has('x-forwarded-proto')) headers['x-forwarded-proto'] = req.opts.scheme ?? 'http';
  if (!has('x-request-id')) headers['x-request-id'] = rng.uuid();
  return { ...req, headers };
}
