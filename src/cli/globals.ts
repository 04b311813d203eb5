/** kubectl's global flags (`kubectl options`): every command accepts them. */
import type { FlagSpec } from './flags';

export const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: 'namespace',
    short: 'n',
    type: 'string',
    usage: 'If present, the namespace scope for this CLI request',
    hidden: true,
  },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use', hidden: true },
  {
    name: 'kubeconfig',
    type: 'string',
    usage: 'Path to the kubeconfig file to use for CLI requests.',
    hidden: true,
  },
  { name: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use', hidden: true },
  { name: 'user', type: 'string', usage: 'The name of the kubeconfig user to use', hidden: true },
  { name: 'as', type: 'string', usage: 'Username to impersonate for the operation.', hidden: true },
  { name: 'as-group', type: 'stringArray', usage: 'Group to impersonate for the operation.', hidden: true },
  {
    name: 'server',
    short: 's',
    type: 'string',
    usage: 'The address and port of the Kubernetes API server',
    hidden: true,
  },
  { name: 'token', type: 'string', usage: 'Bearer token for authentication to the API server', hidden: true },
  {
    name: 'request-timeout',
    type: 'string',
    default: '0',
    usage: 'The length of time to wait before giving up on a single server request.',
    hidden: true,
  },
  { name: 'v', short: 'v', type: 'int', usage: 'number for the log level verbosity', hidden: true },
  {
    name: 'insecure-skip-tls-verify',
    type: 'bool',
    usage: 'If true, the server certificate will not be checked for validity.',
    hidden: true,
  },
  {
    name: 'match-server-version',
    type: 'bool',
    usage: 'Require server version to match client version',
    hidden: true,
  },
  {
    name: 'warnings-as-errors',
    type: 'bool',
    usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code',
    hidden: true,
  },
];

/** Flags many commands share, defined once so their help text stays identical. */
export const F = {
  allNamespaces: {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    usage:
      'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  },
  selector: {
    name: 'selector',
    short: 'l',
    type: 'string',
    usage:
      "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
  },
  fieldSelector: {
    name: 'field-selector',
    type: 'string',
    usage:
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
  },
  output: {
    name: 'output',
    short: 'o',
    type: 'string',
    usage:
      'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).',
  },
  filename: (what: string) =>
    ({
      name: 'filename',
      short: 'f',
      type: 'stringSlice',
      usage: `Filename, directory, or URL to files ${what}`,
    }) as FlagSpec,
  recursive: {
    name: 'recursive',
    short: 'R',
    type: 'bool',
    usage:
      'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
  },
  dryRun: {
    name: 'dry-run',
    type: 'string',
    default: 'none',
    noOptDefault: 'unchanged',
    usage:
      'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
  },
  all: {
    name: 'all',
    type: 'bool',
    usage: 'Select all resources, in the namespace of the specified resource types.',
  },
  overwrite: {
    name: 'overwrite',
    type: 'bool',
    usage:
      'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.',
  },
  container: { name: 'container', short: 'c', type: 'string', usage: 'Container name.' },
  timeout: {
    name: 'timeout',
    type: 'duration',
    default: '0s',
    usage:
      'The length of time to wait before giving up, zero means infinite. The length of time to wait before giving up on a single server request.',
  },
  showLabels: {
    name: 'show-labels',
    type: 'bool',
    usage: 'When printing, show all labels as the last column (default hide labels column)',
  },
  noHeaders: {
    name: 'no-headers',
    type: 'bool',
    usage:
      "When using the default or custom-column output format, don't print headers (default print headers).",
  },
  validate: {
    name: 'validate',
    type: 'string',
    default: 'strict',
    noOptDefault: 'strict',
    usage:
      'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid.',
  },
  fieldManager: {
    name: 'field-manager',
    type: 'string',
    default: 'kubectl-client-side-apply',
    usage: 'Name of the manager used to track field ownership.',
  },
} satisfies Record<string, FlagSpec | ((w: string) => FlagSpec)>;
