import { clusterAndSampleEntries } from './catalog-apps';
import { entry, onAlpine } from './catalog-entry';
import { openshiftEntries } from './catalog-openshift';
import { ingressNginxEntries } from './ingress-nginx';
import { istioEntries } from './istio';
import { ALPINE_FILES, BUSYBOX_BINS, mib } from './profiles/base';
import { mongoProfile, mysqlProfile, postgresProfile, redisProfile } from './profiles/data';
import {
  alpineProfile,
  busyboxProfile,
  curlProfile,
  debianProfile,
  golangProfile,
  javaProfile,
  netshootProfile,
  nodeProfile,
  phpProfile,
  pythonProfile,
  rubyProfile,
  ubuntuProfile,
} from './profiles/os';
import { httpbinProfile, httpdProfile, httpEchoProfile, nginxProfile } from './profiles/web';
import type { CatalogEntry, ImageProfile } from './types';

export { digestFor } from './catalog-entry';

function stressProfile(): ImageProfile {
  const vmBytes = (args: string[]) => {
    const i = args.indexOf('--vm-bytes');
    const m = /^(\d+)([KMG]?)$/i.exec(i >= 0 ? (args[i + 1] ?? '') : '');
    if (!m) return mib(256);
    const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
    return Number(m[1]) * unit;
  };
  return {
    id: 'stress',
    entrypoint: [],
    cmd: ['stress', '--help'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    workingDir: '/',
    shell: 'sh',
    binaries: [...BUSYBOX_BINS, 'stress'],
    serverCommands: ['stress'],
    processName: 'stress',
    files: ALPINE_FILES,
    server: {
      ports: () => [],
      startupMs: () => 10,
      preflight: (ctx) =>
        ctx.args.includes('--help') || ctx.args.length === 0
          ? {
              exitCode: 1,
              afterMs: 5,
              logs: [
                "`stress' imposes certain types of compute stress on your system",
                '',
                'Usage: stress [OPTION [ARG]] ...',
              ],
            }
          : undefined,
      startLogs: (ctx) => [
        `stress: info: [1] dispatching hogs: ${ctx.args.includes('--cpu') ? 1 : 0} cpu, 0 io, ${ctx.args.includes('--vm') ? 1 : 0} vm, 0 hdd`,
      ],
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 5, exitCode: 143 },
      memoryBytes: mib(1),
      memoryFor: (ctx) => (ctx.args.includes('--vm') ? vmBytes(ctx.args) + mib(1) : mib(1)),
      cpuMillis: 0,
    },
  };
}

