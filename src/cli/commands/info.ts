/** `kubectl version`, `cluster-info`, `api-resources`, `api-versions`, `explain`. */
import { apiVersionOf, type ResourceType } from '../../engine/api/kinds';
import { ExplainError, explain } from '../../engine/schema/explain';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { F } from '../globals';
import { TABLE_SETTINGS, tabwrite } from '../printers/tabwriter';

export const KUSTOMIZE_VERSION = 'v5.5.0';

function versionInfo(ctx: CommandContext) {
  const v = ctx.engine.config.kubernetesVersion;
  const [major, minor] = v.replace(/^v/, '').split('.');
  return {
    buildDate: '2025-03-11T19:52:21Z',
    compiler: 'gc',
    gitCommit: '32cc146f75aad04beaaa245a7157eb35063a9f99',
    gitTreeState: 'clean',
    gitVersion: v,
    goVersion: 'go1.23.6',
    major,
    minor,
    platform: 'linux/amd64',
  };
}

/** kubectl's YAML for version info (go-yaml quotes the timestamp and the numeric strings). */
function versionYaml(data: {
  clientVersion: Record<string, string>;
  kustomizeVersion: string;
  serverVersion?: Record<string, string>;
}): string {
  const block = (info: Record<string, string>) =>
    Object.entries(info)
      .map(([k, v]) => `  ${k}: ${/^\d+$/.test(v) || /^\d{4}-\d{2}-\d{2}T/.test(v) ? `"${v}"` : v}\n`)
      .join('');
  let out = `clientVersion:\n${block(data.clientVersion)}kustomizeVersion: ${data.kustomizeVersion}\n`;
  if (data.serverVersion) out += `serverVersion:\n${block(data.serverVersion)}`;
  return out;
}

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  examples: `  # Print the client and server versions for the current context
  kubectl version`,
  usage: 'version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  run(ctx, inv) {
    const info = versionInfo(ctx);
    const client = inv.flags.bool('client');
    const out = inv.flags.str('output');
    if (out && out !== 'yaml' && out !== 'json') throw new CliError(`--output must be 'yaml' or 'json'`);
    const data = {
      clientVersion: info,
      kustomizeVersion: KUSTOMIZE_VERSION,
      ...(client ? {} : { serverVersion: info }),
    };
    if (out === 'json') ctx.print(`${JSON.stringify(data, null, 2)}\n`);
    else if (out === 'yaml') ctx.print(versionYaml(data));
    else {
      ctx.print(`Client Version: ${info.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (!client) ctx.print(`Server Version: ${info.gitVersion}\n`);
    }
    return 0;
  },
};

/** The API server's address as kubeconfig holds it (the `kubernetes` endpoints, port 6443). */
export function serverURL(ctx: CommandContext): string {
  const ep = ctx.api.tryGet('endpoints', 'default', 'kubernetes') as
    | { subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] }
    | undefined;
  const ip = ep?.subsets?.[0]?.addresses?.[0]?.ip ?? '192.168.49.2';
  const port = ep?.subsets?.[0]?.ports?.[0]?.port ?? 6443;
  return `https://${ip}:${port}`;
}

const GREEN = '\u001b[0;32m';
const YELLOW = '\u001b[0;33m';
const RESET = '\u001b[0m';

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  group: 'Cluster Management Commands',
  short: 'Display cluster information',
  long: `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`,
  examples: `  # Print the address of the control plane and cluster services
  kubectl cluster-info`,
  usage: 'cluster-info [flags] [options]',
  run(ctx, inv) {
    if (inv.args[0] === 'dump') throw new CliError('cluster-info dump is not available in this lab');
    const url = serverURL(ctx);
    // kubectl colors these lines itself, even when not writing to a terminal.
    ctx.print(`${GREEN}Kubernetes control plane${RESET} is running at ${YELLOW}${url}${RESET}\n`);
    for (const svc of ctx.api.list('services', { namespace: 'kube-system' })) {
      if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
      const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
      const port = svc.spec?.ports?.[0]?.name ? `:${svc.spec.ports[0].name}` : '';
      ctx.print(
        `${GREEN}${name}${RESET} is running at ${YELLOW}${url}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${port}/proxy${RESET}\n`,
      );
    }
    ctx.print(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};

/** Discovery order: the core group first, then groups as they were registered; resources by name within a group. */
function discoveryOrder(all: ResourceType[]): ResourceType[] {
  const groups: string[] = [];
  for (const rt of all) if (!groups.includes(rt.group)) groups.push(rt.group);
  return groups.flatMap((g) =>
    all.filter((rt) => rt.group === g).sort((a, b) => (a.plural < b.plural ? -1 : 1)),
  );
}

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: `  # Print the supported API resources
  kubectl api-resources

  # Print the supported API resources with more information
  kubectl api-resources -o wide

  # Print the supported API resources sorted by a column
  kubectl api-resources --sort-by=name

  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true

  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false

  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=rbac.authorization.k8s.io`,
  usage: 'api-resources [flags] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    {
      name: 'namespaced',
      type: 'bool',
      default: true,
      usage:
        'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
    },
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    {
      name: 'sort-by',
      type: 'string',
      usage:
        "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.",
    },
    { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
    {
      name: 'categories',
      type: 'stringSlice',
      usage: 'Limit to resources that belong to the specified categories.',
    },
    F.noHeaders,
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
  ],
  run(ctx, inv) {
    const { flags } = inv;
    const out = flags.str('output');
    if (out && out !== 'wide' && out !== 'name') throw new CliError(`--output ${out} is not available`);
    const sortBy = flags.str('sort-by');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind')
      throw new CliError(`--sort-by accepts only name or kind`);
    let list = discoveryOrder(ctx.api.kinds.all());
    if (flags.changed('namespaced')) list = list.filter((rt) => rt.namespaced === flags.bool('namespaced'));
    if (flags.changed('api-group')) list = list.filter((rt) => rt.group === flags.str('api-group'));
    for (const v of flags.list('verbs')) list = list.filter((rt) => rt.verbs.includes(v));
    for (const c of flags.list('categories')) list = list.filter((rt) => rt.categories.includes(c));
    if (sortBy)
      list = [...list].sort((a, b) =>
        sortBy === 'kind' ? (a.kind < b.kind ? -1 : 1) : a.plural < b.plural ? -1 : 1,
      );
    if (out === 'name') {
      for (const rt of list) ctx.print(`${rt.group ? `${rt.plural}.${rt.group}` : rt.plural}\n`);
      return 0;
    }
    const wide = out === 'wide';
    const header = [
      'NAME',
      'SHORTNAMES',
      'APIVERSION',
      'NAMESPACED',
      'KIND',
      ...(wide ? ['VERBS', 'CATEGORIES'] : []),
    ];
    const rows = list.map((rt) => [
      rt.plural,
      rt.shortNames.join(','),
      apiVersionOf(rt),
      String(rt.namespaced),
      rt.kind,
      ...(wide ? [`[${rt.verbs.join(' ')}]`, rt.categories.join(',')] : []),
    ]);
    const lines = [...(flags.bool('no-headers') ? [] : [header]), ...rows].map((r) => r.join('\t'));
    ctx.print(tabwrite(`${lines.join('\n')}\n`, TABLE_SETTINGS));
    return 0;
  },
};

