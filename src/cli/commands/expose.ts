/** `kubectl expose`: a Service for a deployment, replica set, pod, service or rc, selector and ports by introspection. */
import type { KObject, StoredObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { finishGenerated, GENERATOR_FLAGS } from '../generate';
import { F } from '../globals';
import { selectObjects } from '../select';

export const exposeCommand: Command = {
  name: 'expose',
  group: 'Basic Commands (Beginner)',
  short:
    'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that
resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a
service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only
the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all
will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the
resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
  examples: `  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rc nginx --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend

  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000`,
  usage:
    'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  completion: 'types',
  flags: [
    {
      name: 'port',
      type: 'string',
      usage:
        'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
    },
    {
      name: 'target-port',
      type: 'string',
      usage:
        'Name or number for the port on the container that the service should direct traffic to. Optional.',
    },
    {
      name: 'protocol',
      type: 'string',
      usage: "The network protocol for the service to be created. Default is 'TCP'.",
    },
    {
      name: 'type',
      type: 'string',
      usage:
        "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
    },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    {
      name: 'selector',
      type: 'string',
      usage:
        'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)',
    },
    {
      name: 'labels',
      short: 'l',
      type: 'string',
      usage: 'Labels to apply to the service created by this call.',
    },
    {
      name: 'external-ip',
      type: 'string',
      usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service.',
    },
    {
      name: 'cluster-ip',
      type: 'string',
      usage:
        "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
    },
    {
      name: 'session-affinity',
      type: 'string',
      usage:
        "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'",
    },
    F.filename('identifying the resource to expose a service'),
    ...GENERATOR_FLAGS,
  ],
  run: runExpose,
};

function parseMap(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split(',').map((p) => {
      const i = p.indexOf('=');
      if (i <= 0) throw new CliError(`invalid label spec: ${p}`);
      return [p.slice(0, i), p.slice(i + 1)];
    }),
  );
}

function introspect(obj: StoredObject): {
  selector: Record<string, string>;
  ports: { port: number; protocol: string; name?: string }[];
} {
  let selector: Record<string, string> | undefined;
  let podSpec: any;
  switch (obj.kind) {
    case 'Pod':
      selector = obj.metadata.labels;
      podSpec = obj.spec;
      if (!selector || Object.keys(selector).length === 0)
        throw new CliError(`the pod has no labels and cannot be exposed`);
      break;
    case 'Service':
      selector = obj.spec?.selector;
      if (!selector) throw new CliError(`the service has no pod selector set`);
      return {
        selector,
        ports: (obj.spec?.ports ?? []).map((p: any) => ({
          port: p.port,
          protocol: p.protocol ?? 'TCP',
          name: p.name,
        })),
      };
    case 'ReplicationController':
      selector = obj.spec?.selector;
      podSpec = obj.spec?.template?.spec;
      break;
    case 'Deployment':
    case 'ReplicaSet':
      if (obj.spec?.selector?.matchExpressions?.length) {
        throw new CliError(
          `couldn't convert expressions - "${obj.spec.selector.matchExpressions.map((e: any) => `${e.key} ${e.operator.toLowerCase()}`).join(',')}" to map-based selector format`,
        );
      }
      selector = obj.spec?.selector?.matchLabels;
      podSpec = obj.spec?.template?.spec;
      break;
    default:
      throw new CliError(
        `cannot expose a ${obj.kind}.${obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''}`.replace(
          /\.$/,
          '',
        ),
      );
  }
  const ports = (podSpec?.containers ?? []).flatMap((c: any) =>
    (c.ports ?? []).map((p: any) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP', name: p.name })),
  );
  return { selector: selector ?? {}, ports };
}

function runExpose(ctx: CommandContext, inv: Invocation): number {
  const { flags } = inv;
  const filenames = flags.list('filename');
  if (inv.args.length === 0 && !filenames.length) {
    throw new CliError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  }
  if (inv.args.length === 1 && !inv.args[0].includes('/') && !filenames.length)
    throw new CliError('resource(s) were provided, but no name was specified');
  const { groups, errors } = selectObjects(ctx, inv.args, { filenames });
  if (errors.length) throw errors[0];
  const obj = groups[0]?.objects[0];
  if (!obj) throw new CliError('no objects passed to expose');
  const found = introspect(obj);
  const selector = flags.str('selector') ? parseMap(flags.str('selector')) : found.selector;
  const protocol = flags.str('protocol');
  let ports: Record<string, unknown>[];
  if (flags.str('port')) {
    const list = flags.str('port').split(',');
    ports = list.map((p, i) => ({
      ...(list.length > 1 ? { name: `port-${i + 1}` } : {}),
      port: Number(p),
      protocol: protocol || 'TCP',
      targetPort: flags.str('target-port')
        ? /^\d+$/.test(flags.str('target-port'))
          ? Number(flags.str('target-port'))
          : flags.str('target-port')
        : Number(p),
    }));
  } else {
    if (found.ports.length === 0)
      throw new CliError(
        `couldn't find port via --port flag or introspection\nSee '${inv.path} -h' for help and examples`,
      );
    ports = found.ports.map((p, i) => ({
      ...(found.ports.length > 1 ? { name: p.name ?? `port-${i + 1}` } : {}),
      port: p.port,
      protocol: protocol || p.protocol,
      targetPort: flags.str('target-port')
        ? /^\d+$/.test(flags.str('target-port'))
          ? Number(flags.str('target-port'))
          : flags.str('target-port')
        : p.port,
    }));
  }
  const labels = flags.str('labels') ? parseMap(flags.str('labels')) : obj.metadata.labels;
  const type = flags.str('type');
  if (type && !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) {
    throw new CliError(`invalid service type: ${type}`);
  }
  const svc: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...(labels && Object.keys(labels).length ? { labels } : {}),
      name: flags.str('name') || obj.metadata.name,
    },
    spec: {
      ...(flags.str('cluster-ip') ? { clusterIP: flags.str('cluster-ip') } : {}),
      ...(flags.str('external-ip') ? { externalIPs: [flags.str('external-ip')] } : {}),
      ports,
      selector,
      ...(flags.str('session-affinity') ? { sessionAffinity: flags.str('session-affinity') } : {}),
      ...(type ? { type } : {}),
    },
    status: { loadBalancer: {} },
  };
  return finishGenerated(ctx, inv, svc, 'exposed');
}
