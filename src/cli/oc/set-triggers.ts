/**
 * `oc set triggers` (openshift/oc pkg/cli/set/triggers.go): read a BuildConfig's, DeploymentConfig's or
 * workload's triggers into one definition (config change, image changes, webhooks), change it as the
 * flags say, and write it back in the object's own form (BuildConfig triggers, DeploymentConfig
 * triggers, or the `image.openshift.io/triggers` annotation plus `spec.paused` on Kubernetes workloads).
 * With no flags it prints the NAME TYPE VALUE AUTO table.
 */
import type { ResourceType } from '../../engine/api/kinds';
import type { KObject, StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { tabwrite } from '../printers/tabwriter';
import { apply, type Definition, empty, idOf, ns, read, same, WORKLOADS } from './trigger-definition';

interface Options {
  remove: boolean;
  removeAll: boolean;
  auto: boolean;
  manual: boolean;
  reset: boolean;
  fromConfig: boolean;
  fromImage: string;
  fromImageNamespace: string;
  containers: string;
  hooks: { generic?: boolean; allowEnv?: boolean; github?: boolean; gitlab?: boolean; bitbucket?: boolean };
}

function update(o: Options, t: Definition, secret: () => string): void {
  if (o.removeAll) {
    Object.assign(t, empty());
    return;
  }
  if (o.remove) {
    if (o.fromConfig) t.configChange = false;
    if (o.fromImage) t.imageChange = t.imageChange.filter((x) => x.from !== o.fromImage);
    if (o.hooks.generic || o.hooks.allowEnv) t.generic = [];
    if (o.hooks.github) t.github = [];
    if (o.hooks.gitlab) t.gitlab = [];
    if (o.hooks.bitbucket) t.bitbucket = [];
    return;
  }
  if (o.reset) {
    t.configChange = o.auto;
    for (const im of t.imageChange) im.auto = o.auto;
    return;
  }
  if (o.fromConfig) t.configChange = true;
  if (o.fromImage) {
    const names = o.containers ? o.containers.split(',') : undefined;
    const found = t.imageChange.find((x) => x.from === o.fromImage && x.namespace === o.fromImageNamespace);
    if (found) {
      found.auto = !o.manual;
      found.names = names;
    } else t.imageChange.push({ from: o.fromImage, namespace: o.fromImageNamespace, auto: !o.manual, names });
  }
  if (o.hooks.generic) t.generic.push({ secret: secret(), allowEnv: false });
  if (o.hooks.allowEnv) t.generic.push({ secret: secret(), allowEnv: true });
  if (o.hooks.github) t.github.push({ secret: secret() });
  if (o.hooks.gitlab) t.gitlab.push({ secret: secret() });
  if (o.hooks.bitbucket) t.bitbucket.push({ secret: secret() });
}

function table(rows: { rt: ResourceType; obj: StoredObject; t: Definition }[]): string {
  let text = 'NAME\tTYPE\tVALUE\tAUTO\n';
  for (const { rt, obj, t } of rows) {
    const n = `${rt.plural}/${obj.metadata.name}`;
    text += `${n}\tconfig\t\t${t.configChange}\n`;
    for (const im of t.imageChange) {
      const from = im.namespace ? `${im.namespace}/${im.from}` : im.from;
      text += `${n}\timage\t${im.names?.length ? `${from} (${im.names.join(', ')})` : from}\t${im.auto}\n`;
    }
    for (const g of t.generic) text += `${n}\twebhook\t<secret>${g.allowEnv ? ', allowenv' : ''}\t\n`;
    for (const _ of t.github) text += `${n}\tgithub\t<secret>\t\n`;
    for (const _ of t.gitlab) text += `${n}\tgitlab\t<secret>\t\n`;
    for (const _ of t.bitbucket) text += `${n}\tbitbucket\t<secret>\t\n`;
  }
  return tabwrite(text, { minWidth: 0, padding: 2 });
}

function parseOptions(
  ctx: CommandContext,
  inv: Invocation,
): Options & { count: number; printTable: boolean } {
  const f = inv.flags;
  const hooks: Options['hooks'] = {};
  const count0 = (f.bool('from-config') ? 1 : 0) + (f.str('from-image') ? 1 : 0);
  for (const [flag, key] of [
    ['from-webhook', 'generic'],
    ['from-webhook-allow-env', 'allowEnv'],
    ['from-github', 'github'],
    ['from-gitlab', 'gitlab'],
    ['from-bitbucket', 'bitbucket'],
  ] as const)
    if (f.changed(flag)) hooks[key] = f.bool(flag);
  const count = count0 + Object.keys(hooks).length;
  let fromImage = f.str('from-image');
  let fromImageNamespace = '';
  if (fromImage) {
    if (/^[^/]+\.[^/]+\//.test(fromImage) || fromImage.includes('@'))
      throw new CliError('the value of --from-image must point to an image stream tag on this server');
    if (!fromImage.includes(':'))
      throw new CliError('the value of --from-image must include the tag you wish to pull from');
    const slash = fromImage.indexOf('/');
    if (slash >= 0) {
      fromImageNamespace = ns(fromImage.slice(0, slash), ctx.namespace);
      fromImage = fromImage.slice(slash + 1);
    }
  }
  let auto = f.bool('auto');
  const manual = f.bool('manual');
  const remove = f.bool('remove');
  const removeAll = f.bool('remove-all');
  const reset = count === 0 && (auto || manual);
  const printTable = count === 0 && !remove && !removeAll && !auto && !manual;
  if (!printTable && !removeAll && !auto && !manual) auto = true;
  if (auto && manual) throw new CliError('you must specify at most one of --auto or --manual');
  if (remove && removeAll) throw new CliError('you must specify either --remove or --remove-all');
  if (removeAll && (count !== 0 || f.bool('auto') || manual))
    throw new CliError('--remove-all may not be used with any other flag');
  if (remove && count < 1)
    throw new CliError('--remove requires a flag defining a trigger type to be specified');
  if (count > 1) throw new CliError('you may only set one trigger type at a time');
  return {
    remove,
    removeAll,
    auto,
    manual,
    reset,
    fromConfig: f.bool('from-config'),
    fromImage,
    fromImageNamespace,
    containers: f.str('containers'),
    hooks,
    count,
    printTable,
  };
}

function targets(ctx: CommandContext, args: string[]): { rt: ResourceType; obj: StoredObject }[] {
  if (args.length === 0)
    throw new CliError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  const pairs: [string, string][] = args[0].includes('/')
    ? args.map((a) => [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)])
    : args.slice(1).map((n) => [args[0], n]);
  return pairs.map(([type, name]) => {
    const rt = ctx.engine.kinds.resolve(type);
    if (!rt) throw new CliError(`the server doesn't have a resource type "${type}"`);
    return { rt, obj: ctx.api.get(idOf(rt), ctx.namespace, name) };
  });
}

const FLAGS: Command['flags'] = [
  { name: 'remove', type: 'bool', default: false, usage: 'If true, remove the specified trigger(s).' },
  { name: 'remove-all', type: 'bool', default: false, usage: 'If true, remove all triggers.' },
  {
    name: 'auto',
    type: 'bool',
    default: false,
    usage: 'If true, enable all triggers, or just the specified trigger',
  },
  {
    name: 'manual',
    type: 'bool',
    default: false,
    usage: 'If true, set all triggers to manual, or just the specified trigger',
  },
  {
    name: 'from-config',
    type: 'bool',
    default: false,
    usage: 'If set, configuration changes will result in a change',
  },
  {
    name: 'containers',
    short: 'c',
    type: 'string',
    default: '',
    usage:
      'Comma delimited list of container names this trigger applies to on deployments; defaults to the name of the only container',
  },
  { name: 'from-image', type: 'string', default: '', usage: 'An image stream tag to trigger off of' },
  {
    name: 'from-github',
    type: 'bool',
    default: false,
    usage: 'If true, a GitHub webhook - a secret value will be generated automatically',
  },
  {
    name: 'from-webhook',
    type: 'bool',
    default: false,
    usage: 'If true, a generic webhook - a secret value will be generated automatically',
  },
  {
    name: 'from-webhook-allow-env',
    type: 'bool',
    default: false,
    usage:
      'If true, a generic webhook which can provide environment variables - a secret value will be generated automatically',
  },
  {
    name: 'from-gitlab',
    type: 'bool',
    default: false,
    usage: 'If true, a GitLab webhook - a secret value will be generated automatically',
  },
  {
    name: 'from-bitbucket',
    type: 'bool',
    default: false,
    usage: 'If true, a Bitbucket webhook - a secret value will be generated automatically',
  },
];

export const setTriggers: Command = {
  name: 'set',
  short: 'Update the triggers on one or more objects',
  usage:
    'set triggers RESOURCE/NAME [--from-config|--from-image|--from-github|--from-webhook] [--auto|--manual]',
  flags: FLAGS,
  run(ctx, inv) {
    const args = inv.args[0] === 'triggers' ? inv.args.slice(1) : inv.args;
    const o = parseOptions(ctx, inv);
    const objs = targets(ctx, args);
    const secret = () => ctx.rng.string(20, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    const supported = (id: string) =>
      WORKLOADS.has(id) ||
      id === 'buildconfigs.build.openshift.io' ||
      id === 'deploymentconfigs.apps.openshift.io';
    if (o.printTable) {
      ctx.print(
        table(objs.filter((x) => supported(idOf(x.rt))).map((x) => ({ ...x, t: read(idOf(x.rt), x.obj) }))),
      );
      return 0;
    }
    if (objs.length === 1 && !supported(idOf(objs[0].rt)))
      throw new CliError(`${objs[0].rt.plural}/${objs[0].obj.metadata.name} does not support triggers`);
    const errors: string[] = [];
    for (const { rt, obj } of objs) {
      const id = idOf(rt);
      if (!supported(id)) continue;
      const t = read(id, obj);
      update(o, t, secret);
      let next: KObject;
      try {
        next = apply(id, structuredClone(obj), t);
      } catch (e) {
        errors.push(`error: ${rt.plural}/${obj.metadata.name} ${(e as Error).message}`);
        continue;
      }
      if (same(next, obj)) continue;
      ctx.api.update(next, { user: ctx.user });
      ctx.print(`${rt.singular}${rt.group ? `.${rt.group}` : ''}/${obj.metadata.name} triggers updated\n`);
    }
    if (errors.length) throw new CliError(errors.join('\n').replace(/^error: /, ''));
    return 0;
  },
};
