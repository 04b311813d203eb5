/** `kubectl rollout status|history|undo|restart|pause|resume` over the engine's rollout helpers. */

import type { ResourceType } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import {
  formatHistory,
  RolloutError,
  type RolloutStatus,
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutStatus,
  rolloutUndo,
} from '../../engine/workloads/rollout';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { printPodTemplate } from '../pod-template';
import { objectRef, typeId } from '../resources';
import { selectObjects } from '../select';
import type { OutputStream } from '../types';

const NO_ARGS = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/**
 * The objects a rollout subcommand acts on. `allTypeMatches`: a bare type (`deployment`) means every object
 * of that type in the namespace, as `rollout restart` allows ("Restart all deployments in the
 * test-namespace namespace"); the other subcommands need names.
 */
function targets(
  ctx: CommandContext,
  inv: Invocation,
  allTypeMatches = false,
): { items: { rt: ResourceType; obj: StoredObject }[]; errors: unknown[] } {
  const filenames = inv.flags.list('filename');
  if (inv.args.length === 0 && filenames.length === 0) throw new CliError(NO_ARGS);
  if (
    !allTypeMatches &&
    inv.args.length === 1 &&
    !inv.args[0].includes('/') &&
    !inv.flags.str('selector') &&
    !filenames.length
  ) {
    throw new CliError('resource(s) were provided, but no name was specified');
  }
  const { groups, errors } = selectObjects(ctx, inv.args, { filenames, selector: inv.flags.str('selector') });
  return { items: groups.flatMap((g) => g.objects.map((obj) => ({ rt: g.rt, obj }))), errors };
}

function rolloutErr(err: unknown): unknown {
  return err instanceof RolloutError ? new CliError(err.message) : err;
}

/** Run `fn` per target, print `<ref> <result>`, then the errors. */
function perTarget(
  ctx: CommandContext,
  inv: Invocation,
  fn: (rt: ResourceType, obj: StoredObject) => string,
  allTypeMatches = false,
): number {
  const { items, errors } = targets(ctx, inv, allTypeMatches);
  for (const { rt, obj } of items) {
    try {
      const result = fn(rt, obj);
      ctx.print(`${objectRef(rt, obj.metadata.name)} ${result}\n`);
    } catch (err) {
      errors.push(rolloutErr(err));
    }
  }
  if (errors.length) {
    ctx.print(formatErrors(errors));
    return 1;
  }
  return 0;
}

const TARGET_FLAGS = [F.filename('identifying the resource to get from a server.'), F.recursive, F.selector];

const statusCommand: Command = {
  name: 'status',
  short: 'Show the status of the rollout',
  long: `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for
the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status'
will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by
another revision, use --revision=N where N is the revision you need to watch for.`,
  examples: `  # Watch the rollout status of a deployment
  kubectl rollout status deployment/nginx`,
  usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  completion: 'deployments',
  flags: [
    ...TARGET_FLAGS,
    {
      name: 'watch',
      short: 'w',
      type: 'bool',
      default: true,
      usage: "Watch the status of the rollout until it's done.",
    },
    {
      name: 'revision',
      type: 'int',
      usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).',
    },
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      usage:
        'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).',
    },
  ],
  run(ctx, inv) {
    const { items, errors } = targets(ctx, inv);
    if (errors.length) throw errors[0];
    if (items.length !== 1)
      throw new CliError(
        'rollout status is only supported on individual resources and resource collections is not supported yet',
      );
    const { rt, obj } = items[0];
    const id = typeId(rt);
    const ns = obj.metadata.namespace ?? ctx.namespace;
    const revision = inv.flags.int('revision');
    const poll = (): RolloutStatus => {
      try {
        return rolloutStatus(ctx.api, id, ns, obj.metadata.name, revision);
      } catch (err) {
        throw rolloutErr(err);
      }
    };
    const first = poll();
    ctx.print(first.text);
    if (first.done || !inv.flags.bool('watch')) return 0;
    const timeoutMs = inv.flags.durationMs('timeout');
    ctx.stream = watchStatus(ctx, poll, first.text, timeoutMs);
    return 0;
  },
};

function watchStatus(
  ctx: CommandContext,
  poll: () => RolloutStatus,
  firstText: string,
  timeoutMs: number,
): OutputStream {
  return {
    subscribe(write, done) {
      let last = firstText;
      let finished = false;
      const finish = (code: number) => {
        if (finished) return;
        finished = true;
        stop();
        if (timer) timer.cancelled = true;
        done(code);
      };
      // Every change in the cluster may move the rollout on; print the status when its text changes.
      const stop = ctx.api.watch(undefined, undefined, () => {
        if (finished) return;
        let s: RolloutStatus;
        try {
          s = poll();
        } catch (err) {
          write(`error: ${(err as Error).message}\n`);
          finish(1);
          return;
        }
        if (s.text !== last) write(s.text);
        last = s.text;
        if (s.done) finish(0);
      });
      const timer =
        timeoutMs > 0
          ? ctx.cluster.clock.after(timeoutMs, 'kubectl rollout status timeout', () => {
              if (finished) return;
              write('error: timed out waiting for the condition\n');
              finish(1);
            })
          : undefined;
      return () => {
        finished = true;
        if (timer) timer.cancelled = true;
        stop();
      };
    },
  };
}

