/** Databases and caches: redis, postgres, mysql, mongo, cassandra. They speak TCP, not HTTP. */
import { redisTime, spaceTime } from '../logtime';
import type { ImageProfile, ServerContext } from '../types';
import { DEBIAN_BINS, DEBIAN_FILES, mib, PATH_DEFAULT } from './base';

export function redisProfile(version: string, alpine = false): ImageProfile {
  return {
    id: `redis-${version}`,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: { PATH: PATH_DEFAULT, REDIS_VERSION: version },
    workingDir: '/data',
    shell: alpine ? 'sh' : 'bash',
    binaries: [...DEBIAN_BINS, 'redis-server', 'redis-cli', 'redis-benchmark'],
    serverCommands: ['redis-server'],
    wrappers: ['docker-entrypoint.sh'],
    processName: 'redis-server *:6379',
    files: DEBIAN_FILES,
    server: {
      ports: () => [6379],
      httpPorts: () => [],
      startupMs: () => 20,
      startLogs: (ctx) => {
        const t = (d: number) => redisTime(ctx.startedAtMs + d);
        return [
          `1:C ${t(2)} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`,
          `1:C ${t(3)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
          `1:C ${t(3)} * Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
          `1:C ${t(3)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
          `1:M ${t(4)} * monotonic clock: POSIX clock_gettime`,
          `1:M ${t(5)} * Running mode=standalone, port=6379.`,
          `1:M ${t(6)} * Server initialized`,
          `1:M ${t(6)} * Ready to accept connections tcp`,
        ];
      },
      stop: {
        signal: 'SIGTERM',
        reaction: 'exit',
        afterMs: 50,
        exitCode: 0,
        logs: (ctx) => {
          const t = redisTime(ctx.nowMs);
          return [
            `1:signal-handler (${Math.floor(ctx.nowMs / 1000)}) Received SIGTERM scheduling shutdown...`,
            `1:M ${t} * User requested shutdown...`,
            `1:M ${t} * Saving the final RDB snapshot before exiting.`,
            `1:M ${t} * DB saved on disk`,
            `1:M ${t} # Redis is now ready to exit, bye bye...`,
          ];
        },
      },
      memoryBytes: mib(3.1),
      cpuMillis: 2,
      cpuPerRps: 0.1,
    },
  };
}

const PG_NO_PASSWORD = [
  'Error: Database is uninitialized and superuser password is not specified.',
  '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
  '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
  '',
  '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
  '       connections without a password. This is *not* recommended.',
  '',
  '       See PostgreSQL documentation about "trust":',
  '       https://www.postgresql.org/docs/current/auth-trust.html',
];

export function postgresProfile(major: string): ImageProfile {
  const pgTime = (ctx: ServerContext, d: number) => `${spaceTime(ctx.startedAtMs + d, true)} UTC`;
  return {
    id: `postgres-${major}`,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: {
      PATH: `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${major}/bin`,
      PG_MAJOR: major,
      PGDATA: '/var/lib/postgresql/data',
      LANG: 'en_US.utf8',
    },
    workingDir: '/',
    shell: 'bash',
    binaries: [...DEBIAN_BINS, 'postgres', 'psql', 'pg_isready', 'pg_dump', 'initdb'],
    serverCommands: ['postgres'],
    wrappers: ['docker-entrypoint.sh'],
    processName: 'postgres',
    files: DEBIAN_FILES,
    server: {
      ports: () => [5432],
      httpPorts: () => [],
      startupMs: () => 2600,
      preflight: (ctx) =>
        !ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust'
          ? { exitCode: 1, afterMs: 40, logs: PG_NO_PASSWORD }
          : undefined,
      startLogs: (ctx) => [
        'The files belonging to this database system will be owned by user "postgres".',
        'This user must also own the server process' + '.',
        '',
        'The database cluster will be initialized with locale "en_US.utf8".',
        'The default database encoding has accordingly been set to "UTF8".',
        'The default text search configuration will be set to "english".',
        '',
        'Data page checksums are disabled.',
        '',
        'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
        'creating subdirectories ... ok',
        'selecting dynamic shared memory implementation ... posix',
        'selecting default max_connections ... 100',
        'selecting default shared_buffers ... 128MB',
        'selecting default time zone ... Etc/UTC',
        'creating configuration files ... ok',
        'running bootstrap script ... ok',
        'performing post-bootstrap initialization ... ok',
        'syncing data to disk ... ok',
        '',
        '',
        'Success. You can now start the database server using:',
        '',
        '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
        '',
        'PostgreSQL init process complete; ready for start up.',
        '',
        `${pgTime(ctx, 2500)} [1] LOG:  starting PostgreSQL ${major}.2 (Debian ${major}.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
        `${pgTime(ctx, 2501)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        `${pgTime(ctx, 2501)} [1] LOG:  listening on IPv6 address "::", port 5432`,
        `${pgTime(ctx, 2503)} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`,
        `${pgTime(ctx, 2560)} [1] LOG:  database system is ready to accept connections`,
      ],
      stop: {
        signal: 'SIGINT',
        reaction: 'exit',
        afterMs: 300,
        exitCode: 0,
        logs: (ctx) => [
          `${spaceTime(ctx.nowMs, true)} UTC [1] LOG:  received fast shutdown request`,
          `${spaceTime(ctx.nowMs, true)} UTC [1] LOG:  aborting any active transactions`,
          `${spaceTime(ctx.nowMs, true)} UTC [1] LOG:  database system is shut down`,
        ],
      },
      memoryBytes: mib(24),
      cpuMillis: 3,
      cpuPerRps: 2,
    },
  };
}

export function mysqlProfile(version: string): ImageProfile {
  const t = (ms: number) => `${spaceTime(ms)}+00:00`;
  return {
    id: `mysql-${version}`,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: {
      PATH: PATH_DEFAULT,
      MYSQL_MAJOR: version.split('.').slice(0, 2).join('.'),
      MYSQL_VERSION: `${version}-1.el9`,
      GOSU_VERSION: '1.17',
    },
    workingDir: '/',
    shell: 'bash',
    binaries: [...DEBIAN_BINS, 'mysqld', 'mysql', 'mysqladmin', 'mysqldump'],
    serverCommands: ['mysqld'],
    wrappers: ['docker-entrypoint.sh'],
    processName: 'mysqld',
    files: {},
    server: {
      ports: () => [3306, 33060],
      httpPorts: () => [],
      startupMs: () => 9000,
      preflight: (ctx) =>
        !ctx.env.MYSQL_ROOT_PASSWORD &&
        !ctx.env.MYSQL_ALLOW_EMPTY_PASSWORD &&
        !ctx.env.MYSQL_RANDOM_ROOT_PASSWORD
          ? {
              exitCode: 1,
              afterMs: 120,
              logs: [
                `${t(ctx.startedAtMs + 60)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version}-1.el9 started.`,
                `${t(ctx.startedAtMs + 90)} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
                `${t(ctx.startedAtMs + 95)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version}-1.el9 started.`,
                `${t(ctx.startedAtMs + 110)} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
                '    You need to specify one of the following as an environment variable:',
                '    - MYSQL_ROOT_PASSWORD',
                '    - MYSQL_ALLOW_EMPTY_PASSWORD',
                '    - MYSQL_RANDOM_ROOT_PASSWORD',
              ],
            }
          : undefined,
      startLogs: (ctx) => [
        `${t(ctx.startedAtMs + 60)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version}-1.el9 started.`,
        `${t(ctx.startedAtMs + 90)} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
        `${t(ctx.startedAtMs + 95)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version}-1.el9 started.`,
        `${t(ctx.startedAtMs + 120)} [Note] [Entrypoint]: Initializing database files`,
        `${t(ctx.startedAtMs + 8000)} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`,
        `${spaceTime(ctx.startedAtMs + 8900).replace(' ', 'T')}.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
      ],
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 1500, exitCode: 0 },
      memoryBytes: mib(380),
      cpuMillis: 8,
      cpuPerRps: 3,
    },
  };
}

