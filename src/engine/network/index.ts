/**
 * The simulated in-cluster network (service 'network', a Network):
 *
 *   const net = service<Network>(ctx, 'network');
 *   net.lookup(fromPod, 'web')                 // { ok: true, fqdn, addresses, cname? } | { ok: false, kind, error }
 *   net.reverseLookup('10.96.12.34')           // 'web.default.svc.cluster.local' | undefined
 *   net.request(fromPod | null, 'http://web/x', { method, headers, timeoutMs, connectTimeoutMs, insecure })
 *       // { ok: true, status, statusText, body, headers, latencyMs, podName, podIP, remoteIP, service, ip, port }
 *       // | { ok: false, kind, error, host, port, ip?, latencyMs, connected?, service?, podName? }
 *   net.log.recent(limit?, sinceMs?) / net.log.edges() / net.log.subscribe(fn)   // bounded request log
 *   net.addInterceptor((req) => answer | undefined)   // answer some pods' HTTP before the kubelet (ingress-nginx)
 *   net.addOutboundHook((call, deliver) => result | undefined)   // a client-side proxy routes first (Istio)
 *   net.dns.externalHosts.set('example.com', '93.184.215.14')   // make an outside name resolvable
 *
 * `null` as the caller is a client outside the cluster (172.18.0.1): node IPs + NodePorts, LoadBalancer
 * IPs and pod IPs work, cluster DNS names do not. tool-output.ts prints what curl / busybox wget /
 * nslookup print for a result. Pod HTTP is answered by the kubelets' `handleHttp` (service 'kubelets').
 */
export { Network, network, networkComponent } from './network';
export * from './tool-output';
export type * from './types';
