/** `oc new-project`, `oc project`, `oc projects`, `oc whoami`, in oc's words. */
import { StatusError } from '../../engine/api/errors';
import type { Command, CommandContext } from '../command';
import { CliError, usageError } from '../errors';
import { rawApi } from '../raw-api';
import { currentUser, serverUrl, switchNamespace } from './server';
import { currentCredential, shellOf, visibleProjects } from './session';

const PROJECTS = 'projects.project.openshift.io';

function currentProject(ctx: CommandContext): string {
  return ctx.state.contexts.find((x) => x.name === ctx.state.currentContext)?.namespace || 'default';
}

export const newProject: Command = {
  name: 'new-project',
  short: 'Request a new project',
  usage: 'new-project NAME [--display-name=DISPLAYNAME] [--description=DESCRIPTION]',
  flags: [
    { name: 'display-name', type: 'string', default: '', usage: 'Project display name' },
    { name: 'description', type: 'string', default: '', usage: 'Project description' },
    { name: 'skip-config-write', type: 'bool', default: false, usage: 'Do not switch to the new project' },
  ],
  run(ctx, inv) {
    const [name] = inv.args;
    if (!name || inv.args.length > 1) throw usageError(inv.path, 'must have exactly one argument');
    // A ProjectRequest (every authenticated user may make one: self-provisioner) is carried out by the
    // server's project request handler with its own rights, not the requester's.
    const api = rawApi(ctx.api);
    if (api.tryGet('namespaces', undefined, name) || api.tryGet(PROJECTS, undefined, name)) {
      throw new StatusError(409, 'AlreadyExists', `project.project.openshift.io "${name}" already exists`);
    }
    const annotations: Record<string, string> = { 'openshift.io/requester': currentUser(ctx) };
    if (inv.flags.str('display-name'))
      annotations['openshift.io/display-name'] = inv.flags.str('display-name');
    if (inv.flags.str('description')) annotations['openshift.io/description'] = inv.flags.str('description');
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations } }, { user: ctx.user });
    // The Project is the API's view of the Namespace: visible at once, as the project API answers.
    api.create(
      {
        apiVersion: 'project.openshift.io/v1',
        kind: 'Project',
        metadata: { name, annotations },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      { internal: true },
    );
    // The project request template makes the requester the project's admin.
    api.create(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'admin', namespace: name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: currentUser(ctx) }],
      },
      { internal: true },
    );
    if (inv.flags.bool('skip-config-write')) return 0;
    switchNamespace(ctx, name);
    ctx.print(
      `Now using project "${name}" on server "${serverUrl(ctx)}".\n\n` +
        "You can add applications to this project with the 'new-app' command. For example, try:\n\n" +
        '    oc new-app rails-postgresql-example\n\n' +
        'to build a new example application in Ruby. Or use kubectl to deploy a simple Kubernetes application:\n\n' +
        '    kubectl create deployment hello-node --image=registry.k8s.io/e2e-test-images/agnhost:2.43 -- /agnhost serve-hostname\n\n',
    );
    return 0;
  },
};

export const project: Command = {
  name: 'project',
  short: 'Switch to another project',
  usage: 'project [NAME]',
  flags: [
    {
      name: 'short',
      short: 'q',
      type: 'bool',
      default: false,
      usage: 'If true, display only the project name',
    },
  ],
  run(ctx, inv) {
    const cur = currentProject(ctx);
    const [name] = inv.args;
    if (!name) {
      if (inv.flags.bool('short')) ctx.print(`${cur}\n`);
      else ctx.print(`${usingProject(ctx, cur)}\n`);
      return 0;
    }
    // The project API answers from the server's view: a project the user cannot see is "not a member".
    const exists = rawApi(ctx.api).tryGet('namespaces', undefined, name) !== undefined;
    if (exists && !visibleProjects(ctx, ctx.user).includes(name)) {
      throw new CliError(`You are not a member of project "${name}".\n${projectList(ctx)}`);
    }
    if (!exists) {
      throw new CliError(
        `A project named "${name}" does not exist on "${serverUrl(ctx)}".\n${projectList(ctx)}`,
      );
    }
    if (name === cur) {
      ctx.print(`Already on project "${name}" on server "${serverUrl(ctx)}".\n`);
      return 0;
    }
    switchNamespace(ctx, name);
    ctx.print(`Now using project "${name}" on server "${serverUrl(ctx)}".\n`);
    return 0;
  },
};

