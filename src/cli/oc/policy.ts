/**
 * `oc policy add-role-to-user|remove-role-from-user|add-role-to-group|remove-role-from-group` (oc's
 * modify_roles.go): a RoleBinding in the project per role, subjects added to an existing binding of that
 * role or to a new one named after it; removing the last subject deletes the binding.
 */
import { StatusError } from '../../engine/api/errors';
import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import type { FlagSpec } from '../flags';
import { usersOf } from './session';

const ROLE_BINDINGS = 'rolebindings.rbac.authorization.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

interface Subject {
  kind: string;
  name: string;
  apiGroup?: string;
  namespace?: string;
}

const refOf = (b: StoredObject) => (b.roleRef ?? {}) as { kind?: string; name?: string };

const same = (a: Subject, b: Subject) =>
  a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

/** BuildRBACSubjects: users (a `system:serviceaccount:ns:name` user is that ServiceAccount), groups, -z. */
function subjectsOf(ctx: CommandContext, names: string[], kind: 'User' | 'Group', sas: string[]): Subject[] {
  const out: Subject[] = names.map((name) => {
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
    if (kind === 'User' && sa) return { kind: 'ServiceAccount', name: sa[2], namespace: sa[1] };
    return { kind, apiGroup: RBAC, name };
  });
  for (const sa of sas) out.push({ kind: 'ServiceAccount', name: sa, namespace: ctx.namespace });
  return out;
}

/** oc warns only on NotFound: an object the user may not read (Forbidden) is taken to exist. */
function existsOrHidden(
  ctx: CommandContext,
  resource: string,
  ns: string | undefined,
  name: string,
): boolean {
  try {
    return ctx.api.tryGet(resource, ns, name) !== undefined;
  } catch (err) {
    if (err instanceof StatusError && err.code === 403) return true;
    throw err;
  }
}

function bindingsFor(ctx: CommandContext, role: string, kind: string): StoredObject[] {
  return ctx.api
    .list(ROLE_BINDINGS, { namespace: ctx.namespace })
    .filter((b) => refOf(b).name === role && refOf(b).kind === kind);
}

/** getUniqueName: the role's name, else `<role>-0`, `<role>-1`, ... */
function uniqueName(ctx: CommandContext, role: string): string {
  const taken = new Set(
    ctx.api.list(ROLE_BINDINGS, { namespace: ctx.namespace }).map((b) => b.metadata.name),
  );
  if (!taken.has(role)) return role;
  for (let i = 0; ; i++) if (!taken.has(`${role}-${i}`)) return `${role}-${i}`;
}

function message(operation: string, targets: string[]): string {
  return targets.length === 1
    ? `${operation}: "${targets[0]}"`
    : `${operation}: [${targets.map((t) => `"${t}"`).join(' ')}]`;
}

function roleKind(ctx: CommandContext, inv: { flags: { str(n: string): string } }): 'Role' | 'ClusterRole' {
  const roleNs = inv.flags.str('role-namespace');
  if (roleNs && roleNs !== ctx.namespace)
    throw new CliError(
      `role binding in namespace "${ctx.namespace}" can't reference role in different namespace "${roleNs}"`,
    );
  return roleNs ? 'Role' : 'ClusterRole';
}

/** The flags add-role-to-* and remove-role-from-* share; only the users' commands take -z. */
function roleFlags(kind: 'User' | 'Group', bindingNameUsage: string): FlagSpec[] {
  return [
    { name: 'rolebinding-name', type: 'string', default: '', usage: bindingNameUsage },
    {
      name: 'role-namespace',
      type: 'string',
      default: '',
      usage: 'namespace where the role is located: empty means a role defined in cluster policy',
    },
    ...(kind === 'User'
      ? [
          {
            name: 'serviceaccount',
            short: 'z',
            type: 'stringArray' as const,
            usage: 'service account in the current namespace to use as a user',
          },
        ]
      : []),
  ];
}