export function buildCatalog(): CatalogEntry[] {
  const nginx = (v: string) => nginxProfile(v);
  return [
    entry(
      'docker.io/library/nginx',
      nginx('1.27.3'),
      'nginx web server on port 80; serves /usr/share/nginx/html; access log on stdout.',
      [
        ['1.27', 72188133],
        ['1.27.3', 72188133],
        ['latest', 72188133],
        ['mainline', 72188133],
        ['1', 72188133],
        ['1.27.2', 71028431, nginx('1.27.2')],
        ['1.26', 71001840, nginx('1.26.2')],
        ['1.26.2', 71001840, nginx('1.26.2')],
        ['stable', 71001840, nginx('1.26.2')],
        ['1.25', 70544635, nginx('1.25.5')],
        ['1.25.5', 70544635, nginx('1.25.5')],
        ['1.24', 56898342, nginx('1.24.0')],
        ['1.14.2', 44710204, nginx('1.14.2')],
        ['1.27-alpine', 20490123, onAlpine(nginx('1.27.3'))],
        ['alpine', 20490123, onAlpine(nginx('1.27.3'))],
        ['1.26-alpine', 19835102, onAlpine(nginx('1.26.2'))],
      ],
    ),
    entry(
      'docker.io/library/httpd',
      httpdProfile('2.4.62'),
      'Apache httpd on port 80; serves /usr/local/apache2/htdocs ("It works!").',
      [
        ['2.4', 58176372],
        ['2.4.62', 58176372],
        ['latest', 58176372],
        ['2', 58176372],
        ['2.4-alpine', 22051273, onAlpine(httpdProfile('2.4.62'))],
        ['alpine', 22051273, onAlpine(httpdProfile('2.4.62'))],
      ],
    ),
    entry(
      'docker.io/library/busybox',
      busyboxProfile(),
      'BusyBox: sh and the usual applets (wget, nslookup, ps, ...). Default command `sh` exits at once without a terminal.',
      [
        ['1.37', 2166802],
        ['1.37.0', 2166802],
        ['latest', 2166802],
        ['stable', 2166802],
        ['1.36', 2152262],
        ['1.36.1', 2152262],
        ['1.35', 2138904],
        ['1.28', 727869],
        ['musl', 858423],
        ['glibc', 2166802],
      ],
    ),
    entry(
      'docker.io/library/alpine',
      alpineProfile(),
      'Alpine Linux: /bin/sh with BusyBox; default command exits at once without a terminal.',
      [
        ['3.21', 3642020],
        ['3.21.2', 3642020],
        ['latest', 3642020],
        ['3.20', 3625720],
        ['3.19', 3417784],
        ['3.18', 3419706],
        ['3', 3642020],
      ],
    ),
    entry('docker.io/library/ubuntu', ubuntuProfile('24.04'), 'Ubuntu: bash, coreutils, ps; no curl/wget.', [
      ['24.04', 29754422],
      ['noble', 29754422],
      ['latest', 29754422],
      ['22.04', 29537318, ubuntuProfile('22.04')],
      ['jammy', 29537318, ubuntuProfile('22.04')],
      ['20.04', 27514567, ubuntuProfile('22.04')],
    ]),
    entry('docker.io/library/debian', debianProfile(), 'Debian bookworm: bash and coreutils.', [
      ['bookworm', 48493264],
      ['12', 48493264],
      ['latest', 48493264],
      ['bookworm-slim', 28230895],
      ['stable-slim', 28230895],
    ]),
    entry('docker.io/library/redis', redisProfile('7.4.2'), 'Redis on port 6379 (TCP, not HTTP).', [
      ['7.4', 45120541],
      ['7.4.2', 45120541],
      ['7', 45120541],
      ['latest', 45120541],
      ['7.2', 43914870, redisProfile('7.2.7')],
      ['7.2.7', 43914870, redisProfile('7.2.7')],
      ['6.2', 40123355, redisProfile('6.2.16')],
      ['6.0.5', 38352012, redisProfile('6.0.5')],
      ['7.4-alpine', 17351452, onAlpine(redisProfile('7.4.2', true))],
      ['alpine', 17351452, onAlpine(redisProfile('7.4.2', true))],
    ]),
    entry(
      'docker.io/library/postgres',
      postgresProfile('17'),
      'PostgreSQL on 5432; exits 1 unless POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust) is set.',
      [
        ['17', 153488915],
        ['17.2', 153488915],
        ['latest', 153488915],
        ['16', 151236044, postgresProfile('16')],
        ['16.6', 151236044, postgresProfile('16')],
        ['15', 149552011, postgresProfile('15')],
        ['17-alpine', 104874562, onAlpine(postgresProfile('17'))],
        ['16-alpine', 103520876, onAlpine(postgresProfile('16'))],
      ],
    ),
    entry(
      'docker.io/library/mysql',
      mysqlProfile('8.4.3'),
      'MySQL on 3306; exits 1 unless MYSQL_ROOT_PASSWORD (or ALLOW_EMPTY/RANDOM) is set.',
      [
        ['8.4', 168212650],
        ['8.4.3', 168212650],
        ['lts', 168212650],
        ['8.0', 165433218, mysqlProfile('8.0.40')],
        ['8', 168212650],
        ['9.1', 172533440, mysqlProfile('9.1.0')],
        ['latest', 172533440, mysqlProfile('9.1.0')],
      ],
    ),
    entry('docker.io/library/mongo', mongoProfile('8.0.4'), 'MongoDB on 27017.', [
      ['8.0', 280124391],
      ['8', 280124391],
      ['latest', 280124391],
      ['7.0', 247005321, mongoProfile('7.0.16')],
      ['6.0', 231876012, mongoProfile('6.0.19')],
    ]),
    entry(
      'docker.io/library/node',
      nodeProfile('22.12.0', false),
      'Node.js; default command is the REPL (exits without a terminal).',
      [
        ['22', 398777264],
        ['22.12.0', 398777264],
        ['lts', 398777264],
        ['latest', 404102332, nodeProfile('23.5.0', false)],
        ['20', 392018770, nodeProfile('20.18.1', false)],
        ['18', 385331200, nodeProfile('18.20.5', false)],
        ['22-slim', 78120014, nodeProfile('22.12.0', true)],
        ['22-alpine', 55843210, onAlpine(nodeProfile('22.12.0', true))],
        ['20-alpine', 48212345, onAlpine(nodeProfile('20.18.1', true))],
      ],
    ),
    entry(
      'docker.io/library/python',
      pythonProfile('3.13.1', false),
      'Python; `python -m http.server PORT` serves files; default command is the REPL (exits without a terminal).',
      [
        ['3.13', 412340511],
        ['3.13.1', 412340511],
        ['3', 412340511],
        ['latest', 412340511],
        ['3.12', 410003264, pythonProfile('3.12.8', false)],
        ['3.11', 408000123, pythonProfile('3.11.11', false)],
        ['3.13-slim', 45234567, pythonProfile('3.13.1', true)],
        ['3.12-slim', 44231890, pythonProfile('3.12.8', true)],
        ['slim', 45234567, pythonProfile('3.13.1', true)],
        ['3.13-alpine', 18561234, onAlpine(pythonProfile('3.13.1', true))],
        ['alpine', 18561234, onAlpine(pythonProfile('3.13.1', true))],
      ],
    ),
    entry(
      'docker.io/library/ruby',
      rubyProfile('3.4.1'),
      'Ruby; default command is irb (exits without a terminal).',
      [
        ['3.4', 371204567],
        ['latest', 371204567],
        ['3.3', 368120345, rubyProfile('3.3.6')],
        ['3.4-slim', 76543210, rubyProfile('3.4.1')],
      ],
    ),
    entry(
      'docker.io/library/php',
      phpProfile('8.3.15', true),
      'PHP; the -apache tags serve /var/www/html on port 80, -cli tags run `php -a`.',
      [
        ['8.3-apache', 180231456],
        ['apache', 180231456],
        ['8.4-apache', 182345678, phpProfile('8.4.2', true)],
        ['8.3-cli', 190123432, phpProfile('8.3.15', false)],
        ['8.3', 190123432, phpProfile('8.3.15', false)],
        ['latest', 191234567, phpProfile('8.4.2', false)],
      ],
    ),
    entry(
      'docker.io/library/golang',
      golangProfile('1.23.4'),
      'Go toolchain on Debian; default command bash.',
      [
        ['1.23', 288120543],
        ['1.23.4', 288120543],
        ['latest', 292345111, golangProfile('1.24.0')],
        ['1.24', 292345111, golangProfile('1.24.0')],
        ['1.23-alpine', 77034512, onAlpine(golangProfile('1.23.4'))],
        ['alpine', 77034512, onAlpine(golangProfile('1.23.4'))],
      ],
    ),
    entry(
      'docker.io/library/eclipse-temurin',
      javaProfile('21.0.5'),
      'Eclipse Temurin JDK/JRE; default command jshell (exits without a terminal).',
      [
        ['21', 190234511],
        ['21-jdk', 190234511],
        ['latest', 190234511],
        ['21-jre', 95123456],
        ['17', 180123456, javaProfile('17.0.13')],
        ['17-jre', 88123987, javaProfile('17.0.13')],
      ],
    ),
    entry(
      'docker.io/library/openjdk',
      javaProfile('17.0.2'),
      'Deprecated OpenJDK images (last builds); prefer eclipse-temurin.',
      [
        ['17', 231456789],
        ['17-jdk-slim', 231456789],
        ['17.0.2', 231456789],
        ['11', 318765432, javaProfile('11.0.16')],
        ['11-jre-slim', 76512340, javaProfile('11.0.16')],
      ],
    ),
    entry('docker.io/curlimages/curl', curlProfile(), 'curl on Alpine (BusyBox sh too); entrypoint curl.', [
      ['8.11.1', 11912345],
      ['latest', 11912345],
      ['8.16.0', 12204567],
      ['8.10.1', 11801234],
      ['8.5.0', 11402345],
    ]),
    entry(
      'docker.io/nicolaka/netshoot',
      netshootProfile(),
      'Network troubleshooting: curl, dig, nslookup, ping, tcpdump, ss, ip...',
      [
        ['latest', 201345678],
        ['v0.13', 201345678],
        ['v0.12', 198765432],
      ],
    ),
    entry(
      'docker.io/kennethreitz/httpbin',
      httpbinProfile('python'),
      'httpbin on port 80: /get, /headers, /ip, /status/CODE, /delay/N, /anything.',
      [['latest', 199786221]],
    ),
    entry(
      'docker.io/mccutchen/go-httpbin',
      httpbinProfile('go'),
      'go-httpbin on port 8080 (distroless: no shell).',
      [
        ['v2.15.0', 12345678],
        ['latest', 12345678],
        ['v2.14.0', 12298765],
      ],
    ),
    entry(
      'docker.io/hashicorp/http-echo',
      httpEchoProfile(),
      'Answers every request with -text on -listen (default :5678); scratch image, no shell.',
      [
        ['1.0', 3521034],
        ['1.0.0', 3521034],
        ['latest', 3521034],
        ['0.2.3', 2894721],
      ],
    ),
    entry(
      'docker.io/polinux/stress',
      stressProfile(),
      '`stress --vm 1 --vm-bytes 250M` allocates memory: the OOMKilled lesson image.',
      [
        ['latest', 4139912],
        ['1.0.4', 4139912],
      ],
    ),
    ...clusterAndSampleEntries(),
    ...istioEntries(),
    ...ingressNginxEntries(),
    ...openshiftEntries(),
  ];
}
