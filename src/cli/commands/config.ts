/** `kubectl config get-contexts|current-context|use-context|set-context|view|get-clusters|get-users|delete-context`. */
import YAML from 'yaml';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { kubeconfigToken } from '../oc/session';
import { TABLE_SETTINGS, tabwrite } from '../printers/tabwriter';
import { serverURL } from './info';

const getContexts: Command = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  long: 'Display one or many contexts from the kubeconfig file.',
  examples: `  # List all the contexts in your kubeconfig file
  kubectl config get-contexts

  # Describe one context in your kubeconfig file
  kubectl config get-contexts my-context`,
  usage: 'config get-contexts [(-o|--output=)name)] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (name).' },
    {
      name: 'no-headers',
      type: 'bool',
      usage:
        "When using the default or custom-column output format, don't print headers (default print headers).",
    },
  ],
  run(ctx, inv) {
    const out = inv.flags.str('output');
    if (out && out !== 'name') throw new CliError(`output must be one of '' or 'name': ${out}`);
    const missing = inv.args.filter((a) => !ctx.state.contexts.some((c) => c.name === a));
    const shown = inv.args.length
      ? ctx.state.contexts.filter((c) => inv.args.includes(c.name))
      : ctx.state.contexts;
    if (out === 'name') {
      for (const c of shown) ctx.print(`${c.name}\n`);
    } else {
      const rows = shown.map((c) =>
        [c.name === ctx.state.currentContext ? '*' : '', c.name, c.cluster, c.user, c.namespace ?? ''].join(
          '\t',
        ),
      );
      const lines = [
        ...(inv.flags.bool('no-headers') ? [] : ['CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE']),
        ...rows,
      ];
      ctx.print(tabwrite(`${lines.join('\n')}\n`, TABLE_SETTINGS));
    }
    if (missing.length) {
      ctx.print(`error: context ${missing.map((m) => `${m} not found`).join(', ')}\n`);
      return 1;
    }
    return 0;
  },
};

const currentContext: Command = {
  name: 'current-context',
  short: 'Display the current-context',
  long: 'Display the current-context.',
  examples: `  # Display the current-context
  kubectl config current-context`,
  usage: 'config current-context [options]',
  run(ctx) {
    ctx.print(`${ctx.state.currentContext}\n`);
    return 0;
  },
};

