/** `kubectl cordon|uncordon|drain|taint`: node maintenance with kubectl's messages. */
import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { labelSelector } from '../select';
import type { OutputStream } from '../types';
import { dryRunSuffix, parseDryRun } from '../write';

function nodesFor(ctx: CommandContext, inv: Invocation): { nodes: StoredObject[]; errors: unknown[] } {
  const selector = inv.flags.str('selector');
  if (selector)
    return { nodes: ctx.api.list('nodes', { labelSelector: labelSelector(selector) }), errors: [] };
  if (inv.args.length === 0)
    throw new CliError(
      `USAGE: ${inv.path.replace('kubectl ', '')} NODE [flags]\nSee '${inv.path} -h' for help and examples`,
    );
  const nodes: StoredObject[] = [];
  const errors: unknown[] = [];
  for (const a of inv.args) {
    try {
      nodes.push(ctx.api.get('nodes', undefined, a.replace(/^(nodes?|no)\//, '')));
    } catch (err) {
      errors.push(err);
    }
  }
  return { nodes, errors };
}

function setUnschedulable(
  ctx: CommandContext,
  node: StoredObject,
  value: boolean,
  dryRun: 'none' | 'client' | 'server',
): string {
  const verb = value ? 'cordoned' : 'uncordoned';
  if (Boolean(node.spec?.unschedulable) === value) return `node/${node.metadata.name} already ${verb}\n`;
  ctx.api.patch(
    'nodes',
    undefined,
    node.metadata.name,
    'merge',
    { spec: { unschedulable: value ? true : null } },
    { dryRun: dryRun !== 'none', user: ctx.user },
  );
  return `node/${node.metadata.name} ${verb}${dryRunSuffix(dryRun)}\n`;
}

function cordonCommand(value: boolean): Command {
  const name = value ? 'cordon' : 'uncordon';
  return {
    name,
    group: 'Cluster Management Commands',
    short: value ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    long: value ? 'Mark node as unschedulable.' : 'Mark node as schedulable.',
    examples: value
      ? `  # Mark node "foo" as unschedulable
  kubectl cordon foo`
      : `  # Mark node "foo" as schedulable
  kubectl uncordon foo`,
    usage: `${name} NODE [options]`,
    completion: 'nodes',
    flags: [F.selector, F.dryRun],
    run(ctx, inv) {
      const dryRun = parseDryRun(inv.flags.str('dry-run'));
      const { nodes, errors } = nodesFor(ctx, inv);
      for (const n of nodes) ctx.print(setUnschedulable(ctx, n, value, dryRun));
      if (errors.length) {
        ctx.print(formatErrors(errors));
        return 1;
      }
      return 0;
    },
  };
}

export const cordonCmd = cordonCommand(true);
export const uncordonCmd = cordonCommand(false);

function controllerKind(pod: StoredObject): string | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller)?.kind;
}

export const drainCommand: Command = {
  name: 'drain',
  group: 'Cluster Management Commands',
  short: 'Drain node in preparation for maintenance',
  long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server
supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction
https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the
pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If
there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete
any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which
ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication
controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.
--force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.`,
  examples: `  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
  kubectl drain foo --force

  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
  kubectl drain foo --grace-period=900`,
  usage: 'drain NODE [options]',
  completion: 'nodes',
  flags: [
    {
      name: 'force',
      type: 'bool',
      usage: 'Continue even if there are pods that do not declare a controller.',
    },
    { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
    {
      name: 'delete-emptydir-data',
      type: 'bool',
      usage:
        'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).',
    },
    {
      name: 'grace-period',
      type: 'int',
      default: -1,
      usage:
        'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.',
    },
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      usage: 'The length of time to wait before giving up, zero means infinite',
    },
    {
      name: 'disable-eviction',
      type: 'bool',
      usage:
        'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.',
    },
    { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
    F.selector,
    F.dryRun,
  ],
  run(ctx, inv) {
    const { flags } = inv;
    const dryRun = parseDryRun(flags.str('dry-run'));
    const { nodes, errors } = nodesFor(ctx, inv);
    if (errors.length) throw errors[0];
    const evicting: StoredObject[] = [];
    let failed = false;
    for (const node of nodes) {
      ctx.print(setUnschedulable(ctx, node, true, dryRun));
      const podSel = labelSelector(flags.str('pod-selector'));
      const pods = ctx.api
        .list('pods', {
          fieldSelector: [{ field: 'spec.nodeName', op: '=', value: node.metadata.name }],
          labelSelector: podSel,
        })
        .filter(
          (p) => !p.metadata.annotations?.['kubernetes.io/config.mirror'] && controllerKind(p) !== 'Node',
        );
      const daemon = pods.filter((p) => controllerKind(p) === 'DaemonSet');
      const unmanaged = pods.filter((p) => !controllerKind(p));
      const local = pods.filter(
        (p) =>
          (p.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir) &&
          controllerKind(p) !== 'DaemonSet',
      );
      const problems: string[] = [];
      const list = (ps: StoredObject[]) =>
        ps.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
      if (daemon.length && !flags.bool('ignore-daemonsets'))
        problems.push(
          `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${list(daemon)}`,
        );
      if (unmanaged.length && !flags.bool('force'))
        problems.push(
          `cannot delete Pods declare no controller (use --force to override): ${list(unmanaged)}`,
        );
      if (local.length && !flags.bool('delete-emptydir-data'))
        problems.push(
          `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${list(local)}`,
        );
      if (problems.length) {
        ctx.print(
          `error: unable to drain node "${node.metadata.name}" due to error: ${problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`}, continuing command...\n`,
        );
        ctx.print(`There are pending nodes to be drained:\n ${node.metadata.name}\n${problems.join('\n')}\n`);
        failed = true;
        continue;
      }
      const warnings: string[] = [];
      if (daemon.length) warnings.push(`ignoring DaemonSet-managed Pods: ${list(daemon)}`);
      if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${list(unmanaged)}`);
      if (warnings.length) ctx.print(`Warning: ${warnings.join('; ')}\n`);
      const victims = pods.filter((p) => controllerKind(p) !== 'DaemonSet');
      for (const p of victims) {
        ctx.print(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
        if (dryRun === 'none') {
          const grace = flags.int('grace-period');
          ctx.api.delete('pods', p.metadata.namespace, p.metadata.name, {
            ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
            user: ctx.user,
          });
          evicting.push(p);
        }
      }
      if (dryRun !== 'none' || victims.length === 0)
        ctx.print(`node/${node.metadata.name} drained${dryRunSuffix(dryRun)}\n`);
    }
    if (evicting.length) ctx.stream = waitEvicted(ctx, evicting, nodes);
    return failed ? 1 : 0;
  },
};

function waitEvicted(ctx: CommandContext, pods: StoredObject[], nodes: StoredObject[]): OutputStream {
  return {
    subscribe(write, done) {
      const pending = new Map(pods.map((p) => [p.metadata.uid, p]));
      const check = () => {
        for (const [uid, p] of pending) {
          const cur = ctx.api.tryGet('pods', p.metadata.namespace, p.metadata.name);
          if (!cur || cur.metadata.uid !== uid) {
            pending.delete(uid);
            write(`pod/${p.metadata.name} evicted\n`);
          }
        }
        if (pending.size === 0) {
          for (const n of nodes) write(`node/${n.metadata.name} drained\n`);
          stop();
          done(0);
          return true;
        }
        return false;
      };
      const stop = ctx.api.watch('pods', undefined, (e) => {
        if (e.type === 'DELETED' && pending.size) check();
      });
      check();
      return stop;
    },
  };
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function parseTaints(specs: string[]): { add: Taint[]; remove: { key: string; effect?: string }[] } {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const body = s.slice(0, -1);
      const [key, effect] = body.split(':');
      if (effect && !EFFECTS.includes(effect))
        throw new CliError(`invalid taint effect: ${effect}, unsupported taint effect`);
      remove.push({ key, ...(effect ? { effect } : {}) });
      continue;
    }
    const colon = s.lastIndexOf(':');
    // Adding a taint needs an effect (`key=value:Effect`).
    if (colon < 0) throw new CliError(`invalid taint spec: ${s}`);
    const effect = s.slice(colon + 1);
    const kv = s.slice(0, colon);
    if (!EFFECTS.includes(effect))
      throw new CliError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const eq = kv.indexOf('=');
    const key = eq >= 0 ? kv.slice(0, eq) : kv;
    if (!key) throw new CliError(`invalid taint spec: ${s}, name part must be non-empty`);
    add.push({ key, ...(eq >= 0 && kv.slice(eq + 1) ? { value: kv.slice(eq + 1) } : {}), effect });
  }
  return { add, remove };
}

export const taintCommand: Command = {
  name: 'taint',
  group: 'Cluster Management Commands',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  examples: `  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kubectl taint nodes foo dedicated=special-user:NoSchedule

  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kubectl taint nodes foo dedicated:NoSchedule-

  # Remove from node 'foo' all the taints with key 'dedicated'
  kubectl taint nodes foo dedicated-

  # Add a taint with key 'dedicated' on nodes having label myLabel=X
  kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

  # Add to node 'foo' a taint with key 'bar' and no value
  kubectl taint nodes foo bar:NoSchedule`,
  usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  completion: 'nodes',
  flags: [F.overwrite, F.selector, F.all, F.dryRun, F.output],
  run(ctx, inv) {
    const { flags, args } = inv;
    const [typeWord, ...rest] = args;
    if (!typeWord)
      throw new CliError(`at least one taint update is required\nSee '${inv.path} -h' for help and examples`);
    let names: string[];
    let specs: string[];
    if (typeWord.includes('/')) {
      names = [typeWord.slice(typeWord.indexOf('/') + 1)];
      specs = rest;
    } else {
      if (!['node', 'nodes', 'no'].includes(typeWord))
        throw new CliError(`invalid resource type ${typeWord}, only node types are supported`);
      const split = rest.findIndex((a) => a.includes(':') || a.includes('=') || a.endsWith('-'));
      names = split < 0 ? rest : rest.slice(0, split);
      specs = split < 0 ? [] : rest.slice(split);
    }
    if (specs.length === 0)
      throw new CliError(`at least one taint update is required\nSee '${inv.path} -h' for help and examples`);
    const { add, remove } = parseTaints(specs);
    const dryRun = parseDryRun(flags.str('dry-run'));
    const nodes: StoredObject[] = [];
    const errors: unknown[] = [];
    if (flags.bool('all') || flags.str('selector'))
      nodes.push(...ctx.api.list('nodes', { labelSelector: labelSelector(flags.str('selector')) }));
    else {
      if (names.length === 0) throw new CliError('resource(s) were provided, but no name was specified');
      for (const n of names) {
        try {
          nodes.push(ctx.api.get('nodes', undefined, n));
        } catch (err) {
          errors.push(err);
        }
      }
    }
    for (const node of nodes) {
      try {
        let taints: Taint[] = [...(node.spec?.taints ?? [])];
        for (const r of remove) {
          const before = taints.length;
          taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
          if (taints.length === before)
            throw new CliError(`taint "${r.effect ? `${r.key}:${r.effect}` : r.key}" not found`);
        }
        for (const a of add) {
          const i = taints.findIndex((t) => t.key === a.key && t.effect === a.effect);
          if (i >= 0) {
            if (!flags.bool('overwrite')) {
              throw new CliError(
                `Node '${node.metadata.name}' already has a taint with key (${a.key}) and effect (${a.effect}), and --overwrite is false`,
              );
            }
            taints[i] = a;
          } else taints.push(a);
        }
        ctx.api.patch(
          'nodes',
          undefined,
          node.metadata.name,
          'merge',
          { spec: { taints: taints.length ? taints : null } },
          { dryRun: dryRun !== 'none', user: ctx.user },
        );
        ctx.print(
          `node/${node.metadata.name} ${add.length ? 'tainted' : 'untainted'}${dryRunSuffix(dryRun)}\n`,
        );
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) {
      ctx.print(formatErrors(errors));
      return 1;
    }
    return 0;
  },
};
