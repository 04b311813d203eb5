/** `kubectl auth can-i` (an RBAC evaluation over the cluster's Roles and bindings) and `auth whoami`. */
import { ADMIN, type UserInfo } from '../../engine/api/apiserver';
import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { F } from '../globals';
import { TABLE_SETTINGS, tabwrite } from '../printers/tabwriter';
import { rawApi } from '../raw-api';

const KNOWN_VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'impersonate',
  'escalate',
  'proxy',
  '*',
];

interface Rule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** Who a command runs as: `--as` (and `--as-group`), else the shell's user, else the kubeadm admin. */
export function effectiveUser(ctx: CommandContext, inv: Invocation): UserInfo {
  const as = inv.flags.str('as');
  if (!as) return ctx.user ?? ADMIN;
  const groups = [...inv.flags.list('as-group'), 'system:authenticated'];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  if (sa) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  return { username: as, groups };
}

function subjectMatches(
  subject: { kind: string; name: string; namespace?: string },
  user: UserInfo,
  bindingNs?: string,
): boolean {
  if (subject.kind === 'User') return subject.name === user.username;
  if (subject.kind === 'Group') return user.groups.includes(subject.name);
  if (subject.kind === 'ServiceAccount')
    return user.username === `system:serviceaccount:${subject.namespace ?? bindingNs}:${subject.name}`;
  return false;
}

function ruleAllows(
  rule: Rule,
  verb: string,
  group: string,
  resource: string,
  sub: string,
  name: string,
): boolean {
  const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));
  if (!has(rule.verbs, verb)) return false;
  if (!has(rule.apiGroups, group)) return false;
  const full = sub ? `${resource}/${sub}` : resource;
  if (!has(rule.resources, full) && !(sub && rule.resources?.includes(`*/${sub}`))) return false;
  if (rule.resourceNames?.length && !(name && rule.resourceNames.includes(name))) return false;
  return true;
}

/** RBAC's decision for one request (system:masters is always allowed, as the API server's authorizer says). */
export function rbacAllows(
  ctx: Pick<CommandContext, 'api'>,
  user: UserInfo,
  verb: string,
  group: string,
  resource: string,
  sub: string,
  name: string,
  namespace: string | undefined,
): boolean {
  if (user.groups.includes('system:masters')) return true;
  // The authorizer reads Roles and bindings with the server's rights, not the requester's.
  const api = rawApi(ctx.api);
  const rulesOf = (ref: { kind: string; name: string }, ns: string | undefined): Rule[] => {
    const role =
      ref.kind === 'ClusterRole'
        ? api.tryGet('clusterroles.rbac.authorization.k8s.io', undefined, ref.name)
        : api.tryGet('roles.rbac.authorization.k8s.io', ns, ref.name);
    return (role?.rules as Rule[] | undefined) ?? [];
  };
  const bindings: { b: StoredObject; ns?: string }[] = api
    .list('clusterrolebindings.rbac.authorization.k8s.io')
    .map((b) => ({ b }));
  if (namespace)
    for (const b of api.list('rolebindings.rbac.authorization.k8s.io', { namespace }))
      bindings.push({ b, ns: namespace });
  for (const { b, ns } of bindings) {
    const subjects = (b.subjects as { kind: string; name: string; namespace?: string }[] | undefined) ?? [];
    if (!subjects.some((s) => subjectMatches(s, user, ns))) continue;
    for (const rule of rulesOf(b.roleRef as { kind: string; name: string }, ns)) {
      if (ruleAllows(rule, verb, group, resource, sub, name)) return true;
    }
  }
  return false;
}

/** What every authenticated user may do (system:basic-user, system:discovery, system:public-info-viewer). */
const AUTHENTICATED_RULES = [
  'selfsubjectreviews.authentication.k8s.io\t[]\t[]\t[create]',
  'selfsubjectaccessreviews.authorization.k8s.io\t[]\t[]\t[create]',
  'selfsubjectrulesreviews.authorization.k8s.io\t[]\t[]\t[create]',
  ...[
    '/.well-known/openid-configuration/',
    '/.well-known/openid-configuration',
    '/api/*',
    '/api',
    '/apis/*',
    '/apis',
    '/healthz',
    '/healthz',
    '/livez',
    '/livez',
    '/openapi/*',
    '/openapi',
    '/openid/v1/jwks/',
    '/openid/v1/jwks',
    '/readyz',
    '/readyz',
    '/version/',
    '/version/',
    '/version',
    '/version',
  ].map((url) => `\t[${url}]\t[]\t[get]`),
];

