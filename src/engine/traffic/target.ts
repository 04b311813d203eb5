/**
 * Where a traffic generator sends its requests: a Service's ClusterIP, a node IP plus the Service's
 * NodePort, or the address of an Ingress that routes to the Service (with its host). Resolved again for
 * every batch, so a Service whose endpoints, node port or Ingress change is followed as kube-proxy would.
 */
import { StatusError } from '../api/errors';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';

export type TrafficVia = 'clusterip' | 'nodeport' | 'ingress';

export interface TrafficTarget {
  ip: string;
  port: number;
  /** The Host header (the Service's DNS name, the node address, or the Ingress rule's host). */
  host: string;
  path: string;
}

interface ServicePort {
  name?: string;
  port: number;
  nodePort?: number;
  protocol?: string;
}

interface IngressPath {
  path?: string;
  backend?: { service?: { name?: string } };
}

/** The Service, or the API server's NotFound (`services "web" not found`). */
export function serviceOf(ctx: EngineContext, namespace: string, name: string): StoredObject {
  const svc = ctx.api.store.get('services', namespace, name);
  if (!svc) throw new StatusError(404, 'NotFound', `services "${name}" not found`);
  return svc;
}

function servicePort(svc: StoredObject, port?: number | string): ServicePort {
  const ports = (svc.spec?.ports ?? []) as ServicePort[];
  const p =
    port === undefined
      ? ports.find((x) => (x.protocol ?? 'TCP') === 'TCP')
      : ports.find((x) => x.port === Number(port) || x.name === port);
  if (!p)
    throw new Error(
      port === undefined
        ? `service "${svc.metadata.name}" has no TCP port`
        : `service "${svc.metadata.name}" has no port ${port}`,
    );
  return p;
}

/** An Ingress in the Service's namespace with a rule whose backend is the Service. */
export function ingressFor(
  ctx: EngineContext,
  namespace: string,
  service: string,
): { ingress: StoredObject; host: string; path: string } | undefined {
  const ingresses = ctx.api.store
    .list('ingresses.networking.k8s.io', namespace)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const ing of ingresses) {
    for (const rule of (ing.spec?.rules ?? []) as { host?: string; http?: { paths?: IngressPath[] } }[]) {
      const p = rule.http?.paths?.find((x) => x.backend?.service?.name === service);
      if (p) return { ingress: ing, host: rule.host ?? '', path: p.path ?? '/' };
    }
    if (ing.spec?.defaultBackend?.service?.name === service) return { ingress: ing, host: '', path: '/' };
  }
  return undefined;
}

function readyNodeIP(ctx: EngineContext): string | undefined {
  const nodes = ctx.api.store
    .list('nodes')
    .filter((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] === undefined)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const n of nodes) {
    const ip = ((n.status?.addresses ?? []) as { type: string; address: string }[]).find(
      (a) => a.type === 'InternalIP',
    )?.address;
    if (ip) return ip;
  }
  return undefined;
}

/** Resolve a target now; throws a StatusError or an Error with a message the `lab` command prints. */
export function resolveTarget(
  ctx: EngineContext,
  namespace: string,
  service: string,
  via: TrafficVia,
  path: string | undefined,
  port?: number | string,
): TrafficTarget {
  const svc = serviceOf(ctx, namespace, service);
  if (via === 'ingress') {
    const found = ingressFor(ctx, namespace, service);
    if (!found) throw new Error(`no Ingress in namespace "${namespace}" routes to service "${service}"`);
    const lb = (found.ingress.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
    const ip = lb.find((x) => x.ip)?.ip;
    if (!ip)
      throw new Error(
        `ingress "${found.ingress.metadata.name}" has no address yet (is an ingress controller installed?)`,
      );
    return { ip, port: 80, host: found.host || ip, path: path ?? found.path };
  }
  const sp = servicePort(svc, port);
  if (via === 'nodeport') {
    if (!sp.nodePort)
      throw new Error(`service "${service}" is of type ${svc.spec?.type ?? 'ClusterIP'}, not NodePort`);
    const ip = readyNodeIP(ctx);
    if (!ip) throw new Error('no worker node has an InternalIP');
    return { ip, port: sp.nodePort, host: `${ip}:${sp.nodePort}`, path: path ?? '/' };
  }
  const clusterIP = svc.spec?.clusterIP;
  if (!clusterIP || clusterIP === 'None')
    throw new Error(
      `service "${service}" is headless (clusterIP: None): send traffic through a ClusterIP Service`,
    );
  const dns = `${service}.${namespace}.svc.${ctx.config.clusterDomain}`;
  return {
    ip: clusterIP,
    port: sp.port,
    host: sp.port === 80 ? dns : `${dns}:${sp.port}`,
    path: path ?? '/',
  };
}
