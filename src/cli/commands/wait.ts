/** `kubectl wait --for=condition=X|delete|jsonpath=...`: returns at once when met, else streams until met or timeout. */
import type { ResourceType } from '../../engine/api/kinds';
import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { F } from '../globals';
import { objectRef, typeId } from '../resources';
import { selectObjects } from '../select';
import type { OutputStream } from '../types';

type Condition =
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'jsonpath'; path: string[]; value?: string };

function parseFor(text: string): Condition {
  if (text === 'delete') return { kind: 'delete' };
  if (text === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const body = text.slice('condition='.length);
    const eq = body.indexOf('=');
    return {
      kind: 'condition',
      type: eq >= 0 ? body.slice(0, eq) : body,
      value: eq >= 0 ? body.slice(eq + 1) : 'true',
    };
  }
  if (text.startsWith('jsonpath=')) {
    const body = text.slice('jsonpath='.length);
    const m = /^\{?\.?([^}=]*)\}?(?:=(.*))?$/.exec(body);
    if (!m?.[1])
      throw new CliError(
        `jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`,
      );
    return { kind: 'jsonpath', path: m[1].split('.'), ...(m[2] !== undefined ? { value: m[2] } : {}) };
  }
  throw new CliError(`unrecognized condition: "${text}"`);
}

function met(obj: StoredObject | undefined, cond: Condition): boolean {
  if (cond.kind === 'delete') return !obj;
  if (!obj) return false;
  if (cond.kind === 'create') return true;
  if (cond.kind === 'condition') {
    const c = ((obj.status?.conditions ?? []) as { type: string; status: string }[]).find(
      (x) => x.type.toLowerCase() === cond.type.toLowerCase(),
    );
    return !!c && c.status.toLowerCase() === cond.value.toLowerCase();
  }
  let cur: unknown = obj;
  for (const p of cond.path)
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  if (cond.value === undefined) return cur !== undefined;
  return cur !== undefined && String(cur) === cond.value;
}

export const waitCommand: Command = {
  name: 'wait',
  group: 'Advanced Commands',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given
resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or
"delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o
option to change to output destination.`,
  examples: `  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1

  # Wait for the pod "busybox1" to contain the status phase to be "Running"
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

  # Wait for pod "busybox1" to be Ready
  kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  usage:
    "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  completion: 'types',
  flags: [
    {
      name: 'for',
      type: 'string',
      usage:
        "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.",
    },
    {
      name: 'timeout',
      type: 'duration',
      default: '30s',
      usage:
        "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week.",
    },
    F.all,
    F.allNamespaces,
    F.selector,
    F.fieldSelector,
    F.filename('identifying the resource.'),
    F.recursive,
    F.output,
  ],
  run: runWait,
};

function runWait(ctx: CommandContext, inv: Invocation): number {
  const forText = inv.flags.str('for');
  if (!forText) throw new CliError('--for must be specified');
  const cond = parseFor(forText);
  if (inv.args.length === 0 && !inv.flags.list('filename').length) {
    throw new CliError(`resource name may not be empty`);
  }
  const bulk = inv.flags.bool('all') || !!inv.flags.str('selector') || !!inv.flags.str('field-selector');
  if (inv.args.length === 1 && !inv.args[0].includes('/') && !bulk) {
    throw new CliError('resource(s) were provided, but no name was specified');
  }
  const { groups, errors } = selectObjects(ctx, inv.args, {
    allNamespaces: inv.flags.bool('all-namespaces'),
    selector: inv.flags.str('selector'),
    fieldSelector: inv.flags.str('field-selector'),
    filenames: inv.flags.list('filename'),
  });
  const deleteOk =
    cond.kind === 'delete' ? errors.filter((e) => (e as { reason?: string }).reason === 'NotFound') : [];
  const realErrors = errors.filter((e) => !deleteOk.includes(e));
  if (realErrors.length) {
    ctx.print(formatErrors(realErrors));
    return 1;
  }
  const targets = groups.flatMap((g) => g.objects.map((obj) => ({ rt: g.rt, obj })));
  if (targets.length === 0 && deleteOk.length === 0) throw new CliError('no matching resources found');
  const pending: { rt: ResourceType; obj: StoredObject }[] = [];
  for (const t of targets) {
    const cur = ctx.api.tryGet(typeId(t.rt), t.obj.metadata.namespace, t.obj.metadata.name);
    if (met(cur, cond)) ctx.print(`${objectRef(t.rt, t.obj.metadata.name)} condition met\n`);
    else pending.push(t);
  }
  if (pending.length === 0) return 0;
  const timeoutMs = inv.flags.durationMs('timeout');
  if (timeoutMs === 0) {
    ctx.print(
      `error: timed out waiting for the condition on ${pending.map((p) => `${p.rt.plural}/${p.obj.metadata.name}`)[0]}\n`,
    );
    return 1;
  }
  ctx.stream = waitStream(ctx, pending, cond, timeoutMs);
  return 0;
}

function waitStream(
  ctx: CommandContext,
  pending: { rt: ResourceType; obj: StoredObject }[],
  cond: Condition,
  timeoutMs: number,
): OutputStream {
  return {
    subscribe(write, done) {
      const left = [...pending];
      let finished = false;
      const check = () => {
        for (let i = 0; i < left.length; i++) {
          const t = left[i];
          const cur = ctx.api.tryGet(typeId(t.rt), t.obj.metadata.namespace, t.obj.metadata.name);
          const same =
            cur && cur.metadata.uid === t.obj.metadata.uid ? cur : cond.kind === 'delete' ? undefined : cur;
          if (met(same, cond)) {
            write(`${objectRef(t.rt, t.obj.metadata.name)} condition met\n`);
            left.splice(i--, 1);
          }
        }
        if (left.length === 0) end(0);
      };
      const end = (code: number) => {
        if (finished) return;
        finished = true;
        stop();
        timer.cancelled = true;
        done(code);
      };
      const stop = ctx.api.watch(undefined, undefined, () => {
        if (!finished) check();
      });
      const timer = ctx.cluster.clock.after(timeoutMs, 'kubectl wait timeout', () => {
        if (finished) return;
        write(
          `error: timed out waiting for the condition on ${left[0].rt.plural}/${left[0].obj.metadata.name}\n`,
        );
        end(1);
      });
      return () => {
        finished = true;
        timer.cancelled = true;
        stop();
      };
    },
  };
}
