/**
 * Istio's own images: istiod (pilot-discovery) and the Envoy proxy (pilot-agent), which runs as the
 * sidecar (`proxy sidecar`), the ingress gateway (`proxy router`) and the `istio-init` init container
 * (`istio-iptables ...`, which sets up the redirect and exits 0). The mesh's routing itself lives in
 * src/engine/istio; these profiles only make the containers start, listen and pass their probes.
 */
import { entry } from './catalog-entry';
import { EXIT_ON_TERM, mib } from './profiles/base';
import type { CatalogEntry, HttpRequest, ImageProfile, ServerProfile } from './types';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const ISTIO_TAGS = ['1.24.3', '1.24.2', '1.24.1', '1.24.0'];

const ok = (body: string) => ({
  status: 200,
  body,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
});

function proxyServer(): ServerProfile {
  return {
    // 15000 admin, 15001 outbound, 15006 inbound, 15020 merged metrics, 15021 health, 15090 Prometheus;
    // the gateway also listens on 8080/8443 (its Service's targetPorts).
    ports: (ctx) =>
      ctx.args.includes('router')
        ? [8080, 8443, 15021, 15090, 15000]
        : [15000, 15001, 15006, 15020, 15021, 15090],
    startupMs: () => 1_500,
    startLogs: (ctx) => [
      'info\tFLAG: --concurrency="2"',
      'info\tVersion 1.24.2-1b5ad0b2ce0c7b2a8bf8adb68bd6ab3c6b4fbd1e-Clean',
      `info\tProxy role\tips=[${ctx.podIP}] type=${ctx.args.includes('router') ? 'router' : 'sidecar'} id=${ctx.podName}.${ctx.namespace} domain=${ctx.namespace}.svc.cluster.local`,
      'info\tcache\tgenerated new workload certificate\tlatency=105.3ms ttl=23h59m59s',
      'info\tads\tADS: new connection for node:1',
      'info\tEnvoy proxy is ready',
    ],
    handle: (req: HttpRequest) => {
      const p = req.path.split('?')[0];
      if (p === '/healthz/ready') return ok('');
      if (p === '/stats/prometheus') return ok('# TYPE istio_requests_total counter\n');
      return { status: 404, body: '' };
    },
    stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 5_000, exitCode: 0 },
    memoryBytes: mib(42),
    cpuMillis: 3,
    cpuPerRps: 0.5,
  };
}

function iptablesServer(): ServerProfile {
  return {
    ports: () => [],
    startupMs: () => 10,
    // istio-iptables writes the redirect rules and exits successfully: the init container Completes.
    preflight: () => ({
      exitCode: 0,
      afterMs: 250,
      logs: [
        'info\tIstio iptables environment:',
        'info\tIstio iptables variables:',
        'info\tRunning iptables-restore with the following input:',
        '-A ISTIO_OUTPUT -j ISTIO_REDIRECT',
        'COMMIT',
      ],
    }),
    startLogs: () => [],
    stop: EXIT_ON_TERM,
    memoryBytes: mib(8),
    cpuMillis: 1,
  };
}

export function proxyv2Profile(): ImageProfile {
  return {
    id: 'istio-proxyv2',
    entrypoint: ['/usr/local/bin/pilot-agent'],
    cmd: [],
    env: { PATH, ISTIO_META_ISTIO_VERSION: '1.24.2' },
    workingDir: '/',
    shell: 'bash',
    binaries: ['pilot-agent', 'envoy', 'curl', 'iptables'],
    serverCommands: ['pilot-agent'],
    processName: '/usr/local/bin/pilot-agent proxy sidecar',
    files: {},
    server: proxyServer(),
    altServers: [{ match: (argv) => argv.includes('istio-iptables'), server: iptablesServer() }],
  };
}

export function pilotProfile(): ImageProfile {
  return {
    id: 'istio-pilot',
    entrypoint: ['/usr/local/bin/pilot-discovery'],
    cmd: [],
    env: { PATH },
    workingDir: '/',
    shell: null,
    binaries: ['pilot-discovery'],
    serverCommands: ['pilot-discovery'],
    processName: '/usr/local/bin/pilot-discovery discovery',
    files: {},
    server: {
      // 8080 debug/readiness, 15010 xDS plaintext, 15012 xDS mTLS, 15014 monitoring, 15017 webhook.
      ports: () => [8080, 15010, 15012, 15014, 15017],
      startupMs: () => 2_500,
      startLogs: () => [
        'info\tFLAG: --domain="cluster.local"',
        'info\tstarting discovery service',
        'info\tXDS: Incremental Pushing ConnectedEndpoints:0 Version:',
        'info\tads\tAll caches have been synced up in 2.1s, marking server ready',
      ],
      handle: (req) => (req.path.split('?')[0] === '/ready' ? ok('') : { status: 404, body: '' }),
      stop: EXIT_ON_TERM,
      memoryBytes: mib(75),
      cpuMillis: 5,
    },
  };
}

export function istioEntries(): CatalogEntry[] {
  const sizes = { proxyv2: 98_345_123, pilot: 76_123_456 };
  return ['docker.io/istio', 'gcr.io/istio-release'].flatMap((reg) => [
    entry(
      `${reg}/proxyv2`,
      proxyv2Profile(),
      'Istio 1.24 Envoy proxy: the istio-proxy sidecar, the ingress gateway and the istio-init container.',
      ISTIO_TAGS.map((t, i) => [t, sizes.proxyv2 + i * 4_321]),
    ),
    entry(
      `${reg}/pilot`,
      pilotProfile(),
      'Istio 1.24 control plane (istiod: pilot-discovery).',
      ISTIO_TAGS.map((t, i) => [t, sizes.pilot + i * 3_210]),
    ),
  ]);
}
