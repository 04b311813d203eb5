/** `kubectl get`: tables, -o formats, selectors, several kinds, and `-w` streaming. */
import type { ResourceType } from '../../engine/api/kinds';
import { matches } from '../../engine/api/selectors';
import type { StoredObject, WatchEvent } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError, formatErrors } from '../errors';
import { parseDuration } from '../flags';
import { F } from '../globals';
import { outputFormat } from '../output-format';
import {
  type OutputFormat,
  printObjects,
  printRows,
  printTable,
  sortObjects,
  type TableOptions,
} from '../printers/index';
import { noResources, typeId } from '../resources';
import { fieldSelector, labelSelector, type SelectedGroup, selectObjects } from '../select';
import type { OutputStream } from '../types';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export const getCommand: Command = {
  name: 'get',
  group: 'Basic Commands (Intermediate)',
  short: 'Display one or many resources',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label
selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current
namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter
the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single replication controller with specified NAME in ps output format
  kubectl get replicationcontroller web

  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubectl get deployments.v1.apps -o json

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl get -k dir/

  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

  # List all replication controllers and services together in ps output format
  kubectl get rc,services

  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7`,
  usage:
    'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  completion: 'types',
  flags: [
    F.allNamespaces,
    F.selector,
    F.fieldSelector,
    F.output,
    F.showLabels,
    F.noHeaders,
    F.filename('identifying the resource to get from a server.'),
    F.recursive,
    {
      name: 'label-columns',
      short: 'L',
      type: 'stringSlice',
      usage:
        'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...',
    },
    {
      name: 'sort-by',
      type: 'string',
      usage:
        "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.",
    },
    {
      name: 'watch',
      short: 'w',
      type: 'bool',
      usage: 'After listing/getting the requested object, watch for changes.',
    },
    {
      name: 'watch-only',
      type: 'bool',
      usage: 'Watch for changes to the requested object(s), without listing/getting first.',
    },
    {
      name: 'ignore-not-found',
      type: 'bool',
      usage: 'If the requested object does not exist the command will return exit code 0.',
    },
    {
      name: 'show-kind',
      type: 'bool',
      usage: 'If present, list the resource type for the requested object(s).',
    },
    {
      name: 'show-managed-fields',
      type: 'bool',
      usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
    },
    {
      name: 'template',
      type: 'string',
      usage:
        'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
    },
    {
      name: 'chunk-size',
      type: 'int',
      default: 500,
      usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable.',
    },
  ],
  run: runGet,
};

function runGet(ctx: CommandContext, inv: Invocation): number {
  const { flags, args } = inv;
  const format = outputFormat(withTemplate(flags.str('output'), flags.str('template')));
  const filenames = flags.list('filename');
  if (args.length === 0 && filenames.length === 0) throw new CliError(NO_TYPE, 1, true);
  const allNs = flags.bool('all-namespaces');
  const { groups, errors } = selectObjects(ctx, args, {
    allNamespaces: allNs,
    selector: flags.str('selector'),
    fieldSelector: flags.str('field-selector'),
    filenames,
    recursive: flags.bool('recursive'),
  });
  const visibleErrors = flags.bool('ignore-not-found') ? errors.filter((e) => !isNotFound(e)) : errors;
  const sortBy = flags.str('sort-by');
  for (const g of groups) if (sortBy) g.objects = sortObjects(g.objects, sortBy);
  const nowMs = ctx.cluster.clock.now();
  const multiKind = groups.length > 1 || (args[0] ?? '').split(',').includes('all');
  const tableOpts: TableOptions = {
    wide: format?.kind === 'wide',
    showLabels: flags.bool('show-labels'),
    labelColumns: flags.list('label-columns'),
    noHeaders: flags.bool('no-headers'),
    withNamespace: allNs,
    withKind: multiKind || flags.bool('show-kind'),
  };
  const watch = flags.bool('watch') || flags.bool('watch-only');
  // Under -w, each kind's columns keep their widths from the first table to every later row.
  const widths = new Map<ResourceType, number[]>(watch ? groups.map((g) => [g.rt, []]) : []);
  // One named object that failed prints only its error, never an empty List (kubectl's singleItemImplied).
  const singleFailed = args.length > 0 && singleItemImplied(args) && visibleErrors.length > 0;
  if (!flags.bool('watch-only') && !singleFailed) {
    printGroups(ctx, groups, format, tableOpts, nowMs, watch, widths);
    const total = groups.reduce((n, g) => n + g.objects.length, 0);
    if (total === 0 && visibleErrors.length === 0 && !watch && (!format || format.kind === 'wide')) {
      const ns = groups.some((g) => g.rt.namespaced) && !allNs ? ctx.namespace : undefined;
      ctx.print(noResources(ns));
    }
  }
  if (visibleErrors.length) ctx.print(formatErrors(visibleErrors));
  if (watch && groups.length > 0) ctx.stream = watchStream(ctx, inv, groups, format, tableOpts, widths);
  return visibleErrors.length ? 1 : 0;
}

/** `-o go-template --template='{{...}}'` is the long spelling of `-o go-template='{{...}}'`. */
function withTemplate(output: string, template: string): string {
  if (template && ['go-template', 'template', 'jsonpath', 'jsonpath-as-json'].includes(output))
    return `${output}=${template}`;
  return output;
}

/** `TYPE NAME` or `TYPE/NAME`: exactly one object asked for. */
function singleItemImplied(args: string[]): boolean {
  if (args.length === 1) return args[0].includes('/') && !args[0].includes(',');
  return args.length === 2 && !args[0].includes(',') && !args[0].includes('/') && args[0] !== 'all';
}

function isNotFound(e: unknown): boolean {
  return (e as { reason?: string }).reason === 'NotFound';
}

function printGroups(
  ctx: CommandContext,
  groups: SelectedGroup[],
  format: OutputFormat | undefined,
  tableOpts: TableOptions,
  nowMs: number,
  watch: boolean,
  widths: Map<ResourceType, number[]>,
): void {
  if (!format || format.kind === 'wide') {
    let first = true;
    for (const g of groups) {
      if (g.objects.length === 0) continue;
      if (!first) ctx.print('\n');
      first = false;
      // -A adds the NAMESPACE column only to namespaced kinds.
      const opts = {
        ...tableOpts,
        withNamespace: tableOpts.withNamespace && g.rt.namespaced,
        rememberedWidths: widths.get(g.rt),
      };
      ctx.print(printTable(g.rt, g.objects, opts, nowMs));
    }
    return;
  }
  const all = groups.flatMap((g) => g.objects);
  const single = groups.length === 1 && groups[0].named && all.length === 1 && !watch;
  if (all.length === 0 && format.kind !== 'yaml' && format.kind !== 'json') return;
  ctx.print(
    printObjects(groups.length === 1 ? groups[0].rt : undefined, all, format, {
      single,
      nowMs,
      noHeaders: tableOpts.noHeaders,
    }),
  );
}

/**
 * `get -w`: after the first listing, one row per change of a matching object (a deleted object prints its
 * last state once more), until the host stops the stream.
 */
function watchStream(
  ctx: CommandContext,
  inv: Invocation,
  groups: SelectedGroup[],
  format: OutputFormat | undefined,
  tableOpts: TableOptions,
  widths: Map<ResourceType, number[]>,
): OutputStream {
  const allNs = inv.flags.bool('all-namespaces');
  const namespace = ctx.namespace;
  const sel = labelSelector(inv.flags.str('selector'));
  const fieldText = inv.flags.str('field-selector');
  const api = ctx.api;
  const clock = ctx.cluster.clock;
  return {
    untilInterrupted: true,
    subscribe(write, done) {
      const stops: (() => void)[] = [];
      let headerPrinted = !inv.flags.bool('watch-only') && groups.some((g) => g.objects.length > 0);
      for (const g of groups) {
        const rt: ResourceType = g.rt;
        const names = g.named ? new Set(g.objects.map((o) => o.metadata.name)) : undefined;
        const fields = fieldSelector(rt, fieldText);
        const wanted = (o: StoredObject) =>
          (!rt.namespaced || allNs || o.metadata.namespace === namespace) &&
          (!names || names.has(o.metadata.name)) &&
          (!sel || matches(sel, o.metadata.labels)) &&
          (!fields || fields.every((f) => (f.op === '=') === (String(getField(o, f.field)) === f.value)));
        stops.push(
          api.watch(typeId(rt), undefined, (e: WatchEvent) => {
            if (!wanted(e.object)) return;
            const now = clock.now();
            if (!format || format.kind === 'wide') {
              const opts = {
                ...tableOpts,
                withNamespace: tableOpts.withNamespace && rt.namespaced,
                rememberedWidths: widths.get(rt),
              };
              if (!headerPrinted) {
                headerPrinted = true;
                write(printTable(rt, [e.object], opts, now));
              } else write(printRows(rt, [e.object], opts, now));
            } else write(printObjects(rt, [e.object], format, { single: true, nowMs: now }));
          }),
        );
      }
      const timer = stopAfterRequestTimeout(ctx, inv, done);
      return () => {
        if (timer) timer.cancelled = true;
        for (const s of stops) s();
      };
    },
  };
}

/** `--request-timeout` ends a watch, as the server closing it does (exit 0). */
export function stopAfterRequestTimeout(ctx: CommandContext, inv: Invocation, done: (code: number) => void) {
  const ms = parseDuration(inv.flags.str('request-timeout'));
  if (!ms) return undefined;
  return ctx.cluster.clock.after(ms, 'kubectl request timeout', () => done(0));
}

function getField(o: StoredObject, path: string): unknown {
  let cur: unknown = o;
  for (const p of path.split('.'))
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur ?? '';
}
