/** Images of the cluster itself: control-plane components, kube-proxy, CoreDNS, etcd, pause. Distroless: no shell. */
import type { ImageProfile, ServerContext } from '../types';
import { DIE_ON_TERM, mib, splitPath, text } from './base';

function klog(ctx: ServerContext, d: number, line: string): string {
  const ms = ctx.startedAtMs + d;
  const total = Math.floor(ms / 1000);
  const hh = String(9 + (Math.floor(total / 3600) % 24)).padStart(2, '0');
  const mm = String(Math.floor(total / 60) % 60).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return `I0115 ${hh}:${mm}:${ss}.${String(ms % 1000).padStart(3, '0')}000       1 ${line}`;
}

interface Component {
  id: string;
  command: string;
  ports: number[];
  health: Record<string, string>;
  memoryMiB: number;
  cpuMillis: number;
  logs: string[];
}

export function componentProfile(c: Component): ImageProfile {
  return {
    id: c.id,
    entrypoint: [],
    cmd: [`/usr/local/bin/${c.command}`],
    env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
    workingDir: '/',
    shell: null,
    binaries: [c.command],
    serverCommands: [c.command],
    processName: c.command,
    files: {},
    server: {
      ports: () => c.ports,
      startupMs: () => 800,
      startLogs: (ctx) => c.logs.map((l, i) => klog(ctx, 50 + i * 20, l)),
      handle: (req) => {
        const body = c.health[splitPath(req.path).pathname];
        return body === undefined ? text(404, '404 page not found\n') : text(200, body);
      },
      stop: DIE_ON_TERM,
      memoryBytes: mib(c.memoryMiB),
      cpuMillis: c.cpuMillis,
      cpuPerRps: 0.5,
    },
  };
}

export const SYSTEM_COMPONENTS: Component[] = [
  {
    id: 'kube-apiserver',
    command: 'kube-apiserver',
    ports: [6443],
    health: { '/livez': 'ok', '/readyz': 'ok', '/healthz': 'ok' },
    memoryMiB: 260,
    cpuMillis: 45,
    logs: [
      'options.go:228] external host was not specified, using 192.168.49.2',
      'server.go:159] Version: v1.32.3',
      'secure_serving.go:213] Serving securely on [::]:6443',
    ],
  },
  {
    id: 'kube-controller-manager',
    command: 'kube-controller-manager',
    ports: [10257],
    health: { '/healthz': 'ok' },
    memoryMiB: 52,
    cpuMillis: 14,
    logs: [
      'serving.go:386] Generated self-signed cert in-memory',
      'controllermanager.go:185] "Starting" version="v1.32.3"',
      'leaderelection.go:257] attempting to acquire leader lease kube-system/kube-controller-manager...',
    ],
  },
  {
    id: 'kube-scheduler',
    command: 'kube-scheduler',
    ports: [10259],
    health: { '/healthz': 'ok', '/livez': 'ok', '/readyz': 'ok' },
    memoryMiB: 22,
    cpuMillis: 3,
    logs: [
      'serving.go:386] Generated self-signed cert in-memory',
      'server.go:166] "Starting Kubernetes Scheduler" version="v1.32.3"',
      'leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...',
    ],
  },
  {
    id: 'kube-proxy',
    command: 'kube-proxy',
    ports: [10249, 10256],
    health: { '/healthz': '{"lastUpdated": "", "currentTime": ""}', '/livez': 'ok' },
    memoryMiB: 14,
    cpuMillis: 1,
    logs: [
      'server_linux.go:66] "Using iptables proxy"',
      'server.go:497] "Version info" version="v1.32.3"',
      'config.go:199] "Starting service config controller"',
    ],
  },
  {
    id: 'etcd',
    command: 'etcd',
    ports: [2379, 2380, 2381],
    health: { '/health': '{"health":"true","reason":""}', '/livez': 'ok', '/readyz': 'ok' },
    memoryMiB: 40,
    cpuMillis: 20,
    logs: [
      'etcdmain/etcd.go:73 "Running: " args=["etcd"]',
      'embed/etcd.go:128 "configuring peer listeners"',
      'embed/serve.go:250 "serving client traffic securely"',
    ],
  },
];

export function corednsProfile(version: string): ImageProfile {
  return {
    id: `coredns-${version}`,
    entrypoint: ['/coredns'],
    cmd: [],
    env: { PATH: '/' },
    workingDir: '/',
    shell: null,
    binaries: ['coredns'],
    serverCommands: ['coredns'],
    processName: '/coredns -conf /etc/coredns/Corefile',
    files: {},
    server: {
      ports: () => [53, 8080, 8181, 9153],
      httpPorts: () => [8080, 8181, 9153],
      startupMs: () => 300,
      startLogs: () => [
        '.:53',
        '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b',
        `CoreDNS-${version.replace(/^v/, '')}`,
        'linux/amd64, go1.21.11, a6338e9',
      ],
      handle: (req) => {
        const p = splitPath(req.path).pathname;
        if (p === '/health' || p === '/ready') return text(200, 'OK');
        if (p === '/metrics')
          return text(
            200,
            "# HELP coredns_build_info A metric with a constant '1' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\n",
          );
        return text(404, '404 page not found\n');
      },
      stop: {
        signal: 'SIGTERM',
        reaction: 'exit',
        afterMs: 5000,
        exitCode: 0,
        logs: () => [
          '[INFO] SIGTERM: Shutting down servers then terminating',
          '[INFO] plugin/health: Going into lameduck mode for 5s',
        ],
      },
      memoryBytes: mib(14),
      cpuMillis: 2,
      cpuPerRps: 0.2,
    },
  };
}

export function pauseProfile(): ImageProfile {
  return {
    id: 'pause',
    entrypoint: ['/pause'],
    cmd: [],
    env: { PATH: '/' },
    workingDir: '/',
    shell: null,
    binaries: ['pause'],
    serverCommands: ['pause'],
    processName: '/pause',
    files: {},
    server: {
      ports: () => [],
      startupMs: () => 1,
      startLogs: () => [],
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 1, exitCode: 0 },
      memoryBytes: mib(0.3),
      cpuMillis: 0,
    },
  };
}
