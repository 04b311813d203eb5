/**
 * `oc process` (a Template's objects with parameters substituted, as a List) and `oc new-app` from a
 * template (`-f FILE`, `--template NAME`, or a Template's name in the project or `openshift`).
 */
import { StatusError } from '../../engine/api/errors';
import type { KObject } from '../../engine/api/types';
import { type ProcessedTemplate, processTemplate, TemplateError } from '../../engine/openshift/template';
import { rootFor } from '../../engine/schema';
import { decodeObject } from '../../engine/schema/decode';
import type { Command, CommandContext } from '../command';
import { CliError, usageError } from '../errors';
import { loadManifests } from '../manifests';
import { toGoJson } from '../printers/serialize/json';
import { toYaml } from '../printers/serialize/yaml';
import { tabwrite } from '../printers/tabwriter';

const TEMPLATES = 'templates.template.openshift.io';

/** A Template from `-f FILE` or by name in the current project, then `openshift`. */
export function loadTemplate(
  ctx: CommandContext,
  file: string,
  name: string,
): { template: KObject; source: string } {
  if (file) {
    const { items, errors } = loadManifests(
      [file],
      { files: ctx.files, cwd: ctx.cwd, stdin: ctx.stdin },
      ctx.engine.kinds,
    );
    if (errors.length) throw errors[0];
    const t = items.map((i) => i.obj).find((o) => o.kind === 'Template');
    if (!t) throw new CliError(`unable to process template: no Template found in "${file}"`);
    return { template: t, source: file };
  }
  const t = ctx.api.tryGet(TEMPLATES, ctx.namespace, name) ?? ctx.api.tryGet(TEMPLATES, 'openshift', name);
  if (!t) throw new StatusError(404, 'NotFound', `templates.template.openshift.io "${name}" not found`);
  return { template: t, source: `${t.metadata.namespace}/${name}` };
}

