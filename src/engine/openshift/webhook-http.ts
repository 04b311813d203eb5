/**
 * The webhook URL over HTTP: `curl -X POST https://api.<domain>:6443/apis/build.openshift.io/v1/namespaces/
 * <ns>/buildconfigs/<bc>/webhooks/<secret>/<type>` from a pod reaches the API server, which answers with
 * the started Build (compact JSON, as the webhook handler writes it) or a Status (pretty-printed, as the
 * API server does for curl).
 */
import type { EngineContext } from '../context';
import type { PodHttpAnswer } from '../network/types';
import { receiveWebhook } from './webhooks';

const PATH =
  /^\/apis\/build\.openshift\.io\/v1\/namespaces\/([^/]+)\/buildconfigs\/([^/]+)\/webhooks\/([^/]*)\/([^/?]+)\/?(?:\?.*)?$/;

export interface ApiserverHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function statusBody(code: number, status: 'Success' | 'Failure', message: string, reason?: string): string {
  const s: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status, message };
  if (reason) s.reason = reason;
  s.code = code;
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** The API server's answer to a webhook path, or undefined for any other path. */
export function webhookHttp(ctx: EngineContext, req: ApiserverHttpRequest): PodHttpAnswer | undefined {
  const m = PATH.exec(req.path);
  if (!m) return undefined;
  const [, namespace, name, secret, type] = m.map(decodeURIComponent);
  if (req.method.toUpperCase() !== 'POST') {
    return {
      status: 405,
      body: statusBody(
        405,
        'Failure',
        'the server does not allow this method on the requested resource',
        'MethodNotAllowed',
      ),
      headers: JSON_HEADERS,
    };
  }
  const r = receiveWebhook(ctx, namespace, name, type, secret, {
    method: req.method,
    headers: req.headers,
    body: req.body,
  });
  if (r.status !== 200) {
    return {
      status: r.status,
      body: statusBody(r.status, 'Failure', r.message, r.reason),
      headers: JSON_HEADERS,
    };
  }
  let body = r.build ? JSON.stringify(r.build) : '';
  if (r.warning) body += statusBody(200, 'Success', r.warning);
  return { status: 200, body, headers: JSON_HEADERS };
}
