/**
 * The unauthorized API server behind a user's authorizing view (see authorize.ts). Lives apart so the RBAC
 * evaluator (commands/auth.ts) can read Roles and bindings with the server's own rights without an import cycle.
 */
import type { ApiServer } from '../engine/api/apiserver';

const rawOf = new WeakMap<object, ApiServer>();

export function rememberRaw(view: ApiServer, raw: ApiServer): void {
  rawOf.set(view, raw);
}

/** The API server itself, as privileged server-side handlers (RBAC evaluation, project requests) use it. */
export function rawApi(api: ApiServer): ApiServer {
  return rawOf.get(api) ?? api;
}