const useContext: Command = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  long: 'Set the current-context in a kubeconfig file.',
  examples: `  # Use the context for the minikube cluster
  kubectl config use-context minikube`,
  usage: 'config use-context CONTEXT_NAME [options]',
  completion: 'contexts',
  run(ctx, inv) {
    if (inv.args.length !== 1) throw new CliError(`Unexpected args: [${inv.args.join(' ')}]`);
    const name = inv.args[0];
    if (!ctx.state.contexts.some((c) => c.name === name))
      throw new CliError(`no context exists with the name: "${name}"`);
    ctx.state.currentContext = name;
    ctx.print(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: Command = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  long: `Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.`,
  examples: `  # Set the user field on the gce context entry without touching other values
  kubectl config set-context gce --user=cluster-admin`,
  usage:
    'config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  flags: [{ name: 'current', type: 'bool', usage: 'Modify the current context' }],
  run(ctx, inv) {
    const { flags } = inv;
    let name = inv.args[0];
    if (flags.bool('current')) {
      if (name) throw new CliError('you cannot specify both a context name and --current');
      name = ctx.state.currentContext;
    }
    if (!name)
      throw new CliError(
        `you must specify a non-empty context name or --current\nSee '${inv.path} -h' for help and examples`,
      );
    const existing = ctx.state.contexts.find((c) => c.name === name);
    const ctxEntry = existing ?? { name, cluster: '', user: '' };
    if (flags.changed('cluster')) ctxEntry.cluster = flags.str('cluster');
    if (flags.changed('user')) ctxEntry.user = flags.str('user');
    if (flags.changed('namespace')) {
      const ns = flags.str('namespace');
      if (ns) ctxEntry.namespace = ns;
      else delete ctxEntry.namespace;
    }
    if (!existing) ctx.state.contexts.push(ctxEntry);
    ctx.print(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
    return 0;
  },
};

const deleteContext: Command = {
  name: 'delete-context',
  short: 'Delete the specified context from the kubeconfig',
  long: 'Delete the specified context from the kubeconfig.',
  usage: 'config delete-context NAME [options]',
  run(ctx, inv) {
    const name = inv.args[0];
    const i = ctx.state.contexts.findIndex((c) => c.name === name);
    if (!name || i < 0) throw new CliError(`cannot delete context ${name ?? ''}, not in kubeconfig`);
    if (name === ctx.state.currentContext)
      ctx.print(
        `warning: this removed your active context, use "kubectl config use-context" to select a different one\n`,
      );
    ctx.state.contexts.splice(i, 1);
    ctx.print(`deleted context ${name} from kubeconfig\n`);
    return 0;
  },
};

function listCommand(name: string, what: 'cluster' | 'user'): Command {
  return {
    name,
    short:
      what === 'cluster'
        ? 'Display clusters defined in the kubeconfig'
        : 'Display users defined in the kubeconfig',
    long:
      what === 'cluster'
        ? 'Display clusters defined in the kubeconfig.'
        : 'Display users defined in the kubeconfig.',
    usage: `config ${name} [options]`,
    run(ctx: CommandContext) {
      const names = [
        ...new Set(ctx.state.contexts.map((c) => (what === 'cluster' ? c.cluster : c.user)).filter(Boolean)),
      ];
      ctx.print(`NAME\n${names.map((n) => `${n}\n`).join('')}`);
      return 0;
    },
  };
}

const view: Command = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: `Display merged kubeconfig settings or a specified kubeconfig file.

 You can use --output jsonpath={...} to extract specific values using a jsonpath expression.`,
  examples: `  # Show merged kubeconfig settings
  kubectl config view

  # Show merged kubeconfig settings, raw certificate data, and exposed secrets
  kubectl config view --raw`,
  usage: 'config view [flags] [options]',
  flags: [
    {
      name: 'minify',
      type: 'bool',
      usage: 'Remove all information not used by current-context from the output',
    },
    { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
    {
      name: 'flatten',
      type: 'bool',
      usage:
        'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)',
    },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: 'yaml',
      usage:
        'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
    },
  ],
  run(ctx, inv) {
    const contexts = inv.flags.bool('minify')
      ? ctx.state.contexts.filter((c) => c.name === ctx.state.currentContext)
      : ctx.state.contexts;
    const data = inv.flags.bool('raw')
      ? 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJMU1ERXhOVEE1TURBd01Gb1hEVE0xTURFeE16QTVNREF3TUZvd0ZURVRNQkVHQTFVRQpBeE1LYTNWaVpYSnVaWFJsY3pDQ0FTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTGFiCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K'
      : 'DATA+OMITTED';
    // kubeconfig's maps are written in name order. `oc login` entries (`developer/<server>`) hold a
    // bearer token; on OpenShift every cluster entry is the API server's URL.
    const byName = <T extends { name: string }>(list: T[]) => list.sort((a, b) => (a.name < b.name ? -1 : 1));
    const server = ctx.engine.services.has('openshift')
      ? `https://${ctx.engine.config.appsDomain.replace(/^apps\./, 'api.')}:6443`
      : serverURL(ctx);
    const clusters = byName(
      [...new Set(contexts.map((c) => c.cluster))].map((name) => ({
        cluster: /:\d+$/.test(name) ? { server } : { 'certificate-authority-data': data, server },
        name,
      })),
    );
    const users = byName(
      [...new Set(contexts.map((c) => c.user))].map((name) => ({
        name,
        user: name.includes('/')
          ? { token: inv.flags.bool('raw') ? (kubeconfigToken(ctx.state, name) ?? 'REDACTED') : 'REDACTED' }
          : {
              'client-certificate-data': data,
              'client-key-data': inv.flags.bool('raw') ? data : 'DATA+OMITTED',
            },
      })),
    );
    const doc = {
      apiVersion: 'v1',
      clusters,
      contexts: byName(
        contexts.map((c) => ({
          context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user },
          name: c.name,
        })),
      ),
      'current-context': ctx.state.currentContext,
      kind: 'Config',
      preferences: {},
      users,
    };
    const out = inv.flags.str('output');
    if (out === 'json') ctx.print(`${JSON.stringify(doc, null, 4)}\n`);
    else if (out === 'yaml') ctx.print(YAML.stringify(doc, { indentSeq: false }));
    else
      throw new CliError(
        `unable to match a printer suitable for the output format "${out}", allowed formats are: json,yaml`,
      );
    return 0;
  },
};

export const configCommand: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes
place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for
your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When
a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the
last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
  usage: 'config SUBCOMMAND [options]',
  subcommands: [
    currentContext,
    deleteContext,
    listCommand('get-clusters', 'cluster'),
    getContexts,
    listCommand('get-users', 'user'),
    setContext,
    useContext,
    view,
  ],
};