const historyCommand: Command = {
  name: 'history',
  short: 'View rollout history',
  long: 'View previous rollout revisions and configurations.',
  examples: `  # View the rollout history of a deployment
  kubectl rollout history deployment/abc

  # View the details of daemonset revision 3
  kubectl rollout history daemonset/abc --revision=3`,
  usage: 'rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  completion: 'deployments',
  flags: [
    ...TARGET_FLAGS,
    {
      name: 'revision',
      type: 'int',
      usage: 'See the details, including podTemplate of the revision specified',
    },
    F.output,
  ],
  run(ctx, inv) {
    const { items, errors } = targets(ctx, inv);
    for (const { rt, obj } of items) {
      try {
        const entries = rolloutHistory(
          ctx.api,
          typeId(rt),
          obj.metadata.namespace ?? ctx.namespace,
          obj.metadata.name,
        );
        const ref = objectRef(rt, obj.metadata.name);
        const revision = inv.flags.int('revision');
        if (revision > 0) {
          const entry = entries.find((e) => e.revision === revision);
          if (!entry) throw new CliError(`unable to find the specified revision`);
          ctx.print(
            `${ref} with revision #${revision}\n${printPodTemplate(entry.template, entry.changeCause)}\n`,
          );
        } else ctx.print(`${ref} \n${formatHistory(entries)}\n`);
      } catch (err) {
        errors.push(rolloutErr(err));
      }
    }
    if (errors.length) {
      ctx.print(formatErrors(errors));
      return 1;
    }
    return 0;
  },
};

const undoCommand: Command = {
  name: 'undo',
  short: 'Undo a previous rollout',
  long: 'Roll back to a previous rollout.',
  examples: `  # Roll back to the previous deployment
  kubectl rollout undo deployment/abc

  # Roll back to daemonset revision 3
  kubectl rollout undo daemonset/abc --to-revision=3`,
  usage: 'rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  completion: 'deployments',
  flags: [
    ...TARGET_FLAGS,
    { name: 'to-revision', type: 'int', usage: 'The revision to rollback to. Default to 0 (last revision).' },
    F.dryRun,
  ],
  run(ctx, inv) {
    return perTarget(ctx, inv, (rt, obj) =>
      rolloutUndo(
        ctx.api,
        typeId(rt),
        obj.metadata.namespace ?? ctx.namespace,
        obj.metadata.name,
        inv.flags.int('to-revision'),
      ),
    );
  },
};

const restartCommand: Command = {
  name: 'restart',
  short: 'Restart a resource',
  long: `Restart a resource.

        Resource rollout will be restarted.`,
  examples: `  # Restart all deployments in the test-namespace namespace
  kubectl rollout restart deployment -n test-namespace

  # Restart a deployment
  kubectl rollout restart deployment/nginx

  # Restart a daemon set
  kubectl rollout restart daemonset/abc

  # Restart deployments with the app=nginx label
  kubectl rollout restart deployment --selector=app=nginx`,
  usage: 'rollout restart RESOURCE [options]',
  completion: 'deployments',
  flags: TARGET_FLAGS,
  run(ctx, inv) {
    return perTarget(
      ctx,
      inv,
      (rt, obj) =>
        rolloutRestart(
          ctx.api,
          ctx.cluster.clock,
          typeId(rt),
          obj.metadata.namespace ?? ctx.namespace,
          obj.metadata.name,
        ),
      true,
    );
  },
};

function pauseCommand(paused: boolean): Command {
  const name = paused ? 'pause' : 'resume';
  return {
    name,
    short: paused ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    long: paused
      ? `Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource.
Currently only deployments support being paused.`
      : `Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again.
Currently only deployments support being resumed.`,
    examples: paused
      ? `  # Mark the nginx deployment as paused
  # Any current state of the deployment will continue its function; new updates
  # to the deployment will not have an effect as long as the deployment is paused
  kubectl rollout pause deployment/nginx`
      : `  # Resume an already paused deployment
  kubectl rollout resume deployment/nginx`,
    usage: `rollout ${name} RESOURCE [options]`,
    completion: 'deployments',
    flags: TARGET_FLAGS,
    run(ctx, inv) {
      return perTarget(ctx, inv, (rt, obj) =>
        rolloutPause(ctx.api, typeId(rt), obj.metadata.namespace ?? ctx.namespace, obj.metadata.name, paused),
      );
    },
  };
}

export const rolloutCommand: Command = {
  name: 'rollout',
  group: 'Deploy Commands',
  short: 'Manage the rollout of a resource',
  long: `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  examples: `  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx`,
  usage: 'rollout SUBCOMMAND [options]',
  subcommands: [
    historyCommand,
    pauseCommand(true),
    restartCommand,
    pauseCommand(false),
    statusCommand,
    undoCommand,
  ],
};
