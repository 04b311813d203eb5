/** `oc expose svc/NAME`: a Route to the Service (other resources are exposed as kubectl does). */
import { StatusError } from '../../engine/api/errors';
import type { StoredObject } from '../../engine/api/types';
import type { Command, CommandContext } from '../command';
import { usageError } from '../errors';

/** The Route `oc expose svc/x` creates: labels from the Service, its first port by name (or number). */
export function routeForService(
  svc: StoredObject,
  opts: { name?: string; hostname?: string; path?: string; port?: string } = {},
) {
  const port = svc.spec?.ports?.[0];
  const targetPort = opts.port ?? (port?.name ? port.name : String(port?.targetPort ?? port?.port ?? ''));
  return {
    apiVersion: 'route.openshift.io/v1',
    kind: 'Route',
    metadata: {
      name: opts.name || svc.metadata.name,
      namespace: svc.metadata.namespace,
      ...(svc.metadata.labels ? { labels: svc.metadata.labels } : {}),
    },
    spec: {
      ...(opts.hostname ? { host: opts.hostname } : {}),
      ...(opts.path ? { path: opts.path } : {}),
      to: { kind: 'Service', name: svc.metadata.name, weight: 100 },
      ...(targetPort
        ? { port: { targetPort: /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort } }
        : {}),
      wildcardPolicy: 'None',
    },
  };
}

export function exposeService(
  ctx: CommandContext,
  name: string,
  opts: Parameters<typeof routeForService>[1],
): StoredObject {
  const svc = ctx.api.tryGet('services', ctx.namespace, name);
  if (!svc) throw new StatusError(404, 'NotFound', `services "${name}" not found`);
  return ctx.api.create(routeForService(svc, opts), { user: ctx.user });
}

export const expose: Command = {
  name: 'expose',
  short: 'Expose a replicated application as a service or route',
  usage: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--name=name] [--hostname=host] [flags]',
  flags: [
    { name: 'hostname', type: 'string', default: '', usage: 'Set a hostname for the new route' },
    { name: 'path', type: 'string', default: '', usage: 'Set a path for the new route' },
    { name: 'name', type: 'string', default: '', usage: 'The name for the newly created object.' },
    { name: 'port', type: 'string', default: '', usage: 'The port that the resource should serve on.' },
  ],
  run(ctx, inv) {
    const args = inv.args.length === 2 ? [`${inv.args[0]}/${inv.args[1]}`] : inv.args;
    const m = /^(svc|services?)\/(.+)$/.exec(args[0] ?? '');
    if (!m) throw usageError(inv.path, 'You must provide one or more resources by argument or filename.');
    const route = exposeService(ctx, m[2], {
      name: inv.flags.str('name'),
      hostname: inv.flags.str('hostname'),
      path: inv.flags.str('path'),
      port: inv.flags.str('port') || undefined,
    });
    ctx.print(`route.route.openshift.io/${route.metadata.name} exposed\n`);
    return 0;
  },
};
