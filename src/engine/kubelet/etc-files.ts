/** The files the kubelet writes into every container: /etc/hosts, /etc/hostname and /etc/resolv.conf. */
import type { EngineContext } from '../context';
import { LiveVolume, type Mount } from './fs';
import type { PodRt } from './types';

function hostsFile(rt: PodRt, nodeName: string): string {
  const spec = rt.pod.spec ?? {};
  const host = spec.hostNetwork ? nodeName : (spec.hostname ?? rt.name);
  const fqdn = spec.subdomain ? `${host}.${spec.subdomain}.${rt.namespace}.svc.cluster.local\t${host}` : host;
  let out =
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (rt.ip) out += `${rt.ip}\t${fqdn}\n`;
  const aliases = (spec.hostAliases ?? []) as { ip: string; hostnames?: string[] }[];
  if (aliases.length) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}

function resolvConf(ctx: EngineContext, rt: PodRt): string {
  const spec = rt.pod.spec ?? {};
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'Default' || (policy === 'ClusterFirst' && spec.hostNetwork))
    return 'nameserver 192.168.49.1\noptions edns0 trust-ad\nsearch .\n';
  if (policy === 'None') {
    const c = spec.dnsConfig ?? {};
    return `${(c.searches ?? []).length ? `search ${c.searches.join(' ')}\n` : ''}${(c.nameservers ?? []).map((n: string) => `nameserver ${n}\n`).join('')}${(c.options ?? []).length ? `options ${c.options.map((o: { name: string; value?: string }) => (o.value ? `${o.name}:${o.value}` : o.name)).join(' ')}\n` : ''}`;
  }
  const dns = ctx.config.profile === 'openshift' ? '172.30.0.10' : '10.96.0.10';
  const domain = ctx.config.clusterDomain;
  return `search ${rt.namespace}.svc.${domain} svc.${domain} ${domain}\nnameserver ${dns}\noptions ndots:5\n`;
}

export function kubeletManagedFiles(ctx: EngineContext, rt: PodRt, nodeName: string): Mount[] {
  const file = (path: string, content: () => string): Mount => ({
    path,
    volume: new LiveVolume(() => ({ '': content() })),
    readOnly: false,
    subPath: '',
  });
  return [
    file('/etc/hosts', () => hostsFile(rt, nodeName)),
    file(
      '/etc/hostname',
      () => `${rt.pod.spec?.hostNetwork ? nodeName : (rt.pod.spec?.hostname ?? rt.name)}\n`,
    ),
    file('/etc/resolv.conf', () => resolvConf(ctx, rt)),
  ];
}
