/** `kubectl create role|clusterrole|rolebinding|clusterrolebinding`. */
import type { KObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { exactlyOneName, finishGenerated, GENERATOR_FLAGS } from '../generate';

const VALID_VERBS = [
  '*',
  'get',
  'delete',
  'list',
  'create',
  'update',
  'patch',
  'watch',
  'proxy',
  'deletecollection',
  'use',
  'bind',
  'escalate',
  'impersonate',
];

function rules(ctx: CommandContext, inv: Invocation): Record<string, unknown>[] {
  const verbs = inv.flags.list('verb');
  const resources = inv.flags.list('resource');
  const names = inv.flags.list('resource-name');
  if (verbs.length === 0) throw new CliError('at least one verb must be specified');
  if (resources.length === 0) throw new CliError('at least one resource must be specified');
  for (const v of verbs) if (!VALID_VERBS.includes(v)) throw new CliError(`invalid verb: '${v}'`);
  // Group resources by API group, as kubectl does (one rule per group).
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [plural, ...groupParts] = r.split('.');
    let group = groupParts.join('.');
    if (plural !== '*') {
      const rt = ctx.api.kinds.resolve(r);
      if (!rt) throw new CliError(`the server doesn't have a resource type "${plural}"`);
      if (!groupParts.length) group = rt.group;
      byGroup.set(group, [...(byGroup.get(group) ?? []), rt.plural]);
    } else byGroup.set(group, [...(byGroup.get(group) ?? []), '*']);
  }
  return [...byGroup].map(([group, res]) => ({
    apiGroups: [group],
    resources: res,
    ...(names.length ? { resourceNames: names } : {}),
    verbs,
  }));
}

const RULE_FLAGS: Command['flags'] = [
  { name: 'verb', type: 'stringSlice', usage: 'Verb that applies to the resources contained in the rule' },
  { name: 'resource', type: 'stringSlice', usage: 'Resource that the rule applies to' },
  {
    name: 'resource-name',
    type: 'stringArray',
    usage: 'Resource in the white list that the rule applies to, repeat this flag for multiple items',
  },
];

function roleCommand(kind: 'Role' | 'ClusterRole'): Command {
  const name = kind.toLowerCase();
  return {
    name,
    short: `Create a ${kind === 'Role' ? 'role' : 'cluster role'}`,
    long: `Create a ${kind === 'Role' ? 'role with single rule' : 'cluster role'}.`,
    examples: `  # Create a ${kind} named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
  kubectl create ${name} pod-reader --verb=get --verb=list --verb=watch --resource=pods`,
    usage: `create ${name} NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]`,
    flags: [...(RULE_FLAGS ?? []), ...GENERATOR_FLAGS],
    run(ctx, inv) {
      const roleName = exactlyOneName(inv);
      const obj: KObject = {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind,
        metadata: { name: roleName },
        rules: rules(ctx, inv),
      };
      return finishGenerated(ctx, inv, obj);
    },
  };
}

function bindingCommand(kind: 'RoleBinding' | 'ClusterRoleBinding'): Command {
  const name = kind.toLowerCase();
  return {
    name,
    short: `Create a ${kind === 'RoleBinding' ? 'role binding for a particular role or cluster role' : 'cluster role binding for a particular cluster role'}`,
    long: `Create a ${kind === 'RoleBinding' ? 'role binding for a particular role or cluster role' : 'cluster role binding for a particular cluster role'}.`,
    examples: `  # Create a ${kind} for user1, user2, and group1 using the admin ClusterRole
  kubectl create ${name} admin --clusterrole=admin --user=user1 --user=user2 --group=group1`,
    usage: `create ${name} NAME --clusterrole=NAME${kind === 'RoleBinding' ? '|--role=NAME' : ''} [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]`,
    flags: [
      ...(kind === 'RoleBinding'
        ? [{ name: 'role', type: 'string' as const, usage: 'Role this RoleBinding should reference' }]
        : []),
      { name: 'clusterrole', type: 'string', usage: `ClusterRole this ${kind} should reference` },
      {
        name: 'user',
        type: 'stringArray',
        usage: 'Usernames to bind to the clusterrole. The flag can be repeated to add multiple users.',
      },
      {
        name: 'group',
        type: 'stringArray',
        usage: 'Groups to bind to the clusterrole. The flag can be repeated to add multiple groups.',
      },
      {
        name: 'serviceaccount',
        type: 'stringArray',
        usage:
          'Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.',
      },
      ...GENERATOR_FLAGS,
    ],
    run(ctx, inv) {
      const bindingName = exactlyOneName(inv);
      const role = kind === 'RoleBinding' ? inv.flags.str('role') : '';
      const clusterRole = inv.flags.str('clusterrole');
      if (role && clusterRole) throw new CliError('exactly one of clusterrole or role must be specified');
      if (!role && !clusterRole)
        throw new CliError(
          kind === 'RoleBinding'
            ? 'exactly one of clusterrole or role must be specified'
            : 'required flag(s) "clusterrole" not set',
        );
      const subjects: Record<string, unknown>[] = [
        ...inv.flags
          .list('user')
          .map((u) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: u })),
        ...inv.flags
          .list('group')
          .map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
        ...inv.flags.list('serviceaccount').map((sa) => {
          const [ns, n] = sa.split(':');
          if (!n) throw new CliError(`serviceaccount must be <namespace>:<name>`);
          return { kind: 'ServiceAccount', name: n, namespace: ns };
        }),
      ];
      const obj: KObject = {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind,
        metadata: { name: bindingName },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: role ? 'Role' : 'ClusterRole',
          name: role || clusterRole,
        },
        ...(subjects.length ? { subjects } : {}),
      };
      return finishGenerated(ctx, inv, obj);
    },
  };
}

export const createRoleCommand = roleCommand('Role');
export const createClusterRoleCommand = roleCommand('ClusterRole');
export const createRoleBindingCommand = bindingCommand('RoleBinding');
export const createClusterRoleBindingCommand = bindingCommand('ClusterRoleBinding');
