import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../api/types';
import { testBed } from '../controllers/testbed';
import {
  endpointSliceControllerComponent,
  endpointsControllerComponent,
  loadBalancerComponent,
  serviceAllocationComponent,
} from '../services';
import { runningPod, serviceObject, setPodStatus } from '../services/test-helpers';
import { type Network, networkComponent } from './network';
import { RequestLog } from './request-log';
import { curlFailure, nslookupOutput, nslookupReverseOutput, wgetFailure } from './tool-output';
import type { HttpFailure, HttpSuccess } from './types';

/** A cluster with the Service machinery, the network and a stand-in for the kubelet's HTTP handler. */
function setup() {
  const t = testBed([
    serviceAllocationComponent,
    endpointsControllerComponent,
    endpointSliceControllerComponent,
    loadBalancerComponent,
    networkComponent,
  ]);
  // The container runtime answers on the ports its containers declare (8080 when none).
  t.ctx.services.set('kubelets', {
    handleHttp(pod: StoredObject, port: number, method: string, path: string) {
      const declared = (pod.spec.containers[0].ports ?? []).map(
        (p: { containerPort: number }) => p.containerPort,
      );
      if (!(declared.length ? declared : [8080]).includes(port)) return { refused: true };
      if (path === '/hang') return { hang: true };
      if (path === '/raw') return { ok: false, error: 'empty-reply', latencyMs: 1 };
      return { status: 200, body: `${method} ${path} from ${pod.metadata.name}\n`, latencyMs: 4 };
    },
  });
  t.api.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1' },
    status: { addresses: [{ type: 'InternalIP', address: '192.168.49.3' }] },
  });
  const net = t.ctx.services.get('network') as Network;
  const client = runningPod(t.api, 'client', { labels: { run: 'client' }, ip: '10.244.1.100' });
  return { t, api: t.api, net, client };
}