/** What a kubeadm 1.32 API server serves, plus any group-versions registered later (OpenShift, Istio). */
const SERVED_GROUP_VERSIONS = [
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
  'v1',
];

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: `  # Print the supported API versions
  kubectl api-versions`,
  usage: 'api-versions [flags] [options]',
  run(ctx) {
    const all = new Set([...SERVED_GROUP_VERSIONS, ...ctx.api.kinds.all().map((rt) => apiVersionOf(rt))]);
    ctx.print(
      [...all]
        .sort()
        .map((v) => `${v}\n`)
        .join(''),
    );
    return 0;
  },
};

export const explainCommand: Command = {
  name: 'explain',
  group: 'Basic Commands (Intermediate)',
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple
JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `  # Get the documentation of the resource and its fields
  kubectl explain pods

  # Get all the fields in the resource
  kubectl explain pods --recursive

  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1

  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers`,
  usage:
    'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  completion: 'types',
  flags: [
    {
      name: 'recursive',
      type: 'bool',
      usage:
        'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.',
    },
    { name: 'api-version', type: 'string', usage: 'Use given api-version (group/version) of the resource.' },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: 'plaintext',
      usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).',
    },
  ],
  run(ctx, inv) {
    if (inv.args.length === 0) {
      throw new CliError(
        `You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n`,
      );
    }
    if (inv.args.length > 1) throw new CliError(`We accept only this format: explain RESOURCE\n`);
    try {
      ctx.print(
        explain(ctx.api.kinds, inv.args[0], {
          recursive: inv.flags.bool('recursive'),
          apiVersion: inv.flags.str('api-version') || undefined,
        }),
      );
    } catch (err) {
      if (err instanceof ExplainError) throw new CliError(err.message);
      throw err;
    }
    return 0;
  },
};
