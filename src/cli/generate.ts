/**
 * What `create <kind>`, `run`, `expose` share: build an object, then either print it (`--dry-run=client
 * -o yaml`), or send it and print `deployment.apps/web created`.
 */
import { StatusError } from '../engine/api/errors';
import type { KObject, StoredObject } from '../engine/api/types';
import { withLastApplied } from './apply-merge';
import type { CommandContext, Invocation } from './command';
import { CliError } from './errors';
import type { FlagSpec } from './flags';
import { F } from './globals';
import { outputFormat } from './output-format';
import { printObjects } from './printers/index';
import { objectRef } from './resources';
import { dryRunSuffix, parseDryRun, wrapServer } from './write';

export const GENERATOR_FLAGS: FlagSpec[] = [
  F.dryRun,
  F.output,
  F.validate,
  F.fieldManager,
  {
    name: 'save-config',
    type: 'bool',
    usage:
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
  },
];

/** `exactly one NAME is required, got 2` as kubectl's NameFromCommandArgs says it. */
export function exactlyOneName(inv: Invocation): string {
  if (inv.args.length !== 1) {
    throw new CliError(
      `exactly one NAME is required, got ${inv.args.length}\nSee '${inv.path} -h' for help and examples`,
    );
  }
  return inv.args[0];
}

/** cobra's check of flags marked required, done before anything else: `required flag(s) "a", "b" not set`. */
export function requireFlags(inv: Invocation, names: string[]): void {
  const missing = names.filter((n) => !inv.flags.changed(n));
  if (missing.length)
    throw new CliError(`required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
}

export function requireFlag(inv: Invocation, name: string): string {
  const v = inv.flags.str(name);
  if (!inv.flags.changed(name)) throw new CliError(`required flag(s) "${name}" not set`);
  return v;
}

/** The container name kubectl derives from an image: `registry/nginx:1.27` → `nginx`. */
export function containerNameFromImage(image: string): string {
  let base = image.split('@')[0];
  base = base.slice(base.lastIndexOf('/') + 1);
  const colon = base.indexOf(':');
  if (colon >= 0) base = base.slice(0, colon);
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '') || 'container'
  );
}

/** A dry-run object as kubectl prints it: `creationTimestamp: null` in every metadata it built. */
function withNullTimestamps(obj: KObject): KObject {
  const out = structuredClone(obj) as KObject;
  out.metadata = { ...out.metadata, creationTimestamp: null as unknown as string };
  const tmpl = out.spec?.template;
  if (tmpl?.metadata) tmpl.metadata = { ...tmpl.metadata, creationTimestamp: null };
  const jobTmpl = out.spec?.jobTemplate;
  if (jobTmpl) {
    jobTmpl.metadata = { ...(jobTmpl.metadata ?? {}), creationTimestamp: null };
    if (jobTmpl.spec?.template?.metadata)
      jobTmpl.spec.template.metadata = { ...jobTmpl.spec.template.metadata, creationTimestamp: null };
  }
  return out;
}

/**
 * Send (or print) a generated object with kubectl's output. Returns the exit code. `failure`: the
 * generators that wrap the server's error (`error: failed to create deployment: deployments.apps "web"
 * already exists`) name their prefix; the others print it as the server said it.
 */
export function finishGenerated(
  ctx: CommandContext,
  inv: Invocation,
  obj: KObject,
  verb = 'created',
  quiet = false,
  failure?: string,
): number {
  const dryRun = parseDryRun(inv.flags.str('dry-run'));
  const format = outputFormat(inv.flags.str('output'));
  const rt = ctx.api.typeOf(obj);
  if (rt.namespaced) obj.metadata.namespace ??= ctx.namespace;
  else delete obj.metadata.namespace;
  let result: KObject;
  if (dryRun === 'client') {
    result = withNullTimestamps(obj);
    if (rt.namespaced && !ctx.explicitNamespace) delete result.metadata.namespace;
  } else {
    const send = inv.flags.bool('save-config') ? (withLastApplied(obj) as KObject) : obj;
    try {
      const sent = structuredClone(send);
      if (sent.status && Object.keys(sent.status).length === 0) delete sent.status;
      result = ctx.api.create(sent, { dryRun: dryRun === 'server', user: ctx.user });
    } catch (err) {
      if (failure && err instanceof StatusError) throw new CliError(`${failure}: ${err.message}`);
      throw wrapServerPlain(err);
    }
  }
  if (quiet) return 0;
  if (format) {
    ctx.print(
      printObjects(rt, [result as StoredObject], format, { single: true, nowMs: ctx.cluster.clock.now() }),
    );
  } else {
    ctx.print(`${objectRef(rt, result.metadata.name ?? '')} ${verb}${dryRunSuffix(dryRun)}\n`);
  }
  return 0;
}

/** Generators send no source, so server errors print plainly (`Error from server (AlreadyExists): ...`). */
function wrapServerPlain(err: unknown): unknown {
  return wrapServer('creating', '', err) && err;
}
