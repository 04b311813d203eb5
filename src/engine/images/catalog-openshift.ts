/**
 * OpenShift's S2I builder images (registry.access.redhat.com/ubi9/*) and the integrated registry, plus
 * the profile of an application image a build produces: the builder's runtime serving the app on 8080.
 */
import { entry } from './catalog-entry';
import { mib, routeServer, text } from './profiles/base';
import { postgresProfile } from './profiles/data';
import { runtimeImage } from './profiles/os';
import type { CatalogEntry, ImageProfile } from './types';

/** Builder images by `oc new-app` name, with their repository, runtime and version. */
export const S2I_BUILDERS: Record<
  string,
  { repository: string; runtime: string; version: string; binary: string }
> = {
  nodejs: {
    repository: 'registry.access.redhat.com/ubi9/nodejs-20',
    runtime: 'Node.js',
    version: '20',
    binary: 'node',
  },
  python: {
    repository: 'registry.access.redhat.com/ubi9/python-311',
    runtime: 'Python',
    version: '3.11',
    binary: 'python3',
  },
  ruby: {
    repository: 'registry.access.redhat.com/ubi9/ruby-33',
    runtime: 'Ruby',
    version: '3.3',
    binary: 'ruby',
  },
  php: {
    repository: 'registry.access.redhat.com/ubi9/php-82',
    runtime: 'PHP',
    version: '8.2',
    binary: 'php',
  },
  java: {
    repository: 'registry.access.redhat.com/ubi9/openjdk-21',
    runtime: 'Java',
    version: '21',
    binary: 'java',
  },
};

/** The sample ImageStreams of the `openshift` namespace: stream → tag → builder repository. */
export const SAMPLE_IMAGE_STREAMS: Record<string, Record<string, string>> = {
  nodejs: {
    '18-ubi9': 'registry.access.redhat.com/ubi9/nodejs-18',
    '20-ubi9': 'registry.access.redhat.com/ubi9/nodejs-20',
    '22-ubi9': 'registry.access.redhat.com/ubi9/nodejs-22',
    latest: 'registry.access.redhat.com/ubi9/nodejs-22',
  },
  python: {
    '3.9-ubi9': 'registry.access.redhat.com/ubi9/python-39',
    '3.11-ubi9': 'registry.access.redhat.com/ubi9/python-311',
    '3.12-ubi9': 'registry.access.redhat.com/ubi9/python-312',
    latest: 'registry.access.redhat.com/ubi9/python-312',
  },
  ruby: {
    '3.3-ubi9': 'registry.access.redhat.com/ubi9/ruby-33',
    latest: 'registry.access.redhat.com/ubi9/ruby-33',
  },
  php: {
    '8.2-ubi9': 'registry.access.redhat.com/ubi9/php-82',
    latest: 'registry.access.redhat.com/ubi9/php-82',
  },
  java: {
    'openjdk-21-ubi9': 'registry.access.redhat.com/ubi9/openjdk-21',
    latest: 'registry.access.redhat.com/ubi9/openjdk-21',
  },
};

/** The `openshift` namespace's database ImageStreams (the templates' DeploymentConfigs use them). */
export const DATABASE_IMAGE_STREAMS: Record<string, Record<string, string>> = {
  postgresql: {
    '12-el8': 'registry.redhat.io/rhel8/postgresql-12',
    '13-el9': 'registry.redhat.io/rhel9/postgresql-13',
    '15-el9': 'registry.redhat.io/rhel9/postgresql-15',
    '16-el9': 'registry.redhat.io/rhel9/postgresql-16',
    latest: 'registry.redhat.io/rhel9/postgresql-16',
  },
};

/** The sclorg PostgreSQL container: configured by POSTGRESQL_* variables, run-postgresql on 5432. */
function sclPostgresProfile(major: string): ImageProfile {
  const base = postgresProfile(major);
  const usage = [
    'You must either specify the following environment variables:',
    '  POSTGRESQL_USER',
    '  POSTGRESQL_PASSWORD',
    '  POSTGRESQL_DATABASE',
    'Or the following environment variable:',
    '  POSTGRESQL_ADMIN_PASSWORD',
    'Or both.',
  ];
  return {
    ...base,
    id: `scl-postgresql-${major}`,
    entrypoint: ['container-entrypoint'],
    cmd: ['run-postgresql'],
    env: { ...base.env, HOME: '/var/lib/pgsql', PGUSER: 'postgres' },
    workingDir: '/opt/app-root/src',
    serverCommands: ['run-postgresql', 'postgres'],
    wrappers: ['container-entrypoint'],
    server: base.server && {
      ...base.server,
      preflight: (ctx) => {
        const e = ctx.env;
        const user = e.POSTGRESQL_USER && e.POSTGRESQL_PASSWORD && e.POSTGRESQL_DATABASE;
        return user || e.POSTGRESQL_ADMIN_PASSWORD ? undefined : { exitCode: 1, afterMs: 30, logs: usage };
      },
      startLogs: () => [
        'The files belonging to this database system will be owned by user "postgres".',
        'Success. You can now start the database server using:',
        '',
        '    pg_ctl -D /var/lib/pgsql/data/userdata -l logfile start',
        '',
        'waiting for server to start.... done',
        'server started',
        '=> sourcing /usr/share/container-scripts/postgresql/start/set_passwords.sh ...',
        'ALTER ROLE',
        'waiting for server to shut down.... done',
        'server stopped',
        'Starting server...',
      ],
    },
  };
}

