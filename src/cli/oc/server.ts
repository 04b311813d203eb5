/** The lab cluster's API server URL and current user as oc names them. */
import type { CommandContext } from '../command';

/** `https://api.lab.kubedojo.local:6443`: the API host sits next to the apps domain. */
export function serverUrl(ctx: Pick<CommandContext, 'engine'>): string {
  return `https://${ctx.engine.config.appsDomain.replace(/^apps\./, 'api.')}:6443`;
}

/** `kube:admin`, the user the installer logs in as, unless the shell runs as someone else. */
export function currentUser(ctx: Pick<CommandContext, 'user'>): string {
  const name = ctx.user?.username;
  return !name || name === 'kubernetes-admin' ? 'kube:admin' : name;
}

/** Point the current context at `namespace` (what `oc project` and `oc new-project` change). */
export function switchNamespace(ctx: CommandContext, namespace: string): void {
  const c = ctx.state.contexts.find((x) => x.name === ctx.state.currentContext);
  if (!c) return;
  // A context `oc login` wrote (`<project>/<server>/<user>`): oc switches to the one named for the project.
  const m = /^[^/]*\/([^/]+\/[^/]+)$/.exec(c.name);
  if (!m) {
    c.namespace = namespace;
    return;
  }
  const name = `${namespace}/${m[1]}`;
  const others = ctx.state.contexts.filter((x) => x.name !== name);
  const next = [...others, { ...c, name, namespace }];
  ctx.state.contexts.splice(0, ctx.state.contexts.length, ...next);
  ctx.state.currentContext = name;
}
