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

type Any = any;

interface ImageTrigger {
  auto: boolean;
  from: string;
  /** Empty when it is the object's own namespace. */
  namespace: string;
  names?: string[];
}

interface Webhook {
  secret?: string;
  secretReference?: { name: string };
  allowEnv?: boolean;
}

interface Definition {
  configChange: boolean;
  imageChange: ImageTrigger[];
  generic: Webhook[];
  github: Webhook[];
  gitlab: Webhook[];
  bitbucket: Webhook[];
}

const empty = (): Definition => ({
  configChange: false,
  imageChange: [],
  generic: [],
  github: [],
  gitlab: [],
  bitbucket: [],
});
const ns = (n: string | undefined, own: string) => (!n || n === own ? '' : n);
const WORKLOADS = new Set(['deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'cronjobs.batch']);
const HOOKS = { generic: 'Generic', github: 'GitHub', gitlab: 'GitLab', bitbucket: 'Bitbucket' } as const;

function idOf(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** The builder image the strategy uses, when it is an ImageStreamTag (the implicit image trigger). */
function strategyTrigger(bc: Any): ImageTrigger | undefined {
  const s = bc.spec?.strategy ?? {};
  const from = (s.sourceStrategy ?? s.dockerStrategy ?? s.customStrategy)?.from;
  return from?.kind === 'ImageStreamTag'
    ? { auto: false, from: from.name, namespace: ns(from.namespace, bc.metadata.namespace) }
    : undefined;
}

function podSpecOf(obj: Any): Any {
  return obj.spec?.jobTemplate?.spec?.template?.spec ?? obj.spec?.template?.spec ?? {};
}

function read(id: string, obj: Any): Definition {
  const t = empty();
  const own = obj.metadata.namespace;
  if (id === 'deploymentconfigs.apps.openshift.io') {
    for (const tr of obj.spec?.triggers ?? []) {
      if (tr.type === 'ConfigChange') t.configChange = true;
      else if (tr.type === 'ImageChange')
        t.imageChange.push({
          auto: !!tr.imageChangeParams?.automatic,
          names: tr.imageChangeParams?.containerNames,
          from: tr.imageChangeParams?.from?.name ?? '',
          namespace: ns(tr.imageChangeParams?.from?.namespace, own),
        });
    }
  } else if (id === 'buildconfigs.build.openshift.io') {
    let setStrategy = false;
    for (const tr of obj.spec?.triggers ?? []) {
      if (tr.type === 'ConfigChange') t.configChange = true;
      else if (tr.type === 'ImageChange') {
        const st = strategyTrigger(obj);
        if (!tr.imageChange?.from) {
          if (st) {
            setStrategy = true;
            t.imageChange.push({ ...st, auto: true });
          }
          continue;
        }
        t.imageChange.push({
          auto: true,
          from: tr.imageChange.from.name,
          namespace: ns(tr.imageChange.from.namespace, own),
        });
      } else {
        const key = (Object.keys(HOOKS) as (keyof typeof HOOKS)[]).find((k) => HOOKS[k] === tr.type);
        if (key) t[key].push({ ...(tr[key] ?? {}) });
      }
    }
    const st = strategyTrigger(obj);
    if (!setStrategy && st) t.imageChange.push(st);
  } else {
    t.configChange = id === 'deployments.apps' ? !obj.spec?.paused : true;
    let raw: Any[] = [];
    try {
      raw = JSON.parse(obj.metadata.annotations?.['image.openshift.io/triggers'] ?? '[]') ?? [];
    } catch {
      raw = [];
    }
    const containers: Any[] = podSpecOf(obj).containers ?? [];
    for (const tr of raw) {
      const m = /containers\[\?\(@\.name=="([^"]+)"\)\]\.image$/.exec(tr.fieldPath ?? '');
      const i = /containers\[(\d+)\]\.image$/.exec(tr.fieldPath ?? '');
      const name = m ? m[1] : i ? containers[Number(i[1])]?.name : undefined;
      if (!name) continue;
      t.imageChange.push({
        auto: !tr.paused,
        names: [name],
        from: tr.from?.name ?? '',
        namespace: ns(tr.from?.namespace, own),
      });
    }
  }
  return t;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function containerNames(obj: Any): string[] {
  const spec = podSpecOf(obj);
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: Any) => c.name).sort();
}

function checkNames(obj: Any, t: ImageTrigger): void {
  if (!t.names?.length) throw new Error('you must specify --containers when setting --from-image');
  const all = containerNames(obj);
  const missing = [...new Set(t.names.filter((n) => !all.includes(n)))].sort();
  if (missing.length)
    throw new Error(
      `not all container names exist: ${missing.join(', ')} (accepts: ${[...new Set(all)].join(', ')})`,
    );
}

/** Write the definition back; returns the changed object (or throws the message oc reports). */
function apply(id: string, obj: Any, t: Definition): KObject {
  const own = obj.metadata.namespace;
  if (id === 'deploymentconfigs.apps.openshift.io') {
    for (const [k, what] of [
      ['github', 'GitHub web hooks'],
      ['generic', 'web hooks'],
      ['gitlab', 'GitLab web hooks'],
      ['bitbucket', 'Bitbucket web hooks'],
    ] as const)
      if (t[k].length) throw new Error(`deployment configs do not support ${what}`);
    const existing = (obj.spec?.triggers ?? []).filter((x: Any) => x.type !== 'ConfigChange');
    const next: Any[] = t.configChange ? [{ type: 'ConfigChange' }] : [];
    for (const im of t.imageChange) {
      checkNames(obj, im);
      next.push({
        type: 'ImageChange',
        imageChangeParams: {
          automatic: im.auto,
          from: {
            kind: 'ImageStreamTag',
            name: im.from,
            ...(im.namespace ? { namespace: im.namespace } : {}),
          },
          containerNames: im.names,
        },
      });
    }
    const merged = [
      ...existing.filter((e: Any) => next.some((n) => same(n, e))),
      ...next.filter((n) => !existing.some((e: Any) => same(e, n))),
    ];
    return { ...obj, spec: { ...obj.spec, triggers: merged } };
  }
  if (id === 'buildconfigs.build.openshift.io') {
    const next: Any[] = t.configChange ? [{ type: 'ConfigChange' }] : [];
    for (const k of ['generic', 'github', 'gitlab', 'bitbucket'] as const)
      for (const h of t[k]) next.push({ type: HOOKS[k], [k]: h });
    let existing: Any[] = obj.spec?.triggers ?? [];
    const st = strategyTrigger(obj);
    for (const im of t.imageChange) {
      const isStrategy = !!st && st.from === im.from && st.namespace === im.namespace;
      if (!im.auto) {
        existing = existing.filter((e) => {
          const ic = e.imageChange;
          if (e.type !== 'ImageChange' || !ic) return true;
          if (!ic.from) return !isStrategy;
          return !(ic.from.name === im.from && ns(ic.from.namespace, own) === im.namespace);
        });
        continue;
      }
      next.push({
        type: 'ImageChange',
        imageChange: isStrategy
          ? {}
          : {
              from: {
                kind: 'ImageStreamTag',
                name: im.from,
                ...(im.namespace ? { namespace: im.namespace } : {}),
              },
            },
      });
    }
    // Image triggers compare by their `from` only (lastTriggeredImageID and the like are kept).
    const key = (x: Any) =>
      JSON.stringify(x.type === 'ImageChange' ? { type: x.type, from: x.imageChange?.from ?? null } : x);
    const merged = [
      ...existing.filter((e) => next.some((n) => key(n) === key(e))),
      ...next.filter((n) => !existing.some((e) => key(e) === key(n))),
    ];
    return { ...obj, spec: { ...obj.spec, triggers: merged } };
  }
  for (const [k, what] of [
    ['github', 'GitHub web hooks'],
    ['generic', 'web hooks'],
    ['gitlab', 'GitLab web hooks'],
    ['bitbucket', 'Bitbucket web hooks'],
  ] as const)
    if (t[k].length) throw new Error(`does not support ${what}`);
  const seen = new Set<string>();
  const out: Any[] = [];
  const path = obj.spec?.jobTemplate ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec';
  for (const im of t.imageChange) {
    checkNames(obj, im);
    const dup = (im.names ?? []).filter((n) => seen.has(n));
    if (dup.length) throw new Error(`only one trigger may reference each container: ${dup.join(', ')}`);
    for (const n of im.names ?? []) {
      seen.add(n);
      out.push({
        from: {
          kind: 'ImageStreamTag',
          name: im.from,
          ...(im.namespace && im.namespace !== own ? { namespace: im.namespace } : {}),
        },
        fieldPath: `${path}.containers[?(@.name=="${n}")].image`,
        ...(im.auto ? {} : { paused: true }),
      });
    }
  }
  const annotations = {
    ...(obj.metadata.annotations ?? {}),
    'image.openshift.io/triggers': out.length ? JSON.stringify(out) : 'null',
  };
  // Deployments pause when the config change trigger goes away (oc's Apply sets spec.paused).
  const spec = { ...obj.spec };
  if (id === 'deployments.apps') {
    if (t.configChange) delete spec.paused;
    else spec.paused = true;
  }
  return { ...obj, metadata: { ...obj.metadata, annotations }, spec };
}

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