function builderProfile(name: string): ImageProfile {
  const b = S2I_BUILDERS[name];
  const p = runtimeImage(`s2i-${name}`, ['/usr/libexec/s2i/usage'], [b.binary], {
    HOME: '/opt/app-root/src',
    STI_SCRIPTS_PATH: '/usr/libexec/s2i',
  });
  return { ...p, workingDir: '/opt/app-root/src', binaries: [...p.binaries, 'git'] };
}

/** What an application image built from `source` answers on 8080 (the sample apps' welcome pages). */
export function builtAppProfile(builder: string, source: string, commit: string): ImageProfile {
  const b = S2I_BUILDERS[builder] ?? S2I_BUILDERS.nodejs;
  const base = builderProfile(builder in S2I_BUILDERS ? builder : 'nodejs');
  const app =
    source
      .replace(/\.git$/, '')
      .split('/')
      .pop() ?? 'app';
  return {
    ...base,
    id: `app-${app}-${commit.slice(0, 7)}`,
    cmd: ['/usr/libexec/s2i/run'],
    serverCommands: ['/usr/libexec/s2i/run', 'run'],
    server: routeServer({
      port: 8080,
      startupMs: () => 900,
      startLogs: () => [`Launching via ${b.binary}...`, `Server running on http://0.0.0.0:8080`],
      routes: (path) =>
        path === '/'
          ? text(
              200,
              `<html><head><title>Welcome to OpenShift</title></head><body><h1>Welcome to your ${b.runtime} application on OpenShift</h1><p>Built from ${source} at ${commit.slice(0, 7)}.</p></body></html>\n`,
              'text/html; charset=utf-8',
            )
          : path === '/health' || path === '/healthz' || path === '/pagecount'
            ? text(200, 'OK\n')
            : undefined,
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 50, exitCode: 0 },
      memoryBytes: mib(48),
      cpuMillis: 1,
      cpuPerRps: 0.5,
    }),
  };
}

/** HAProxy's page for a host no admitted Route serves (and for a Route without endpoints). */
export const ROUTER_NOT_AVAILABLE =
  '<html><head><title>Application is not available</title></head><body><h1>Application is not available</h1><p>The application is currently not serving requests at this endpoint. It may not have been started or is still starting.</p></body></html>\n';

/** The OpenShift router (HAProxy): 80/443 for Routes (answered by the router engine), 1936 for health. */
function routerProfile(): ImageProfile {
  const base = builderProfile('nodejs');
  return {
    ...base,
    id: 'openshift-router',
    cmd: ['/usr/bin/openshift-router'],
    serverCommands: ['/usr/bin/openshift-router', 'openshift-router'],
    server: {
      ports: () => [80, 443, 1936],
      startupMs: () => 1500,
      startLogs: () => [
        'I0115 09:00:01.000000       1 template.go:560] router "msg"="starting router" "version"="4.17"',
      ],
      handle: (req) =>
        req.path.startsWith('/healthz') ? text(200, 'ok') : text(503, ROUTER_NOT_AVAILABLE, 'text/html'),
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 100, exitCode: 0 },
      memoryBytes: mib(96),
      cpuMillis: 3,
      cpuPerRps: 0.2,
    },
  };
}

export function openshiftEntries(): CatalogEntry[] {
  const repos = new Map<string, string>();
  for (const [stream, tags] of Object.entries(SAMPLE_IMAGE_STREAMS))
    for (const r of Object.values(tags)) repos.set(r, stream);
  const builders = [...repos].map(([repository, name], i) =>
    entry(repository, builderProfile(name), `OpenShift S2I builder (${repository.split('/').pop()}).`, [
      ['latest', 230_000_000 + i * 7_340_032],
      ['1', 230_000_000 + i * 7_340_032],
    ]),
  );
  const registry = entry(
    'quay.io/openshift/origin-docker-registry',
    { ...builderProfile('nodejs'), id: 'image-registry', cmd: ['/usr/bin/dockerregistry'] },
    'The OpenShift integrated image registry (image-registry.openshift-image-registry.svc:5000).',
    [['latest', 96_468_992]],
  );
  const router = entry(
    'quay.io/openshift/origin-haproxy-router',
    routerProfile(),
    'The OpenShift router (HAProxy) serving Routes on 80/443.',
    [
      ['4.17', 111_149_056],
      ['latest', 111_149_056],
    ],
  );
  const deployer = entry(
    'quay.io/openshift/origin-deployer',
    { ...builderProfile('nodejs'), id: 'openshift-deployer', cmd: ['/usr/bin/openshift-deploy'] },
    'The DeploymentConfig deployer (runs a rollout from a <dc>-<n>-deploy pod).',
    [
      ['4.17', 98_566_144],
      ['latest', 98_566_144],
    ],
  );
  const databases = Object.values(DATABASE_IMAGE_STREAMS.postgresql)
    .filter((r, i, all) => all.indexOf(r) === i)
    .map((repository, i) =>
      entry(
        repository,
        sclPostgresProfile(repository.replace(/^.*postgresql-/, '')),
        'PostgreSQL (sclorg).',
        [
          ['latest', 118_000_000 + i * 3_145_728],
          ['1', 118_000_000 + i * 3_145_728],
        ],
      ),
    );
  return [...builders, registry, router, deployer, ...databases];
}