export function parseParams(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new CliError(`invalid parameter assignment in "${p}": ${JSON.stringify(p)}`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

export function process(
  ctx: CommandContext,
  template: KObject,
  params: Record<string, string>,
): ProcessedTemplate {
  try {
    return processTemplate(template, params, ctx.rng);
  } catch (e) {
    if (e instanceof TemplateError) throw new CliError(e.message);
    throw e;
  }
}

export const processCommand: Command = {
  name: 'process',
  short: 'Process a template into list of resources',
  usage: 'process (TEMPLATE | -f FILENAME) [-p=KEY=VALUE] [flags]',
  flags: [
    {
      name: 'filename',
      short: 'f',
      type: 'string',
      default: '',
      usage: 'Filename or URL to file to read a template',
    },
    {
      name: 'param',
      short: 'p',
      type: 'stringArray',
      default: '',
      usage: 'Specify a key-value pair (eg. -p FOO=BAR) to set/override a parameter value in the template.',
    },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: 'json',
      usage: 'Output format. One of: json|yaml|name.',
    },
    {
      name: 'parameters',
      type: 'bool',
      default: false,
      usage: 'If true, display the parameters used in the template.',
    },
  ],
  run(ctx, inv) {
    const file = inv.flags.str('filename');
    if (!file && !inv.args[0]) throw usageError(inv.path, 'Must pass a filename or name of stored template');
    const { template } = loadTemplate(ctx, file, inv.args[0] ?? '');
    if (inv.flags.bool('parameters')) {
      const rows = (
        (template.parameters ?? []) as {
          name: string;
          description?: string;
          generate?: string;
          from?: string;
          value?: string;
        }[]
      ).map((p) => [
        p.name,
        p.description ?? '',
        p.generate ?? '',
        p.generate ? (p.from ?? '') : (p.value ?? ''),
      ]);
      // PrintTemplateParameters: tabwriter minwidth 20, padding 3; a generated value shows its `from`.
      const text = [['NAME', 'DESCRIPTION', 'GENERATOR', 'VALUE'], ...rows]
        .map((r) => `${r.join('\t')}\n`)
        .join('');
      ctx.print(tabwrite(text, { minWidth: 20, padding: 3 }));
      return 0;
    }
    const extra = inv.args.slice(1).filter((a) => a.includes('='));
    const processed = process(ctx, template, parseParams([...inv.flags.list('param'), ...extra]));
    const list = { kind: 'List', apiVersion: 'v1', metadata: {}, items: processed.objects };
    const fmt = inv.flags.str('output');
    if (fmt === 'yaml') ctx.print(toYaml(list));
    else if (fmt === 'name')
      ctx.print(processed.objects.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}\n`).join(''));
    else ctx.print(`${toGoJson(list)}\n`);
    return 0;
  },
};

/** Drop the fields the kind's schema does not know (the API server's default, fieldValidation=Ignore). */
export function withoutUnknownFields(obj: KObject): KObject {
  const root = rootFor(obj.apiVersion, obj.kind);
  if (!root) return obj;
  const problems = decodeObject(root.definition, obj, false);
  if (problems.unknown.length === 0) return obj;
  const copy = JSON.parse(JSON.stringify(obj)) as KObject;
  for (const path of problems.unknown) {
    const segs = path.match(/[^.[\]]+/g) ?? [];
    let cur: Record<string, unknown> | undefined = copy;
    for (const s of segs.slice(0, -1)) cur = cur?.[s] as Record<string, unknown> | undefined;
    if (cur) delete cur[segs[segs.length - 1]];
  }
  return copy;
}

const RESOURCE_NAMES: Record<string, string> = {
  ImageStream: 'imagestream.image.openshift.io',
  BuildConfig: 'buildconfig.build.openshift.io',
  DeploymentConfig: 'deploymentconfig.apps.openshift.io',
  Deployment: 'deployment.apps',
  Route: 'route.route.openshift.io',
  Service: 'service',
  Secret: 'secret',
  PersistentVolumeClaim: 'persistentvolumeclaim',
};

/** `oc new-app -f template.json` / `--template=NAME`: process and create, with oc's report. */
export function newAppFromTemplate(
  ctx: CommandContext,
  file: string,
  name: string,
  params: string[],
): number {
  const { template, source } = loadTemplate(ctx, file, name);
  const processed = process(ctx, template, parseParams(params));
  const ann = template.metadata?.annotations ?? {};
  const title = ann['openshift.io/display-name'] ?? template.metadata?.name;
  const out: string[] = [
    `--> Deploying template "${ctx.namespace}/${template.metadata?.name}" for "${source}" to project ${ctx.namespace}`,
    '',
  ];
  out.push(`     ${title}`, `     ${'-'.repeat(String(title).length)}`);
  if (ann.description) out.push(`     ${ann.description}`, '');
  if (processed.message) out.push(`     ${processed.message.replace(/\n/g, '\n     ')}`, '');
  out.push('     * With parameters:');
  for (const p of processed.parameters) {
    out.push(`        * ${p.displayName ?? p.name}=${p.value}${p.generated ? ' # generated' : ''}`);
  }
  out.push('', '--> Creating resources ...');
  let failed = false;
  for (const raw of processed.objects) {
    const obj = withoutUnknownFields({ ...raw, metadata: { ...raw.metadata, namespace: ctx.namespace } });
    const label = RESOURCE_NAMES[obj.kind] ?? obj.kind.toLowerCase();
    try {
      ctx.api.create(obj, { user: ctx.user });
      out.push(`    ${label} "${obj.metadata.name}" created`);
    } catch (e) {
      failed = true;
      out.push(`    error: ${(e as Error).message}`);
    }
  }
  if (failed) {
    out.push('--> Failed');
    ctx.print(`${out.join('\n')}\n`);
    return 1;
  }
  out.push('--> Success');
  for (const o of processed.objects.filter((x) => x.kind === 'Route')) {
    const r = ctx.api.tryGet('routes.route.openshift.io', ctx.namespace, String(o.metadata.name));
    if (r) out.push(`    Access your application via route '${r.spec.host}' `);
  }
  for (const o of processed.objects.filter((x) => x.kind === 'BuildConfig')) {
    out.push(`    Build scheduled, use 'oc logs -f buildconfig/${o.metadata.name}' to track its progress.`);
  }
  out.push("    Run 'oc status' to see your app and the services it exposes.");
  ctx.print(`${out.join('\n')}\n`);
  return 0;
}
