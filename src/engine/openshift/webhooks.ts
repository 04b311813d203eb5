/**
 * Build webhooks, as openshift-apiserver serves them at
 * `POST /apis/build.openshift.io/v1/namespaces/<ns>/buildconfigs/<name>/webhooks/<secret>/<type>`:
 * the secret is checked against the BuildConfig's triggers of that type (a wrong secret, a missing config
 * and a missing trigger all get the same 401, so nobody learns which configs exist), then the plugin checks
 * the request (GitHub and GitLab want a JSON push event with their event header; generic takes anything)
 * and a build starts. Also the lab's "push a commit": a commit on the simulated Git host is delivered to
 * every BuildConfig building that repository, as if the webhook had been registered there.
 */
import type { StoredObject } from '../api/types';
import { type EngineContext, service } from '../context';
import { decodeBase64 } from '../kubelet/config';
import { BUILD_CONFIGS, instantiateBuild } from './instantiate';
import { type Commit, type GitServer, normalizeUrl } from './repos';

export type WebhookType = 'github' | 'gitlab' | 'generic';

export interface WebhookRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The commit the event names (a push); the branch head otherwise. */
  commit?: string;
}

export interface WebhookResult {
  status: number;
  /** The Status reason of an error (Unauthorized, BadRequest, NotFound). */
  reason?: string;
  message: string;
  build?: StoredObject;
  /** A 200 Status the server appends after the build (an ignored payload). */
  warning?: string;
}

const TRIGGER_TYPE: Record<WebhookType, 'GitHub' | 'GitLab' | 'Generic'> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  generic: 'Generic',
};
/** The branch the lab's repositories build by default (webhook.DefaultConfigRef). */
export const DEFAULT_BRANCH = 'master';

const unauthorized = (type: string, name: string): WebhookResult => ({
  status: 401,
  reason: 'Unauthorized',
  message: `the webhook "${type}" for "${name}" did not accept your secret`,
});
const badRequest = (message: string): WebhookResult => ({ status: 400, reason: 'BadRequest', message });

function header(req: WebhookRequest, name: string): string {
  const k = Object.keys(req.headers ?? {}).find((x) => x.toLowerCase() === name.toLowerCase());
  return k ? (req.headers?.[k] ?? '') : '';
}

/** The triggers' secrets: inline, or the `WebHookSecretKey` of the Secret they reference. */
function secretsOf(
  ctx: EngineContext,
  namespace: string,
  hook: Record<string, unknown> | undefined,
): string[] {
  if (!hook) return [];
  const out: string[] = [];
  if (typeof hook.secret === 'string' && hook.secret) out.push(hook.secret);
  const ref = (hook.secretReference as { name?: string } | undefined)?.name;
  const data = ref
    ? (ctx.api.tryGet('secrets', namespace, ref)?.data as Record<string, string> | undefined)
        ?.WebHookSecretKey
    : undefined;
  if (typeof data === 'string') out.push(decodeBase64(data));
  return out;
}