export function mongoProfile(version: string): ImageProfile {
  return {
    id: `mongo-${version}`,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    env: {
      PATH: PATH_DEFAULT,
      MONGO_MAJOR: version.split('.').slice(0, 2).join('.'),
      MONGO_VERSION: version,
      HOME: '/data/db',
    },
    workingDir: '/',
    shell: 'bash',
    binaries: [...DEBIAN_BINS, 'mongod', 'mongosh'],
    serverCommands: ['mongod'],
    wrappers: ['docker-entrypoint.sh'],
    processName: 'mongod --bind_ip_all',
    files: {},
    server: {
      ports: () => [27017],
      httpPorts: () => [],
      startupMs: () => 1200,
      startLogs: (ctx) => [
        `{"t":{"$date":"${spaceTime(ctx.startedAtMs + 100, true).replace(' ', 'T')}+00:00"},"s":"I",  "c":"CONTROL",  "id":23285,   "ctx":"main","msg":"Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'"}`,
        `{"t":{"$date":"${spaceTime(ctx.startedAtMs + 1150, true).replace(' ', 'T')}+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`,
      ],
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 400, exitCode: 0 },
      memoryBytes: mib(160),
      cpuMillis: 6,
      cpuPerRps: 2,
    },
  };
}

export function cassandraProfile(): ImageProfile {
  return {
    id: 'cassandra',
    entrypoint: ['/usr/bin/dumb-init', '/bin/bash', '/run.sh'],
    cmd: [],
    env: {
      PATH: PATH_DEFAULT,
      CASSANDRA_HOME: '/usr/local/apache-cassandra-3.11.2',
      CASSANDRA_CONF: '/etc/cassandra',
    },
    workingDir: '/',
    shell: 'bash',
    binaries: [...DEBIAN_BINS, 'nodetool', 'cqlsh', 'ready-probe.sh', 'dumb-init'],
    serverCommands: ['dumb-init', 'run.sh'],
    processName: 'java -Xloggc:/var/log/cassandra/gc.log ... org.apache.cassandra.service.CassandraDaemon',
    files: {
      '/ready-probe.sh':
        '#!/bin/bash\nif [[ $(nodetool status | grep $POD_IP) == *"UN"* ]]; then exit 0; else exit 1; fi\n',
    },
    server: {
      ports: () => [7000, 7001, 7199, 9042],
      httpPorts: () => [],
      startupMs: () => 45_000,
      startLogs: (ctx) => [
        `Starting Cassandra on ${ctx.podIP}`,
        `CASSANDRA_CONF_DIR /etc/cassandra`,
        `INFO  [main] ${spaceTime(ctx.startedAtMs + 44_000)},123 StorageService.java:2289 - Node /${ctx.podIP} state jump to NORMAL`,
        `INFO  [main] ${spaceTime(ctx.startedAtMs + 44_900)},456 Server.java:156 - Starting listening for CQL clients on /0.0.0.0:9042 (unencrypted)...`,
      ],
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 5000, exitCode: 143 },
      memoryBytes: mib(900),
      cpuMillis: 40,
      cpuPerRps: 3,
    },
  };
}