function projectList(ctx: CommandContext): string {
  const names = visibleProjects(ctx, ctx.user);
  if (names.length === 0)
    return "You are not a member of any projects. You can request a project to be created with the 'new-project' command.";
  return `Your projects are:\n${names.map((n) => `* ${withDisplay(ctx, n)}\n`).join('')}To see projects on another server, pass '--server=<server>'.`;
}

/** DisplayNameForProject: the display name when there is one, else the name. */
function displayName(ctx: CommandContext, name: string): string {
  const ns = ctx.api.tryGet('namespaces', undefined, name);
  return ns?.metadata.annotations?.['openshift.io/display-name'] || name;
}

function withDisplay(ctx: CommandContext, name: string): string {
  const display = ctx.api.tryGet('namespaces', undefined, name)?.metadata.annotations?.[
    'openshift.io/display-name'
  ];
  return display && display !== name ? `${name} - ${display}` : name;
}

export const projects: Command = {
  name: 'projects',
  short: 'Display existing projects',
  usage: 'projects',
  flags: [
    {
      name: 'short',
      short: 'q',
      type: 'bool',
      default: false,
      usage: 'If true, display only the project names',
    },
  ],
  run(ctx, inv) {
    if (inv.args.length) throw new CliError('no arguments should be passed');
    const cur = currentProject(ctx);
    const names = visibleProjects(ctx, ctx.user);
    const short = inv.flags.bool('short');
    const hasCurrent = names.includes(cur);
    let msg = '';
    if (names.length === 0) {
      if (!short)
        msg =
          "You are not a member of any projects. You can request a project to be created with the 'new-project' command.";
    } else if (names.length === 1) {
      msg = short ? names[0] : `You have one project on this server: "${displayName(ctx, names[0])}".`;
    } else {
      // oc never fills in its command name here: the hint really reads "with ' project <projectname>'".
      if (!short)
        msg =
          "You have access to the following projects and can switch between them with ' project <projectname>':\n";
      names.forEach((n, i) => {
        const mark = hasCurrent && !short ? (n === cur ? '  * ' : '    ') : '';
        msg += `${short && i === 0 ? '' : '\n'}${mark}${short ? n : withDisplay(ctx, n)}`;
      });
    }
    ctx.print(`${msg}\n`);
    if (names.length > 0 && !short && hasCurrent) ctx.print(`\n${usingProject(ctx, cur)}\n`);
    return 0;
  },
};

/** `Using project "x" on server "..."`, naming the context when it is not the one oc would have named. */
export function usingProject(ctx: CommandContext, project: string): string {
  const c = ctx.state.contexts.find((x) => x.name === ctx.state.currentContext);
  const nickname = c ? `${c.namespace ?? ''}/${c.cluster}/${c.user.split('/')[0]}` : '';
  return ctx.state.currentContext === nickname
    ? `Using project "${project}" on server "${serverUrl(ctx)}".`
    : `Using project "${project}" from context named "${ctx.state.currentContext}" on server "${serverUrl(ctx)}".`;
}

export const whoami: Command = {
  name: 'whoami',
  short: 'Return information about the current session',
  usage: 'whoami [flags]',
  flags: [
    {
      name: 'show-server',
      type: 'bool',
      default: false,
      usage: "If true, print the current server's REST API URL",
    },
    {
      name: 'show-context',
      short: 'c',
      type: 'bool',
      default: false,
      usage: 'Print the current user context name',
    },
    {
      name: 'show-console',
      type: 'bool',
      default: false,
      usage: "If true, print the current server's web console URL",
    },
    {
      name: 'show-token',
      short: 't',
      type: 'bool',
      default: false,
      usage:
        'Print the token the current session is using. This will return an error if you are using a different form of authentication.',
    },
  ],
  run(ctx, inv) {
    const shell = shellOf(ctx.state);
    const cred = shell ? currentCredential(shell) : undefined;
    if (inv.flags.bool('show-token')) {
      if (!cred?.token) throw new CliError('no token is currently in use for this session');
      ctx.print(`${cred.token}\n`);
    } else if (inv.flags.bool('show-server')) ctx.print(`${serverUrl(ctx)}\n`);
    else if (inv.flags.bool('show-console'))
      ctx.print(`https://console-openshift-console.${ctx.engine.config.appsDomain}\n`);
    else if (inv.flags.bool('show-context')) ctx.print(`${ctx.state.currentContext}\n`);
    else ctx.print(`${currentUser(ctx)}\n`);
    return 0;
  },
};
