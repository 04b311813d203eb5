/** `kubectl set image|env|resources`: edit the pod template of a workload (or a pod's spec). */
import type { ResourceType } from '../../engine/api/kinds';
import type { KObject, StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { objectRef } from '../resources';
import { selectObjects } from '../select';
import { dryRunSuffix, parseDryRun } from '../write';

interface PodSpecLike {
  containers?: Record<string, any>[];
  initContainers?: Record<string, any>[];
}

/** Where the pod spec lives for each kind (a CronJob's is two templates deep). */
function podSpecPath(obj: KObject): string[] | undefined {
  switch (obj.kind) {
    case 'Pod':
      return ['spec'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'ReplicationController':
      return ['spec', 'template', 'spec'];
    default:
      return undefined;
  }
}

/** A copy of `obj` with its pod spec replaced by `fn(podSpec)`. */
function withPodSpec(obj: StoredObject, fn: (spec: PodSpecLike) => PodSpecLike): KObject {
  const path = podSpecPath(obj);
  if (!path)
    throw new CliError(`${obj.kind.toLowerCase()}s "${obj.metadata.name}" does not have a pod template`);
  const copy = structuredClone(obj) as KObject;
  let parent: Record<string, any> = copy;
  for (const p of path.slice(0, -1)) {
    parent[p] ??= {};
    parent = parent[p];
  }
  const last = path[path.length - 1];
  parent[last] = fn(parent[last] ?? {});
  return copy;
}

/** Common driver: select targets, transform, write, print `<ref> <verb>`. */
function updateEach(
  ctx: CommandContext,
  inv: Invocation,
  resources: string[],
  verb: string,
  transform: (obj: StoredObject, rt: ResourceType) => KObject | undefined,
): number {
  const dryRun = parseDryRun(inv.flags.str('dry-run'));
  const filenames = inv.flags.list('filename');
  if (resources.length === 0 && !filenames.length) {
    throw new CliError(
      `one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee '${inv.path} -h' for help and examples`,
    );
  }
  const bulk = inv.flags.bool('all') || !!inv.flags.str('selector');
  if (resources.length === 1 && !resources[0].includes('/') && !bulk && !filenames.length) {
    throw new CliError('resource(s) were provided, but no name was specified');
  }
  const { groups, errors } = selectObjects(ctx, resources, {
    selector: inv.flags.str('selector'),
    filenames,
  });
  for (const g of groups) {
    for (const obj of g.objects) {
      try {
        const next = transform(obj, g.rt);
        if (!next) continue;
        ctx.api.update(next, { dryRun: dryRun !== 'none', user: ctx.user });
        ctx.print(`${objectRef(g.rt, obj.metadata.name)} ${verb}${dryRunSuffix(dryRun)}\n`);
      } catch (err) {
        errors.push(err);
      }
    }
  }
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 1;
  }
  return 0;
}

const COMMON = [
  F.all,
  F.selector,
  F.filename('identifying the resource to get from a server.'),
  F.recursive,
  F.dryRun,
  F.output,
  F.fieldManager,
];

const setImage: Command = {
  name: 'image',
  short: 'Update the image of a pod template',
  long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  examples: `  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kubectl set image deployments,rc nginx=nginx:1.9.1 --all

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1`,
  usage:
    'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  completion: 'types',
  flags: COMMON,
  run(ctx, inv) {
    const resources = inv.args.filter((a) => !a.includes('='));
    const pairs = inv.args
      .filter((a) => a.includes('='))
      .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as const);
    if (pairs.length === 0)
      throw new CliError(`at least one image update is required\nSee '${inv.path} -h' for help and examples`);
    return updateEach(ctx, inv, resources, 'image updated', (obj) =>
      withPodSpec(obj, (spec) => {
        const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
        for (const [name] of pairs) {
          if (name !== '*' && !all.some((c) => c.name === name))
            throw new CliError(`unable to find container named "${name}"`);
        }
        const update = (list: Record<string, any>[] | undefined) =>
          list?.map((c) => {
            const hit = pairs.find(([n]) => n === c.name || n === '*');
            return hit ? { ...c, image: hit[1] } : c;
          });
        return {
          ...spec,
          containers: update(spec.containers),
          ...(spec.initContainers ? { initContainers: update(spec.initContainers) } : {}),
        };
      }),
    );
  },
};

