/**
 * The ingress-nginx controller image (registry.k8s.io/ingress-nginx/controller), as the upstream deploy
 * manifest runs it: nginx on 80/443, the validating webhook on 8443 and /healthz plus metrics on 10254,
 * which its liveness and readiness probes use. Routing itself lives in src/engine/ingress; this profile
 * makes the pod start, log the banner real clusters show and pass its probes.
 */
import { entry } from './catalog-entry';
import { mib } from './profiles/base';
import type { CatalogEntry, ImageProfile } from './types';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Controller release -> the nginx it bundles and the build commit it reports. */
const RELEASES: [tag: string, nginx: string, build: string, size: number][] = [
  ['v1.12.0', '1.25.5', 'ba4cd4b9ab3d1bdcfa8a69d87e0b3a1c1e9f3f4d', 109_524_771],
  ['v1.11.3', '1.25.5', '0106de65cfccb74405a6dfa7d9daffc6f0a6ef1a', 106_118_402],
  ['v1.10.1', '1.21.6', '4fb5aac1dd3669daa3a14d9de3e3cdb371b4c518', 104_316_027],
];

function controllerProfile(tag: string, nginx: string, build: string): ImageProfile {
  return {
    id: 'ingress-nginx-controller',
    entrypoint: ['/usr/bin/dumb-init', '--'],
    cmd: ['/nginx-ingress-controller'],
    env: { PATH },
    workingDir: '/etc/nginx',
    shell: 'bash',
    binaries: ['nginx-ingress-controller', 'nginx', 'dumb-init', 'curl'],
    // dumb-init (the entrypoint) runs the controller named in the container's args.
    serverCommands: ['/nginx-ingress-controller', 'nginx-ingress-controller', 'dumb-init'],
    processName: '/nginx-ingress-controller',
    files: {},
    server: {
      ports: () => [80, 443, 8443, 10254],
      startupMs: () => 3_000,
      startLogs: (ctx) => [
        '-------------------------------------------------------------------------------',
        'NGINX Ingress controller',
        `  Release:       ${tag}`,
        `  Build:         ${build}`,
        '  Repository:    https://github.com/kubernetes/ingress-nginx',
        `  nginx version: nginx/${nginx}`,
        '',
        '-------------------------------------------------------------------------------',
        '',
        'W0115 09:00:00.000000       7 client_config.go:667] Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.',
        'I0115 09:00:00.000000       7 main.go:205] "Creating API client" host="https://10.96.0.1:443"',
        'I0115 09:00:00.000000       7 main.go:248] "Running in Kubernetes cluster" major="1" minor="32"',
        'I0115 09:00:00.000000       7 main.go:101] "SSL fake certificate created" file="/etc/ingress-controller/ssl/default-fake-certificate.pem"',
        'I0115 09:00:00.000000       7 nginx.go:271] "Starting NGINX Ingress controller"',
        `I0115 09:00:00.000000       7 leaderelection.go:254] attempting to acquire leader lease ${ctx.namespace}/ingress-nginx-leader...`,
        'I0115 09:00:00.000000       7 controller.go:213] "Backend successfully reloaded"',
      ],
      handle: (req) => {
        const path = req.path.split('?')[0];
        if (path === '/healthz') return { status: 200, body: 'ok' };
        if (path === '/metrics')
          return { status: 200, body: '# TYPE nginx_ingress_controller_success counter\n' };
        // Without a matching Ingress rule the default backend answers (src/engine/ingress routes the rest).
        return { status: 404, body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n</html>\r\n' };
      },
      // The controller drains for up to terminationGracePeriodSeconds on SIGTERM, then exits 0.
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 1_000, exitCode: 0 },
      memoryBytes: mib(96),
      cpuMillis: 4,
      cpuPerRps: 0.2,
    },
  };
}

export function ingressNginxEntries(): CatalogEntry[] {
  const [latest] = RELEASES;
  return [
    entry(
      'registry.k8s.io/ingress-nginx/controller',
      controllerProfile(latest[0], latest[1], latest[2]),
      'ingress-nginx controller: the Ingress controller of the upstream deploy manifests (nginx on 80/443, /healthz on 10254).',
      RELEASES.map(([tag, nginx, build, size]) => [tag, size, controllerProfile(tag, nginx, build)]),
    ),
  ];
}
