/** `kubectl create service clusterip|nodeport|loadbalancer|externalname` and `create ingress`. */
import type { KObject } from '../../engine/api/types';
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { exactlyOneName, finishGenerated, GENERATOR_FLAGS } from '../generate';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function parsePorts(specs: string[], nodePort: number): Record<string, unknown>[] {
  return specs.map((spec) => {
    const [portText, targetText] = spec.split(':');
    const port = Number(portText);
    if (!/^\d+$/.test(portText)) throw new CliError(`strconv.Atoi: parsing "${portText}": invalid syntax`);
    const target =
      targetText === undefined ? port : /^\d+$/.test(targetText) ? Number(targetText) : targetText;
    return {
      name: `${portText}-${targetText ?? portText}`,
      ...(nodePort > 0 ? { nodePort } : {}),
      port,
      protocol: 'TCP',
      targetPort: target,
    };
  });
}

function serviceCommand(
  name: string,
  type: ServiceType,
  extraFlags: Command['flags'],
  examples: string,
): Command {
  return {
    name,
    short: `Create a ${name === 'clusterip' ? 'ClusterIP' : name === 'nodeport' ? 'NodePort' : name === 'loadbalancer' ? 'LoadBalancer' : 'ExternalName'} service`,
    long: `Create a ${type} service with the specified name.`,
    examples,
    usage: `create service ${name} NAME ${type === 'ExternalName' ? '--external-name external.name' : '[--tcp=<port>:<targetPort>]'} [--dry-run=server|client|none] [options]`,
    flags: [
      ...(type === 'ExternalName'
        ? []
        : [
            {
              name: 'tcp',
              type: 'stringSlice' as const,
              usage: "Port pairs can be specified as '<port>:<targetPort>'.",
            },
          ]),
      ...(extraFlags ?? []),
      ...GENERATOR_FLAGS,
    ],
    run(ctx: CommandContext, inv: Invocation) {
      const svcName = exactlyOneName(inv);
      const tcp = inv.flags.list('tcp');
      const labels = { app: svcName };
      let spec: Record<string, unknown>;
      if (type === 'ExternalName') {
        const ext = inv.flags.str('external-name');
        if (!ext) throw new CliError('required flag(s) "external-name" not set');
        spec = { externalName: ext, type };
      } else {
        const clusterIP = inv.flags.str('clusterip');
        if (tcp.length === 0 && clusterIP !== 'None')
          throw new CliError('at least one tcp port specifier must be provided');
        spec = {
          ...(clusterIP ? { clusterIP } : {}),
          ports: parsePorts(tcp, inv.flags.int('node-port')),
          selector: labels,
          type,
        };
      }
      const obj: KObject = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { labels, name: svcName },
        spec,
        status: { loadBalancer: {} },
      };
      return finishGenerated(ctx, inv, obj);
    },
  };
}

export const createServiceCommand: Command = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  long: 'Create a service using a specified subcommand.',
  usage: 'create service [flags] [options]',
  subcommands: [
    serviceCommand(
      'clusterip',
      'ClusterIP',
      [
        {
          name: 'clusterip',
          type: 'string',
          usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).",
        },
      ],
      `  # Create a new ClusterIP service named my-cs
  kubectl create service clusterip my-cs --tcp=5678:8080

  # Create a new ClusterIP service named my-cs (in headless mode)
  kubectl create service clusterip my-cs --clusterip="None"`,
    ),
    serviceCommand(
      'externalname',
      'ExternalName',
      [{ name: 'external-name', type: 'string', usage: 'External name of service' }],
      `  # Create a new ExternalName service named my-ns
  kubectl create service externalname my-ns --external-name bar.com`,
    ),
    serviceCommand(
      'loadbalancer',
      'LoadBalancer',
      [],
      `  # Create a new LoadBalancer service named my-lbs
  kubectl create service loadbalancer my-lbs --tcp=5678:8080`,
    ),
    serviceCommand(
      'nodeport',
      'NodePort',
      [
        {
          name: 'node-port',
          type: 'int',
          usage: 'Port used to expose the service on each node in a cluster.',
        },
      ],
      `  # Create a new NodePort service named my-ns
  kubectl create service nodeport my-ns --tcp=5678:8080`,
    ),
  ],
};

export const createIngressCommand: Command = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  long: 'Create an ingress with the specified name.',
  examples: `  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
  # svc1:8080 with a TLS secret "my-cert"
  kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"

  # Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
  kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"`,
  usage: 'create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]',
  flags: [
    {
      name: 'rule',
      type: 'stringArray',
      usage:
        "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.",
    },
    { name: 'class', type: 'string', usage: 'Ingress Class to be used' },
    {
      name: 'default-backend',
      type: 'string',
      usage: 'Default service for backend, in format of svcname:port',
    },
    {
      name: 'annotation',
      type: 'stringArray',
      usage: 'Annotation to insert in the ingress object, in the format annotation=value',
    },
    ...GENERATOR_FLAGS,
  ],
  run(ctx, inv) {
    const name = exactlyOneName(inv);
    const rules: Record<string, unknown>[] = [];
    const tls: Record<string, unknown>[] = [];
    for (const rule of inv.flags.list('rule')) {
      const m = /^([^/=]*)(\/[^=]*)?=([^:,]+):([^,]+)(?:,tls(?:=(.*))?)?$/.exec(rule);
      if (!m)
        throw new CliError(
          `rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
        );
      const [, host, rawPath, svc, port, secret] = m;
      const prefix = rawPath?.endsWith('*');
      const path = rawPath ? rawPath.replace(/\*$/, '') : '/';
      const backend = {
        service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } },
      };
      const entry = { path, pathType: prefix ? 'Prefix' : 'Exact', backend };
      const existing = rules.find((r) => (r.host ?? '') === host);
      if (existing) (existing.http as { paths: unknown[] }).paths.push(entry);
      else rules.push({ ...(host ? { host } : {}), http: { paths: [entry] } });
      if (rule.includes(',tls'))
        tls.push({ ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) });
    }
    const annotations = Object.fromEntries(
      inv.flags.list('annotation').map((a) => {
        const i = a.indexOf('=');
        return [a.slice(0, i), a.slice(i + 1)];
      }),
    );
    const def = inv.flags.str('default-backend');
    const obj: KObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: {
        ...(def
          ? {
              defaultBackend: {
                service: { name: def.split(':')[0], port: { number: Number(def.split(':')[1]) } },
              },
            }
          : {}),
        ...(inv.flags.str('class') ? { ingressClassName: inv.flags.str('class') } : {}),
        ...(rules.length ? { rules } : {}),
        ...(tls.length ? { tls } : {}),
      },
      status: { loadBalancer: {} },
    };
    return finishGenerated(ctx, inv, obj);
  },
};