/** `auth can-i --list`: the rows of the rules the user's bindings grant, then the ones everybody has. */
function rulesFor(ctx: CommandContext, user: UserInfo, namespace: string | undefined): string[] {
  if (user.groups.includes('system:masters')) return ['*.*\t[]\t[]\t[*]', '\t[*]\t[]\t[*]'];
  const rows: string[] = [];
  const bindings: { b: StoredObject; ns?: string }[] = ctx.api
    .list('clusterrolebindings.rbac.authorization.k8s.io')
    .map((b) => ({ b }));
  if (namespace)
    for (const b of ctx.api.list('rolebindings.rbac.authorization.k8s.io', { namespace }))
      bindings.push({ b, ns: namespace });
  for (const { b, ns } of bindings) {
    const subjects = (b.subjects as { kind: string; name: string; namespace?: string }[] | undefined) ?? [];
    if (!subjects.some((s) => subjectMatches(s, user, ns))) continue;
    const ref = b.roleRef as { kind: string; name: string };
    const role =
      ref.kind === 'ClusterRole'
        ? ctx.api.tryGet('clusterroles.rbac.authorization.k8s.io', undefined, ref.name)
        : ctx.api.tryGet('roles.rbac.authorization.k8s.io', ns, ref.name);
    for (const rule of (role?.rules as Rule[] | undefined) ?? []) {
      const list = (v?: string[]) => `[${(v ?? []).join(' ')}]`;
      if (rule.nonResourceURLs?.length) {
        for (const url of rule.nonResourceURLs) rows.push(`\t[${url}]\t[]\t${list(rule.verbs)}`);
        continue;
      }
      for (const group of rule.apiGroups ?? ['']) {
        for (const res of rule.resources ?? [])
          rows.push(
            `${group ? `${res}.${group}` : res}\t[]\t${list(rule.resourceNames)}\t${list(rule.verbs)}`,
          );
      }
    }
  }
  return [...rows, ...AUTHENTICATED_RULES];
}

const canI: Command = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  long: `Check whether an action is allowed.

 VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource.
Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a
particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.`,
  examples: `  # Check to see if I can create pods in any namespace
  kubectl auth can-i create pods --all-namespaces

  # Check to see if I can list deployments in my current namespace
  kubectl auth can-i list deployments.apps

  # Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"
  # You must be allowed to use impersonation for the global option "--as"
  kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod

  # Check to see if I can do everything in my current namespace ("*" means all)
  kubectl auth can-i '*' '*'

  # Check to see if I can get the job named "bar" in namespace "foo"
  kubectl auth can-i list jobs.batch/bar -n foo`,
  usage: 'auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  flags: [
    F.allNamespaces,
    {
      name: 'quiet',
      short: 'q',
      type: 'bool',
      usage: 'If true, suppress output and just return the exit code.',
    },
    { name: 'subresource', type: 'string', usage: 'SubResource such as pod/log or deployment/scale' },
    { name: 'list', type: 'bool', usage: 'If true, prints all allowed actions.' },
  ],
  run(ctx, inv) {
    const user = effectiveUser(ctx, inv);
    if (inv.flags.bool('list')) {
      const ns = inv.flags.bool('all-namespaces') ? undefined : ctx.namespace;
      ctx.print(
        tabwrite(
          `Resources\tNon-Resource URLs\tResource Names\tVerbs\n${rulesFor(ctx, user, ns).join('\n')}\n`,
          TABLE_SETTINGS,
        ),
      );
      return 0;
    }
    if (inv.args.length < 2)
      throw new CliError(
        `you must specify two arguments: verb resource or verb resource/resourceName.\nSee '${inv.path} -h' for help and examples`,
      );
    const [verb, target] = inv.args;
    if (!KNOWN_VERBS.includes(verb)) ctx.print(`Warning: verb '${verb}' is not a known verb\n`);
    let group = '*';
    let resource = '*';
    let name = inv.args[2] ?? '';
    if (target !== '*') {
      const [typeText, slashName] = target.split('/');
      if (slashName) name = slashName;
      const rt = ctx.api.kinds.resolve(typeText);
      if (!rt) {
        ctx.print(`Warning: the server doesn't have a resource type '${typeText}'\n\n`);
        group = '';
        resource = typeText;
      } else {
        group = rt.group;
        resource = rt.plural;
      }
    }
    const ns = inv.flags.bool('all-namespaces') ? undefined : ctx.namespace;
    const allowed = rbacAllows(ctx, user, verb, group, resource, inv.flags.str('subresource'), name, ns);
    if (!inv.flags.bool('quiet')) ctx.print(allowed ? 'yes\n' : 'no\n');
    return allowed ? 0 : 1;
  },
};

const whoami: Command = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  long: 'Experimental: Check who you are and your attributes (groups, extra).',
  usage: 'auth whoami [options]',
  run(ctx, inv) {
    const user = effectiveUser(ctx, inv);
    ctx.print(
      tabwrite(
        `ATTRIBUTE\tVALUE\nUsername\t${user.username}\nGroups\t[${user.groups.join(' ')}]\n`,
        TABLE_SETTINGS,
      ),
    );
    return 0;
  },
};

export const authCommand: Command = {
  name: 'auth',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Inspect authorization',
  long: 'Inspect authorization.',
  usage: 'auth [flags] [options]',
  subcommands: [canI, whoami],
};