/** GitHub / GitLab: POST with a JSON push event (ping starts nothing); the pushed ref must be the built one. */
function checkGitEvent(
  bc: StoredObject,
  type: 'github' | 'gitlab',
  req: WebhookRequest,
): WebhookResult | { proceed: boolean; commit?: string } {
  const contentType = header(req, 'Content-Type');
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (!media) return badRequest(`non-parseable Content-Type ${contentType} (mime: no media type)`);
  if (media !== 'application/json') return badRequest(`unsupported Content-Type ${contentType}`);
  const event =
    type === 'github'
      ? header(req, 'X-GitHub-Event') || header(req, 'X-Gogs-Event')
      : header(req, 'X-Gitlab-Event');
  if (!event)
    return badRequest(
      type === 'github' ? 'missing X-GitHub-Event or X-Gogs-Event' : 'missing X-Gitlab-Event',
    );
  if (type === 'github' && event === 'ping') return { proceed: false };
  if ((type === 'github' && event !== 'push') || (type === 'gitlab' && event !== 'Push Hook'))
    return badRequest(
      type === 'github'
        ? `Unknown X-GitHub-Event or X-Gogs-Event ${event}`
        : `Unknown X-Gitlab-Event ${event}`,
    );
  let payload: { ref?: string; head_commit?: { id?: string }; commits?: { id?: string }[] };
  try {
    payload = JSON.parse(req.body ?? '');
  } catch {
    return badRequest('unexpected end of JSON input');
  }
  const configRef = bc.spec?.source?.git?.ref || DEFAULT_BRANCH;
  if (String(payload.ref ?? '').replace(/^refs\/heads\//, '') !== configRef.replace(/^refs\/heads\//, ''))
    return { proceed: false };
  const commit = type === 'github' ? payload.head_commit?.id : payload.commits?.[0]?.id;
  return { proceed: true, commit };
}

/** Deliver a webhook as the API server's webhook endpoint would. */
export function receiveWebhook(
  ctx: EngineContext,
  namespace: string,
  name: string,
  type: string,
  secret: string,
  request: WebhookRequest | string = {},
): WebhookResult {
  const req: WebhookRequest =
    typeof request === 'string'
      ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, commit: request }
      : { method: 'POST', ...request };
  if (!(type in TRIGGER_TYPE))
    return {
      status: 404,
      reason: 'NotFound',
      message: `buildconfighook.build.openshift.io "${type}" not found`,
    };
  const hookType = type as WebhookType;
  const bc = ctx.api.tryGet(BUILD_CONFIGS, namespace, name);
  if (!bc) return unauthorized(type, name);
  const hooks = ((bc.spec?.triggers ?? []) as Record<string, unknown>[])
    .filter((t) => t.type === TRIGGER_TYPE[hookType])
    .map((t) => t[hookType] as Record<string, unknown> | undefined)
    .filter(Boolean);
  if (!hooks.some((h) => secretsOf(ctx, namespace, h).includes(secret))) return unauthorized(type, name);
  if ((req.method ?? 'POST').toUpperCase() !== 'POST')
    return {
      status: 405,
      reason: 'MethodNotAllowed',
      message: `${req.method} is not supported on resources of kind "buildconfighook.build.openshift.io"`,
    };
  let commit = req.commit;
  let warning: string | undefined;
  if (hookType !== 'generic' && req.headers) {
    const checked = checkGitEvent(bc, hookType, req);
    if ('status' in checked) return checked;
    if (!checked.proceed) return { status: 200, message: '' };
    commit = checked.commit ?? commit;
  } else if (hookType === 'generic') {
    const media = header(req, 'Content-Type').split(';')[0].trim().toLowerCase();
    if (media !== 'application/json' && media !== 'application/yaml')
      warning = 'invalid Content-Type on payload, ignoring payload and continuing with build';
  }
  const build = instantiateBuild(ctx, namespace, name, {
    message: `${TRIGGER_TYPE[hookType]} WebHook`,
    webhook: { type: TRIGGER_TYPE[hookType], secret },
    commit,
  });
  return {
    status: 200,
    message: `build.build.openshift.io/${build.metadata.name} started`,
    build,
    ...(warning ? { warning } : {}),
  };
}

export interface Delivery {
  namespace: string;
  buildConfig: string;
  type: 'GitHub' | 'GitLab' | 'Generic';
  result: WebhookResult;
}

/** The push event a Git host sends for `commit` on the default branch. */
export function pushPayload(type: 'github' | 'gitlab', url: string, commit: Commit): string {
  const [name, email] = [commit.author.replace(/ <.*$/, ''), commit.author.replace(/^.*<|>$/g, '')];
  const c = { id: commit.sha, message: commit.message, author: { name, email } };
  return JSON.stringify(
    type === 'github'
      ? {
          ref: `refs/heads/${DEFAULT_BRANCH}`,
          after: commit.sha,
          head_commit: { ...c, committer: c.author },
          repository: { url },
        }
      : {
          object_kind: 'push',
          ref: `refs/heads/${DEFAULT_BRANCH}`,
          after: commit.sha,
          commits: [c],
          repository: { url },
        },
  );
}

/**
 * Push a commit to a simulated repository (URL, `owner/name` or name) and deliver, to each BuildConfig building it, the webhook of its
 * first GitHub, GitLab or Generic trigger (as if that URL had been registered at the Git host).
 */
export function pushCommit(
  ctx: EngineContext,
  url: string,
  message: string,
  author = 'KubeDojo Learner <learner@kubedojo.local>',
  changes: Record<string, string> = {},
): { commit?: Commit; builds: StoredObject[]; deliveries: Delivery[] } {
  const git = service<GitServer>(ctx, 'openshift-git');
  const repoUrl = git.find(url)?.url;
  const commit = repoUrl
    ? git.push(repoUrl, message, author, gitDate(ctx.clock.nowISO()), changes)
    : undefined;
  if (!repoUrl || !commit) return { builds: [], deliveries: [] };
  const deliveries: Delivery[] = [];
  for (const bc of ctx.api.list(BUILD_CONFIGS)) {
    if (normalizeUrl(bc.spec?.source?.git?.uri ?? '') !== normalizeUrl(repoUrl)) continue;
    const triggers = (bc.spec?.triggers ?? []) as Record<string, unknown>[];
    const trigger = ['GitHub', 'GitLab', 'Generic']
      .map((t) => triggers.find((x) => x.type === t))
      .find(Boolean);
    if (!trigger) continue;
    const type = String(trigger.type) as Delivery['type'];
    const key = type.toLowerCase() as WebhookType;
    const ns = bc.metadata.namespace ?? '';
    const secret = secretsOf(ctx, ns, trigger[key] as Record<string, unknown> | undefined)[0] ?? '';
    const req: WebhookRequest =
      key === 'generic'
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ git: { uri: repoUrl, ref: DEFAULT_BRANCH, commit: commit.sha } }),
            commit: commit.sha,
          }
        : {
            headers: {
              'Content-Type': 'application/json',
              ...(key === 'github' ? { 'X-GitHub-Event': 'push' } : { 'X-Gitlab-Event': 'Push Hook' }),
            },
            body: pushPayload(key, repoUrl, commit),
          };
    deliveries.push({
      namespace: ns,
      buildConfig: bc.metadata.name,
      type,
      result: receiveWebhook(ctx, ns, bc.metadata.name, key, secret, req),
    });
  }
  const builds = deliveries.flatMap((d) => (d.result.build ? [d.result.build] : []));
  return { commit, builds, deliveries };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-01-15T09:00:00Z` as git prints it: `Wed Jan 15 09:00:00 2025 +0000`. */
export function gitDate(iso: string): string {
  const [, y, m, d, time] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso) ?? [];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  // Sakamoto's day-of-week.
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const yy = month < 3 ? year - 1 : year;
  const dow =
    (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + t[month - 1] + day) % 7;
  return `${DAYS[dow]} ${MONTHS[month - 1]} ${day} ${time} ${year} +0000`;
}