describe('cluster DNS', () => {
  it('resolves a Service by every name a pod in its namespace can use', () => {
    const { t, api, net, client } = setup();
    const svc = api.create(serviceObject('web'));
    t.advance(20);
    for (const name of [
      'web',
      'web.default',
      'web.default.svc',
      'web.default.svc.cluster.local',
      'web.default.svc.cluster.local.',
    ]) {
      const r = net.lookup(client, name);
      expect(r).toEqual({ ok: true, fqdn: 'web.default.svc.cluster.local', addresses: [svc.spec.clusterIP] });
    }
    const other = runningPod(api, 'other', {
      namespace: 'kube-system',
      ip: '10.244.1.101',
      labels: { run: 'other' },
    });
    expect(net.lookup(other, 'web')).toEqual({ ok: false, kind: 'resolve', name: 'web', error: 'NXDOMAIN' });
    expect(net.lookup(other, 'web.default')).toMatchObject({
      ok: true,
      fqdn: 'web.default.svc.cluster.local',
    });
    expect(net.lookup(null, 'web')).toEqual({ ok: false, kind: 'resolve', name: 'web', error: 'NXDOMAIN' });
  });

  it('answers headless Services with ready pod IPs and StatefulSet pods by hostname', () => {
    const { t, api, net, client } = setup();
    runningPod(api, 'db-0', {
      labels: { app: 'db' },
      ip: '10.244.2.5',
      spec: { hostname: 'db-0', subdomain: 'db' },
    });
    runningPod(api, 'db-1', {
      labels: { app: 'db' },
      ip: '10.244.1.7',
      spec: { hostname: 'db-1', subdomain: 'db' },
    });
    runningPod(api, 'db-2', {
      labels: { app: 'db' },
      ip: '10.244.1.8',
      ready: false,
      spec: { hostname: 'db-2', subdomain: 'db' },
    });
    api.create(serviceObject('db', { clusterIP: 'None' }));
    t.advance(20);
    expect(net.lookup(client, 'db')).toEqual({
      ok: true,
      fqdn: 'db.default.svc.cluster.local',
      addresses: ['10.244.1.7', '10.244.2.5'],
    });
    expect(net.lookup(client, 'db-0.db')).toEqual({
      ok: true,
      fqdn: 'db-0.db.default.svc.cluster.local',
      addresses: ['10.244.2.5'],
    });
    expect(net.lookup(client, '10-244-2-5.default.pod.cluster.local')).toMatchObject({
      ok: true,
      addresses: ['10.244.2.5'],
    });
  });

  it('follows ExternalName CNAMEs and finds kubernetes.default', () => {
    const { t, api, net, client } = setup();
    const web = api.create(serviceObject('web'));
    api.create(
      serviceObject('alias', {
        type: 'ExternalName',
        externalName: 'web.default.svc.cluster.local',
        selector: undefined,
      }),
    );
    api.create(
      serviceObject('kubernetes', {
        selector: undefined,
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443 }],
      }),
    );
    t.advance(20);
    expect(net.lookup(client, 'alias')).toEqual({
      ok: true,
      fqdn: 'alias.default.svc.cluster.local',
      cname: 'web.default.svc.cluster.local',
      addresses: [web.spec.clusterIP],
    });
    expect(net.lookup(client, 'kubernetes.default')).toMatchObject({ ok: true, addresses: ['10.96.0.1'] });
  });

  it('prints nslookup output as bind and busybox do', () => {
    const { t, api, net, client } = setup();
    api.create(serviceObject('web', { clusterIP: '10.96.12.34' }));
    t.advance(20);
    expect(nslookupOutput('web', net.lookup(client, 'web'), '10.96.0.10').output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.34\n\n',
    );
    expect(nslookupOutput('nope', net.lookup(client, 'nope'), '10.96.0.10', 'busybox')).toEqual({
      exitCode: 1,
      output: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n",
    });
  });

  it('answers reverse lookups for Service and pod IPs', () => {
    const { t, api, net } = setup();
    api.create(serviceObject('web', { clusterIP: '10.96.12.34' }));
    runningPod(api, 'web-0', { ip: '10.244.1.10' });
    t.advance(20);
    expect(nslookupReverseOutput('10.96.12.34', net.reverseLookup('10.96.12.34'), '10.96.0.10').output).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n34.12.96.10.in-addr.arpa\tname = web.default.svc.cluster.local.\n\n',
    );
    expect(net.reverseLookup('10.244.1.10')).toBe('10-244-1-10.web.default.svc.cluster.local');
    expect(net.reverseLookup('10.244.1.100')).toBe('10-244-1-100.default.pod.cluster.local');
    expect(net.reverseLookup('10.244.9.9')).toBeUndefined();
  });

  it('stops answering while CoreDNS has pods but none is ready', () => {
    const { t, api, net, client } = setup();
    api.create(
      serviceObject(
        'kube-dns',
        { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' } },
        'kube-system',
      ),
    );
    const dns = runningPod(api, 'coredns-1', {
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
      ip: '10.244.0.2',
      ready: false,
    });
    api.create(serviceObject('web'));
    t.advance(20);
    const r = net.lookup(client, 'web');
    expect(r).toEqual({ ok: false, kind: 'dns-unreachable', name: 'web', error: 'timeout' });
    expect(nslookupOutput('web', r, net.dns.serverIP)).toEqual({
      exitCode: 1,
      output: ';; connection timed out; no servers could be reached\n\n',
    });
    setPodStatus(api, dns, '10.244.0.2', true);
    expect(net.lookup(client, 'web').ok).toBe(true);
  });
});

