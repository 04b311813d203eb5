/** `oc login` and `oc logout` against the lab cluster's identity provider, in oc's words. */
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { serverUrl } from './server';
import {
  type Credential,
  currentCredential,
  session,
  shellOf,
  syncIdentity,
  usersOf,
  visibleProjects,
} from './session';

const SUPPRESS_THRESHOLD = 50;

class LoginFailed extends CliError {
  constructor() {
    // oc prints this itself (not as `error: ...`) and exits 1.
    super('Login failed (401 Unauthorized)\nVerify you have provided the correct credentials.', 1, true);
  }
}

/** `api-lab-kubedojo-local:6443`: how oc names the server in kubeconfig entries. */
function serverKey(ctx: CommandContext): string {
  return serverUrl(ctx)
    .replace(/^https:\/\//, '')
    .replace(/\./g, '-');
}

/** gatherProjectInfo: which project the new session uses, and what oc says about it. */
function projectInfo(
  ctx: CommandContext,
  cred: Credential,
  current: string | undefined,
): { text: string; project?: string } {
  const projects = visibleProjects(ctx, cred.user);
  if (projects.length === 0)
    return {
      text: "You don't have any projects. You can try to create a new project, by running\n\n    oc new-project <projectname>\n\n",
    };
  if (projects.length === 1)
    return {
      text: `You have one project on this server: "${projects[0]}"\n\nUsing project "${projects[0]}".\n`,
      project: projects[0],
    };
  let project = current && projects.includes(current) ? current : undefined;
  project ??= projects.includes('default') ? 'default' : projects[0];
  const list =
    projects.length > SUPPRESS_THRESHOLD
      ? `You have access to ${projects.length} projects, the list has been suppressed. You can list all projects with 'oc projects'\n\n`
      : "You have access to the following projects and can switch between them with 'oc project <projectname>':\n\n" +
        projects.map((p) => (p === project ? `  * ${p}\n` : `    ${p}\n`)).join('') +
        '\n';
  return { text: `${list}Using project "${project}".\n`, project };
}

export const login: Command = {
  name: 'login',
  short: 'Log in to a server',
  usage: 'login [URL] [flags]',
  examples: `  # Log in interactively
  oc login --username=myuser

  # Log in to the given server with the given credentials (will not prompt interactively)
  oc login localhost:8443 --username=myuser --password=mypass

  # Log in using a bearer token
  oc login --token=sha256~...`,
  flags: [
    { name: 'username', short: 'u', type: 'string', default: '', usage: 'Username for server' },
    { name: 'password', short: 'p', type: 'string', default: '', usage: 'Password for server' },
    {
      name: 'token',
      type: 'string',
      default: '',
      usage: 'Bearer token for authentication to the API server',
    },
    {
      name: 'server',
      short: 's',
      type: 'string',
      default: '',
      usage: 'The address and port of the Kubernetes API server',
    },
    {
      name: 'insecure-skip-tls-verify',
      type: 'bool',
      default: false,
      usage: "If true, the server's certificate will not be checked for validity.",
    },
  ],
  run(ctx, inv) {
    const shell = shellOf(ctx.state);
    const users = usersOf(ctx);
    if (!shell || !users) throw new CliError('the server is not an OpenShift cluster');
    const server = inv.args[0] ?? inv.flags.str('server');
    const url = serverUrl(ctx);
    if (server && server.replace(/^https:\/\//, '').replace(/\/$/, '') !== url.replace(/^https:\/\//, '')) {
      const host = server.replace(/^https?:\/\//, '').replace(/:\d+.*$/, '');
      throw new CliError(
        `dial tcp: lookup ${host} on 172.30.0.10:53: no such host - verify you have provided the correct host and port and that the server is currently running.`,
      );
    }
    let out = '';
    if (inv.flags.bool('insecure-skip-tls-verify'))
      out += 'WARNING: Using insecure TLS client config. Setting this option is not supported!\n\n';
    const s = session(shell);
    const key = serverKey(ctx);
    let cred: Credential | undefined;
    const token = inv.flags.str('token');
    const username = inv.flags.str('username');
    const password = inv.flags.str('password');
    if (token) {
      const u = users.tokenUser(token);
      if (!u) throw new CliError('The token provided is invalid or expired.\n\n');
      cred = { user: u.user, login: u.login, token };
      out += `Logged into "${url}" as "${u.user.username}" using the token provided.\n\n`;
    } else if (username && !password) {
      // Reuse a token this kubeconfig already holds for that user.
      const existing = s.credentials.get(`${users.get(username)?.user.username ?? username}/${key}`);
      if (!existing?.token) {
        ctx.print(out);
        throw new LoginFailed();
      }
      cred = existing;
      out += `Logged into "${url}" as "${existing.user.username}" using existing credentials.\n\n`;
    } else {
      const u = username ? users.authenticate(username, password) : undefined;
      if (!u) {
        ctx.print(out);
        throw new LoginFailed();
      }
      cred = { user: u.user, login: u.login, token: users.issueToken(u.login, ctx.rng) };
      out += 'Login successful.\n\n';
    }
    const current = ctx.state.contexts.find((c) => c.name === ctx.state.currentContext)?.namespace;
    const info = projectInfo(ctx, cred, current);
    out += info.text;
    const userEntry = `${cred.user.username}/${key}`;
    s.credentials.set(userEntry, cred);
    const name = `${info.project ?? ''}/${key}/${cred.user.username}`;
    const contexts = ctx.state.contexts.filter((c) => c.name !== name);
    contexts.push({
      name,
      cluster: key,
      user: userEntry,
      ...(info.project ? { namespace: info.project } : {}),
    });
    ctx.state.contexts.splice(0, ctx.state.contexts.length, ...contexts);
    ctx.state.currentContext = name;
    syncIdentity(shell);
    ctx.print(out);
    return 0;
  },
};

export const logout: Command = {
  name: 'logout',
  short: 'End the current server session',
  usage: 'logout [flags]',
  examples: '  # Log out\n  oc logout',
  run(ctx) {
    const shell = shellOf(ctx.state);
    const users = usersOf(ctx);
    const cred = shell ? currentCredential(shell) : undefined;
    if (!shell || !users || !cred?.token) throw new CliError('You must have a token in order to logout.');
    users.revoke(cred.token);
    cred.token = undefined;
    ctx.print(`Logged "${cred.user.username}" out on "${serverUrl(ctx)}"\n`);
    return 0;
  },
};
