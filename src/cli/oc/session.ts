/**
 * Who oc talks to the API server as. The installer's kubeconfig (the shell's starting context) is the
 * cluster admin; `oc login` adds a context `<project>/api-<domain>:6443/<user>` holding an OAuth token
 * and makes it current; `oc logout` revokes the token. The identity of the current context is what the
 * shell's commands run as (admission such as the Custom build strategy check sees it).
 */
import type { UserInfo } from '../../engine/api/apiserver';
import type { OpenShiftUsers } from '../../engine/openshift/users';
import { isClusterAdmin } from '../../engine/openshift/users';
import type { CommandContext, ShellState } from '../command';
import { rbacAllows } from '../commands/auth';
import { rawApi } from '../raw-api';
import type { LabShell } from '../shell';
import type { CommandResult } from '../types';

export interface Credential {
  user: UserInfo;
  /** The login name (`kubeadmin` for kube:admin). */
  login: string;
  /** Undefined once logged out. */
  token?: string;
}

interface Session {
  /** The shell's own identity (the installer's kubeconfig). */
  original: UserInfo | undefined;
  /** kubeconfig user entry (`developer/api-lab-kubedojo-local:6443`) → its credential. */
  credentials: Map<string, Credential>;
}

const sessions = new WeakMap<ShellState, Session>();
const shells = new WeakMap<ShellState, LabShell>();

/** Remember which shell a command's state belongs to (runOc calls this on every oc command). */
export function registerShell(shell: LabShell): void {
  shells.set(shell.state, shell);
}

export function shellOf(state: ShellState): LabShell | undefined {
  return shells.get(state);
}

type ShellWithOpts = { opts: { user?: UserInfo } };

export function session(shell: LabShell): Session {
  let s = sessions.get(shell.state);
  if (!s) {
    s = { original: (shell as unknown as ShellWithOpts).opts.user, credentials: new Map() };
    sessions.set(shell.state, s);
  }
  return s;
}

/** The bearer token a kubeconfig user entry holds (`config view --raw`), if `oc login` wrote one. */
export function kubeconfigToken(state: ShellState, userEntry: string): string | undefined {
  return sessions.get(state)?.credentials.get(userEntry)?.token;
}

/** The credential of the current context, if it came from `oc login`. */
export function currentCredential(shell: LabShell): Credential | undefined {
  const c = shell.state.contexts.find((x) => x.name === shell.state.currentContext);
  return c ? session(shell).credentials.get(c.user) : undefined;
}

/** Make the shell's commands run as the current context's identity. */
export function syncIdentity(shell: LabShell): void {
  const cred = currentCredential(shell);
  const s = session(shell);
  const holder = shell as unknown as ShellWithOpts;
  const user = cred ? cred.user : s.original;
  if (holder.opts.user !== user) holder.opts = { ...holder.opts, user };
}

/** True when the current context's token was revoked (every request is then Unauthorized). */
export function loggedOut(shell: LabShell): boolean {
  const cred = currentCredential(shell);
  return cred !== undefined && cred.token === undefined;
}

export function usersOf(ctx: Pick<CommandContext, 'engine'>): OpenShiftUsers | undefined {
  return ctx.engine.services.get('openshift-users') as OpenShiftUsers | undefined;
}

/**
 * The projects a user can see: the namespaces RBAC lets them `get` (the project list is the API server's
 * project authorization cache, which asks exactly that), so every namespace for cluster admins.
 */
export function visibleProjects(ctx: Pick<CommandContext, 'api'>, user: UserInfo | undefined): string[] {
  // The project list is served from the server's authorization cache, not the user's own namespace list.
  const names = rawApi(ctx.api)
    .list('namespaces')
    .map((n) => n.metadata.name)
    .sort();
  if (isClusterAdmin(user) || !user) return names;
  return names.filter((n) => rbacAllows(ctx, user, 'get', '', 'namespaces', '', n, n));
}

const UNAUTHORIZED = 'error: You must be logged in to the server (Unauthorized)\n';

/** Commands that only read the kubeconfig (they work with a revoked token). */
function clientSide(words: string[], program: 'oc' | 'kubectl'): boolean {
  const name = words.find((w) => !w.startsWith('-'));
  if (!name || words.some((w) => w === '-h' || w === '--help')) return true;
  if (name === 'config' || (program === 'oc' && (name === 'login' || name === 'logout'))) return true;
  // `oc whoami --show-server/--show-context/-c` read the kubeconfig before asking the server.
  return (
    program === 'oc' &&
    name === 'whoami' &&
    words.some((w) => w === '--show-server' || w === '--show-context' || w === '-c')
  );
}

/**
 * kubectl reads the same kubeconfig as oc: it runs as the current context's identity, and with the
 * token `oc logout` revoked every request is a 401.
 */
export function kubeconfigGate(
  shell: LabShell,
  words: string[],
  program: 'oc' | 'kubectl',
): CommandResult | undefined {
  registerShell(shell);
  syncIdentity(shell);
  if (!loggedOut(shell) || clientSide(words, program)) return undefined;
  return { output: UNAUTHORIZED, exitCode: 1 };
}
