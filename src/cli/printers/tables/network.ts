/** Tables of services, endpoints, endpoint slices, ingresses, ingress classes and network policies. */
import type { StoredObject } from '../../../engine/api/types';
import { age, formatLabelSelector, formatLabels, listWithMore } from '../format';
import { AGE, NAME, type TableHandler, WIDE } from './types';

type Any = any;

/** `80/TCP`, `80:31234/TCP` joined with ','. */
export function servicePorts(ports: Any[] | undefined): string {
  return (ports ?? [])
    .map((p) =>
      p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`,
    )
    .join(',');
}

/** IPs or hostnames of a load balancer's ingress points (the server prints wide, so never truncated). */
export function loadBalancerAddresses(lb: Any): string {
  const out: string[] = [];
  for (const ing of lb?.ingress ?? []) {
    if (ing.ip) out.push(ing.ip);
    else if (ing.hostname) out.push(ing.hostname);
  }
  return out.join(',');
}

export function serviceExternalIP(svc: StoredObject): string {
  const spec: Any = svc.spec ?? {};
  const external: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer);
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const serviceTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    AGE,
    WIDE('Selector'),
  ],
  row(o, now) {
    const spec: Any = o.spec ?? {};
    return [
      o.metadata.name,
      spec.type ?? 'ClusterIP',
      spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>',
      serviceExternalIP(o),
      servicePorts(spec.ports) || '<none>',
      age(o.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};

/** The ENDPOINTS cell: ready addresses with each port, at most 3, then ` + N more...`. */
export function formatEndpoints(ep: StoredObject, portNames?: Set<string>): string {
  const subsets: Any[] = (ep as Any).subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: Any[] = ss.addresses ?? [];
    const ports: Any[] = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      if (portNames && !portNames.has(port.name ?? '')) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

export const endpointsTable: TableHandler = {
  columns: [NAME, { name: 'Endpoints' }, AGE],
  row: (o, now) => [o.metadata.name, formatEndpoints(o), age(o.metadata.creationTimestamp, now)],
};

export const endpointSliceTable: TableHandler = {
  columns: [NAME, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, AGE],
  row(o, now) {
    const ports = ((o.ports as Any[]) ?? []).map((p) =>
      typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*',
    );
    const addresses = ((o.endpoints as Any[]) ?? []).flatMap((e) => e.addresses ?? []);
    return [
      o.metadata.name,
      (o.addressType as string) ?? '',
      listWithMore(ports, 3, '<unset>'),
      listWithMore(addresses, 3, '<unset>'),
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

/** Ingress HOSTS: up to three hosts, `*` when none. */
export function ingressHosts(rules: Any[] | undefined): string {
  const list: string[] = [];
  const all = rules ?? [];
  const max = 3;
  let more = false;
  for (const r of all) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${all.length - max} more...` : list.join(',');
}

export const ingressTable: TableHandler = {
  columns: [NAME, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, AGE],
  row(o, now) {
    return [
      o.metadata.name,
      o.spec?.ingressClassName ?? '<none>',
      ingressHosts(o.spec?.rules),
      loadBalancerAddresses(o.status?.loadBalancer),
      (o.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

export const ingressClassTable: TableHandler = {
  columns: [NAME, { name: 'Controller' }, { name: 'Parameters' }, AGE],
  row(o, now) {
    const p: Any = o.spec?.parameters;
    let params = '<none>';
    if (p) params = `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}`;
    return [o.metadata.name, o.spec?.controller ?? '', params, age(o.metadata.creationTimestamp, now)];
  },
};

export const networkPolicyTable: TableHandler = {
  columns: [NAME, { name: 'Pod-Selector' }, AGE],
  row: (o, now) => [
    o.metadata.name,
    formatLabelSelector(o.spec?.podSelector),
    age(o.metadata.creationTimestamp, now),
  ],
};