const setEnv: Command = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  long: `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment
variable definitions in one or more pod templates (within replication controllers or deployment configurations).`,
  examples: `  # Update deployment 'registry' with a new environment variable
  kubectl set env deployment/registry STORAGE_DIR=/local

  # List the environment variables defined on a deployments 'sample-build'
  kubectl set env deployment/sample-build --list

  # Import environment from a config map with a prefix
  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

  # Remove the environment variable ENV from container 'c1' in all deployment configs
  kubectl set env deployments --all --containers="c1" ENV-`,
  usage: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  completion: 'types',
  flags: [
    ...COMMON,
    {
      name: 'containers',
      short: 'c',
      type: 'string',
      default: '*',
      usage: 'The names of containers in the selected pod templates to change - may use wildcards',
    },
    {
      name: 'env',
      short: 'e',
      type: 'stringArray',
      usage: 'Specify a key-value pair for an environment variable to set into each container.',
    },
    {
      name: 'list',
      type: 'bool',
      usage:
        'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
    },
    {
      name: 'from',
      type: 'string',
      usage: 'The name of a resource from which to inject environment variables',
    },
    { name: 'prefix', type: 'string', usage: 'Prefix to append to variable names' },
    {
      name: 'overwrite',
      type: 'bool',
      default: true,
      usage:
        'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
    },
  ],
  run(ctx, inv) {
    const envArgs = [
      ...inv.args.filter((a) => a.includes('=') || /^[A-Za-z_][A-Za-z0-9_.-]*-$/.test(a)),
      ...inv.flags.list('env'),
    ];
    const resources = inv.args.filter((a) => !envArgs.includes(a));
    const set = envArgs
      .filter((a) => a.includes('='))
      .map((a) => ({ name: a.slice(0, a.indexOf('=')), value: a.slice(a.indexOf('=') + 1) }));
    const remove = envArgs.filter((a) => !a.includes('=')).map((a) => a.slice(0, -1));
    const containers = inv.flags.str('containers');
    const matchesContainer = (n: string) => containers === '*' || containers.split(',').includes(n);
    if (inv.flags.bool('list')) {
      const { groups, errors } = selectObjects(ctx, resources, { selector: inv.flags.str('selector') });
      for (const g of groups) {
        for (const obj of g.objects) {
          const path = podSpecPath(obj) ?? ['spec'];
          let spec: any = obj;
          for (const p of path) spec = spec?.[p];
          for (const c of (spec?.containers ?? []) as Record<string, any>[]) {
            if (!matchesContainer(c.name)) continue;
            ctx.print(`# ${g.rt.plural} ${obj.metadata.name}, container ${c.name}\n`);
            for (const e of c.env ?? [])
              ctx.print(
                e.valueFrom
                  ? `# ${e.name} from ${Object.keys(e.valueFrom)[0]}\n`
                  : `${e.name}=${e.value ?? ''}\n`,
              );
          }
        }
      }
      if (errors.length) {
        ctx.print(formatErrors(errors));
        return 1;
      }
      return 0;
    }
    const from = inv.flags.str('from');
    const prefix = inv.flags.str('prefix');
    if (from) {
      const m = /^(configmap|cm|secret)s?\/(.+)$/.exec(from);
      if (!m) throw new CliError(`unsupported resource specified in --from`);
      const isCm = m[1] !== 'secret';
      const src = ctx.api.get(isCm ? 'configmaps' : 'secrets', ctx.namespace, m[2]);
      for (const key of Object.keys(src.data ?? {}).sort()) {
        const envName = `${prefix}${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
        set.push({
          name: envName,
          valueFrom: { [isCm ? 'configMapKeyRef' : 'secretKeyRef']: { key, name: m[2] } },
        } as never);
      }
    }
    if (set.length === 0 && remove.length === 0)
      throw new CliError(
        `at least one environment variable must be provided\nSee '${inv.path} -h' for help and examples`,
      );
    return updateEach(ctx, inv, resources, 'env updated', (obj) => {
      let changed = false;
      const next = withPodSpec(obj, (spec) => ({
        ...spec,
        containers: spec.containers?.map((c) => {
          if (!matchesContainer(c.name)) return c;
          let env: Record<string, any>[] = [...(c.env ?? [])].filter((e) => !remove.includes(e.name));
          for (const s of set) {
            const i = env.findIndex((e) => e.name === s.name);
            if (i >= 0) env[i] = s;
            else env = [...env, s];
          }
          if (JSON.stringify(env) !== JSON.stringify(c.env ?? [])) changed = true;
          const out: Record<string, any> = { ...c, env };
          if (env.length === 0) delete out.env;
          return out;
        }),
      }));
      return changed ? next : undefined;
    });
  },
};

function parseResourceList(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new CliError(`invalid ${flag} value: ${part}`);
    const name = part.slice(0, i);
    if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name.includes('/'))
      throw new CliError(`invalid resource name "${name}"`);
    out[name] = part.slice(i + 1);
  }
  return out;
}

const setResources: Command = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  long: `Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..`,
  examples: `  # Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
  kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

  # Set the resource request and limits for all containers in nginx
  kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

  # Remove the resource requests for resources on containers in nginx
  kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0`,
  usage: 'set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  completion: 'types',
  flags: [
    ...COMMON,
    {
      name: 'containers',
      short: 'c',
      type: 'string',
      default: '*',
      usage:
        'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards',
    },
    {
      name: 'limits',
      type: 'string',
      usage:
        "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.",
    },
    {
      name: 'requests',
      type: 'string',
      usage:
        "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.",
    },
  ],
  run(ctx, inv) {
    const limits = parseResourceList(inv.flags.str('limits'), 'limits');
    const requests = parseResourceList(inv.flags.str('requests'), 'requests');
    if (!Object.keys(limits).length && !Object.keys(requests).length) {
      throw new CliError(
        `you must specify an update to requests or limits (in the form of --requests/--limits)\nSee '${inv.path} -h' for help and examples`,
      );
    }
    const containers = inv.flags.str('containers');
    const pick = (n: string) => containers === '*' || containers.split(',').includes(n);
    return updateEach(ctx, inv, inv.args, 'resource requirements updated', (obj) =>
      withPodSpec(obj, (spec) => {
        if (!spec.containers?.some((c) => pick(c.name)))
          throw new CliError(`unable to find container named ${containers}`);
        return {
          ...spec,
          containers: spec.containers?.map((c) => {
            if (!pick(c.name)) return c;
            const res = { ...(c.resources ?? {}) };
            const merge = (cur: Record<string, string> | undefined, add: Record<string, string>) => {
              const out = { ...(cur ?? {}), ...add };
              for (const [k, v] of Object.entries(out)) if (v === '0') delete out[k];
              return out;
            };
            if (Object.keys(limits).length) res.limits = merge(res.limits, limits);
            if (Object.keys(requests).length) res.requests = merge(res.requests, requests);
            for (const k of ['limits', 'requests'])
              if (res[k] && Object.keys(res[k]).length === 0) delete res[k];
            return { ...c, resources: res };
          }),
        };
      }),
    );
  },
};

export const setCommand: Command = {
  name: 'set',
  group: 'Basic Commands (Beginner)',
  short: 'Set specific features on objects',
  long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  usage: 'set SUBCOMMAND [options]',
  subcommands: [setEnv, setImage, setResources],
};
