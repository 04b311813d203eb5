/**
 * Build webhooks: `POST .../buildconfigs/<name>/webhooks/<secret>/{github,gitlab,generic}` starts a build
 * when the BuildConfig has a trigger of that type with that secret; and the lab's "push a commit", which
 * adds a commit to a simulated repository and delivers the GitHub webhook of every BuildConfig building it.
 */
import type { StoredObject } from '../api/types';
import { type EngineContext, service } from '../context';
import { BUILD_CONFIGS, instantiateBuild } from './instantiate';
import { type Commit, type GitServer, normalizeUrl } from './repos';

export type WebhookType = 'github' | 'gitlab' | 'generic';

export interface WebhookResult {
  status: number;
  message: string;
  build?: StoredObject;
}

const TRIGGER_TYPE: Record<WebhookType, string> = { github: 'GitHub', gitlab: 'GitLab', generic: 'Generic' };

/** Deliver a webhook as the API server's webhook endpoint would. */
export function receiveWebhook(
  ctx: EngineContext,
  namespace: string,
  name: string,
  type: WebhookType,
  secret: string,
  commit?: string,
): WebhookResult {
  const bc = ctx.api.tryGet(BUILD_CONFIGS, namespace, name);
  if (!bc) return { status: 404, message: `buildconfigs.build.openshift.io "${name}" not found` };
  const key = type === 'generic' ? 'generic' : type;
  const triggers = (
    (bc.spec?.triggers ?? []) as { type: string; [k: string]: { secret?: string } | string }[]
  ).filter((t) => t.type === TRIGGER_TYPE[type]);
  if (triggers.length === 0)
    return { status: 400, message: `buildconfig ${name} does not support the ${type} webhook type` };
  if (!triggers.some((t) => (t[key] as { secret?: string } | undefined)?.secret === secret)) {
    return { status: 401, message: 'the provided secret does not match' };
  }
  const build = instantiateBuild(ctx, namespace, name, {
    message: `${TRIGGER_TYPE[type]} WebHook`,
    webhook: { type: TRIGGER_TYPE[type] as 'GitHub' | 'Generic' | 'GitLab', secret },
    commit,
  });
  return { status: 200, message: `build.build.openshift.io/${build.metadata.name} started`, build };
}

/** Push a commit to a simulated repository and fire the GitHub webhook of each BuildConfig that builds it. */
export function pushCommit(
  ctx: EngineContext,
  url: string,
  message: string,
  author = 'KubeDojo Learner <learner@kubedojo.local>',
): { commit?: Commit; builds: StoredObject[] } {
  const git = service<GitServer>(ctx, 'openshift-git');
  const date = gitDate(ctx.clock.nowISO());
  const commit = git.push(url, message, author, date);
  if (!commit) return { builds: [] };
  const builds: StoredObject[] = [];
  for (const bc of ctx.api.list(BUILD_CONFIGS)) {
    if (normalizeUrl(bc.spec?.source?.git?.uri ?? '') !== normalizeUrl(url)) continue;
    const hook = (bc.spec?.triggers ?? []).find((t: { type: string }) => t.type === 'GitHub');
    if (!hook?.github?.secret) continue;
    const r = receiveWebhook(
      ctx,
      bc.metadata.namespace ?? '',
      bc.metadata.name,
      'github',
      hook.github.secret,
      commit.sha,
    );
    if (r.build) builds.push(r.build);
  }
  return { commit, builds };
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