function addRole(kind: 'User' | 'Group'): Command {
  const target = kind === 'User' ? 'user' : 'group';
  return {
    name: `add-role-to-${target}`,
    short: `Add a role to ${target}s or service accounts for the current project`,
    usage: `policy add-role-to-${target} ROLE (${target.toUpperCase()} | -z SERVICEACCOUNT) [${target.toUpperCase()}]...`,
    flags: roleFlags(
      kind,
      'Name of the rolebinding to modify or create. If left empty creates a new rolebinding with a default name',
    ),
    run(ctx, inv) {
      const [role, ...names] = inv.args;
      const sas = kind === 'User' ? inv.flags.list('serviceaccount') : [];
      if (!role)
        throw new CliError(
          kind === 'User'
            ? 'you must specify a role'
            : `you must specify at least two arguments: <role> <group> [group]...`,
        );
      if (kind === 'User' && names.length === 0 && sas.length === 0)
        throw new CliError('you must specify at least one user or service account');
      if (kind === 'Group' && names.length === 0)
        throw new CliError('you must specify at least two arguments: <role> <group> [group]...');
      const rk = roleKind(ctx, inv);
      const wanted = subjectsOf(ctx, names, kind, sas);
      const targets = [...names, ...sas];
      const printed = `${rk.toLowerCase()}.${RBAC}/${role} ${message('added', targets)}\n`;
      const named = inv.flags.str('rolebinding-name');
      let binding: StoredObject | undefined;
      if (named) {
        binding = ctx.api.tryGet(ROLE_BINDINGS, ctx.namespace, named);
        if (binding && refOf(binding).name !== role)
          throw new CliError(`rolebinding ${named} found for role ${refOf(binding).name}, not ${role}`);
      } else {
        for (const b of bindingsFor(ctx, role, rk)) {
          const subs = (b.subjects ?? []) as Subject[];
          if (wanted.every((w) => subs.some((s) => same(s, w)))) {
            ctx.print(printed);
            return 0;
          }
        }
      }
      const exists =
        rk === 'ClusterRole'
          ? existsOrHidden(ctx, `clusterroles.${RBAC}`, undefined, role)
          : existsOrHidden(ctx, `roles.${RBAC}`, ctx.namespace, role);
      if (!exists) ctx.print(`Warning: role '${role}' not found\n`);
      const existing = ((binding?.subjects ?? []) as Subject[]).slice();
      const added = wanted.filter((w) => !existing.some((s) => same(s, w)));
      const users = usersOf(ctx);
      for (const s of added) {
        if (s.kind === 'User' && !users?.get(s.name) && !s.name.includes(':'))
          ctx.print(`Warning: User '${s.name}' not found\n`);
        if (s.kind === 'ServiceAccount' && !existsOrHidden(ctx, 'serviceaccounts', s.namespace, s.name))
          ctx.print(`Warning: ServiceAccount '${s.name}' not found\n`);
      }
      const subjects = [...existing, ...added];
      if (binding) ctx.api.update({ ...binding, subjects }, { user: ctx.user });
      else
        ctx.api.create(
          {
            apiVersion: `${RBAC}/v1`,
            kind: 'RoleBinding',
            metadata: { name: named || uniqueName(ctx, role), namespace: ctx.namespace },
            roleRef: { apiGroup: RBAC, kind: rk, name: role },
            subjects,
          },
          { user: ctx.user },
        );
      ctx.print(printed);
      return 0;
    },
  };
}

function removeRole(kind: 'User' | 'Group'): Command {
  const target = kind === 'User' ? 'user' : 'group';
  return {
    name: `remove-role-from-${target}`,
    short: `Remove a role from ${target}s for the current project`,
    usage: `policy remove-role-from-${target} ROLE ${target.toUpperCase()} [${target.toUpperCase()}]...`,
    flags: roleFlags(
      kind,
      'Name of the rolebinding to modify. If left empty it will operate on all rolebindings',
    ),
    run(ctx, inv) {
      const [role, ...names] = inv.args;
      const sas = kind === 'User' ? inv.flags.list('serviceaccount') : [];
      if (!role || (names.length === 0 && sas.length === 0))
        throw new CliError(
          kind === 'User'
            ? 'you must specify a role'
            : 'you must specify at least two arguments: <role> <group> [group]...',
        );
      const rk = roleKind(ctx, inv);
      const named = inv.flags.str('rolebinding-name');
      let bindings: StoredObject[];
      if (named) {
        const b = ctx.api.get(ROLE_BINDINGS, ctx.namespace, named);
        if (refOf(b).name !== role)
          throw new CliError(`rolebinding ${named} contains role ${refOf(b).name}, instead of role ${role}`);
        bindings = [b];
      } else {
        bindings = bindingsFor(ctx, role, rk);
        if (bindings.length === 0) throw new CliError(`unable to locate any RoleBinding for ${rk} "${role}"`);
      }
      const remove = subjectsOf(ctx, names, kind, sas);
      const targets = [...names, ...sas];
      let found = 0;
      for (const b of bindings) {
        const subs = (b.subjects ?? []) as Subject[];
        const kept = subs.filter((s) => !remove.some((r) => same(s, r)));
        found += subs.length - kept.length;
        if (
          kept.length > 0 ||
          b.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] === 'false'
        )
          ctx.api.update({ ...b, subjects: kept }, { user: ctx.user });
        else ctx.api.delete(ROLE_BINDINGS, ctx.namespace, b.metadata.name, { user: ctx.user });
      }
      if (found === 0) throw new CliError(`unable to find target [${targets.join(' ')}]`);
      ctx.print(`${rk.toLowerCase()}.${RBAC}/${role} ${message('removed', targets)}\n`);
      return 0;
    },
  };
}

export const policy: Command = {
  name: 'policy',
  short: 'Manage authorization policy',
  long: 'Manage policy on the cluster\n\n These commands assist in managing policy on the cluster.',
  usage: 'policy [flags]',
  subcommands: [addRole('Group'), addRole('User'), removeRole('Group'), removeRole('User')],
};