describe('requests through kube-proxy', () => {
  it('reaches a ready pod through the ClusterIP, spreading requests over the endpoints', () => {
    const { t, api, net, client } = setup();
    for (let i = 0; i < 3; i++) runningPod(api, `web-${i}`, { ip: `10.244.1.${10 + i}` });
    const svc = api.create(serviceObject('web'));
    t.advance(20);
    const first = net.request(client, 'http://web/hello') as HttpSuccess;
    expect(first).toMatchObject({
      ok: true,
      status: 200,
      statusText: 'OK',
      remoteIP: svc.spec.clusterIP,
      remotePort: 80,
      service: 'default/web',
    });
    expect(first.body).toBe(`GET /hello from ${first.podName.split('/')[1]}\n`);
    expect(first.latencyMs).toBeGreaterThanOrEqual(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const r = net.request(client, 'web') as HttpSuccess;
      counts.set(r.podName, (counts.get(r.podName) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['default/web-0', 'default/web-1', 'default/web-2']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(70);
  });

  it('sticks to one pod with ClientIP session affinity', () => {
    const { t, api, net, client } = setup();
    for (let i = 0; i < 3; i++) runningPod(api, `web-${i}`, { ip: `10.244.1.${10 + i}` });
    api.create(serviceObject('web', { sessionAffinity: 'ClientIP' }));
    t.advance(20);
    const pods = new Set<string>();
    for (let i = 0; i < 20; i++) pods.add((net.request(client, 'web') as HttpSuccess).podName);
    expect(pods.size).toBe(1);
  });

  it("reports refused, unresolvable, timed out and unroutable requests with the tools' wording", () => {
    const { t, api, net, client } = setup();
    api.create(serviceObject('web'));
    runningPod(api, 'api-0', { labels: { app: 'api' }, ip: '10.244.1.20' });
    t.advance(20);
    const refused = net.request(client, 'http://web') as HttpFailure;
    expect(refused).toMatchObject({
      ok: false,
      kind: 'refused',
      host: 'web',
      port: 80,
      service: 'default/web',
    });
    expect(curlFailure(refused)).toEqual({
      exitCode: 7,
      message: `curl: (7) Failed to connect to web port 80 after ${refused.latencyMs} ms: Couldn't connect to server`,
    });
    expect(refused.latencyMs).toBeGreaterThanOrEqual(1);
    expect(refused.latencyMs).toBeLessThanOrEqual(3);
    expect(wgetFailure(refused)).toBe(
      `wget: can't connect to remote host (${refused.remoteIP}): Connection refused`,
    );

    const unknown = net.request(client, 'http://nope:8080/') as HttpFailure;
    expect(curlFailure(unknown).message).toBe('curl: (6) Could not resolve host: nope');
    expect(wgetFailure(unknown)).toBe("wget: bad address 'nope:8080'");
    expect(wgetFailure(net.request(client, 'nope') as HttpFailure)).toBe("wget: bad address 'nope'");

    // A port the pod does not listen on: RST from the pod.
    expect(net.request(client, 'http://10.244.1.20:9999/')).toMatchObject({
      ok: false,
      kind: 'refused',
      podName: 'default/api-0',
    });
    // A pod IP nobody holds: ARP fails.
    const gone = net.request(client, 'http://10.244.3.3/') as HttpFailure;
    expect(gone).toMatchObject({ kind: 'no-route', latencyMs: 3060 });
    expect(curlFailure(gone).message).toBe(
      "curl: (7) Failed to connect to 10.244.3.3 port 80 after 3060 ms: Couldn't connect to server",
    );
    // A port the Service does not expose: dropped, the client's timeout decides.
    const dropped = net.request(client, `http://web:81/`, { timeoutMs: 5000 }) as HttpFailure;
    expect(dropped).toMatchObject({ kind: 'timeout', latencyMs: 5000 });
    expect(curlFailure(dropped, { timeoutGiven: true }).message).toBe(
      'curl: (28) Connection timed out after 5000 milliseconds',
    );
    // A port that does not speak HTTP closes the connection (the kubelet's `empty-reply`).
    const raw = net.request(client, 'http://10.244.1.20:8080/raw') as HttpFailure;
    expect([raw.kind, raw.error, curlFailure(raw).message]).toEqual([
      'empty-reply',
      'empty-reply',
      'curl: (52) Empty reply from server',
    ]);
    // A server that accepts and never answers.
    const hung = net.request(client, 'http://10.244.1.20:8080/hang', { timeoutMs: 2000 }) as HttpFailure;
    expect(curlFailure(hung).message).toBe(
      'curl: (28) Operation timed out after 2000 milliseconds with 0 bytes received',
    );
  });

  it('serves NodePorts on any node IP and LoadBalancer IPs once assigned', () => {
    const { t, api, net } = setup();
    runningPod(api, 'web-0', { ip: '10.244.1.10' });
    const svc = api.create(serviceObject('web', { type: 'LoadBalancer' }));
    t.advance(1100);
    const nodePort = svc.spec.ports[0].nodePort;
    expect(net.request(null, `http://192.168.49.3:${nodePort}/`)).toMatchObject({
      ok: true,
      podName: 'default/web-0',
    });
    expect(net.request(null, 'http://192.168.49.3:31999/')).toMatchObject({ ok: false, kind: 'refused' });
    expect(net.request(null, 'http://172.18.255.200/')).toMatchObject({
      ok: true,
      status: 200,
      service: 'default/web',
    });
  });

  it('answers as the API server behind kubernetes.default: TLS required, 403 for anonymous, /version public', () => {
    const { t, api, net, client } = setup();
    api.create(
      serviceObject('kubernetes', {
        selector: undefined,
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, targetPort: 6443 }],
      }),
    );
    t.advance(20);
    const untrusted = net.request(client, 'https://kubernetes.default') as HttpFailure;
    expect(untrusted.kind).toBe('tls-untrusted');
    expect(curlFailure(untrusted).message.split('\n')[0]).toBe(
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    );
    const forbidden = net.request(client, 'https://kubernetes.default/api', {
      insecure: true,
    }) as HttpSuccess;
    expect(forbidden.status).toBe(403);
    expect(JSON.parse(forbidden.body).message).toBe(
      'forbidden: User "system:anonymous" cannot get path "/api"',
    );
    const version = net.request(client, 'https://10.96.0.1/version', { insecure: true }) as HttpSuccess;
    expect(JSON.parse(version.body).gitVersion).toBe('v1.32.3');
    expect((net.request(client, 'http://kubernetes.default:443/') as HttpSuccess).body).toBe(
      'Client sent an HTTP request to an HTTPS server.\n',
    );
  });

  it('reaches a container hostPort on its node IP', () => {
    const { api, net } = setup();
    runningPod(api, 'edge', {
      labels: { app: 'edge' },
      ip: '10.244.1.40',
      ports: [{ containerPort: 8080, hostPort: 8081 } as { containerPort: number }],
    });
    expect(net.request(null, 'http://192.168.49.3:8081/')).toMatchObject({
      ok: true,
      podName: 'default/edge',
    });
  });

  it('logs every request and counts per edge', () => {
    const { t, api, net, client } = setup();
    runningPod(api, 'web-0', { ip: '10.244.1.10' });
    api.create(serviceObject('web'));
    t.advance(20);
    net.request(client, 'web');
    net.request(client, 'nope');
    expect(net.log.recent()).toEqual([
      {
        atMs: 20,
        from: 'default/client',
        service: 'default/web',
        to: 'default/web-0',
        status: 200,
        latencyMs: expect.any(Number),
      },
      {
        atMs: 20,
        from: 'default/client',
        service: undefined,
        to: undefined,
        error: 'resolve',
        latencyMs: expect.any(Number),
      },
    ]);
    expect(net.log.edges().map((e) => [e.from, e.service, e.to, e.count, e.errors])).toEqual([
      ['default/client', 'default/web', 'default/web-0', 1, 0],
      ['default/client', undefined, undefined, 1, 1],
    ]);
  });
});

describe('RequestLog', () => {
  it('keeps the last N requests and at most M edges', () => {
    const log = new RequestLog(3, 2);
    for (let i = 0; i < 5; i++) log.record({ atMs: i, from: `ns/p${i}`, latencyMs: 1, status: 200 });
    expect(log.count).toBe(5);
    expect(log.recent().map((e) => e.atMs)).toEqual([2, 3, 4]);
    expect(log.recent(10, 3).map((e) => e.atMs)).toEqual([3, 4]);
    expect(log.edges().map((e) => e.from)).toEqual(['ns/p3', 'ns/p4']);
  });
});

describe('network performance', () => {
  it('serves 10,000 requests to a 500-endpoint Service in bounded time', () => {
    const { t, api, net, client } = setup();
    api.create(serviceObject('web'));
    for (let i = 0; i < 500; i++) runningPod(api, `web-${i}`, { ip: `10.244.${2 + (i >> 8)}.${i & 255}` });
    t.advance(2_000);
    const started = globalThis.performance.now();
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add((net.request(client, 'http://web/') as HttpSuccess).podName);
    const elapsed = globalThis.performance.now() - started;
    expect(seen.size).toBe(500);
    expect(net.log.recent().length).toBe(2000);
    // Generous: the machine is shared; per request this is well under a millisecond.
    expect(elapsed).toBeLessThan(5000);
  }, 30_000);
});
