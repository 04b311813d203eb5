/** Base OS images, tool images and language runtimes. Their default command is a shell or a REPL. */
import { slashTime } from '../logtime';
import type { ImageProfile, ServerContext, ServerProfile } from '../types';
import {
  ALPINE_FILES,
  BUSYBOX_BINS,
  DEBIAN_BINS,
  DEBIAN_FILES,
  EXIT_ON_TERM,
  mib,
  PATH_DEFAULT,
  shellImage,
  splitPath,
  text,
} from './base';

export const busyboxProfile = (): ImageProfile =>
  shellImage('busybox', {
    shell: 'sh',
    binaries: BUSYBOX_BINS,
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    files: {},
    altServers: [busyboxHttpd()],
  });

export const alpineProfile = (): ImageProfile =>
  shellImage('alpine', { shell: 'sh', binaries: BUSYBOX_BINS, cmd: ['/bin/sh'], files: ALPINE_FILES });

export const ubuntuProfile = (version: string): ImageProfile =>
  shellImage('ubuntu', {
    shell: 'bash',
    binaries: [...DEBIAN_BINS, 'ps', 'top', 'free', 'apt', 'apt-get'],
    cmd: ['/bin/bash'],
    files: {
      '/etc/os-release': `PRETTY_NAME="Ubuntu ${version === '22.04' ? '22.04.5' : '24.04.1'} LTS"\nNAME="Ubuntu"\nVERSION_ID="${version}"\nID=ubuntu\nID_LIKE=debian\n`,
      '/etc/passwd': DEBIAN_FILES['/etc/passwd'],
    },
  });

export const debianProfile = (): ImageProfile =>
  shellImage('debian', { shell: 'bash', binaries: [...DEBIAN_BINS, 'apt', 'apt-get'], files: DEBIAN_FILES });

export const curlProfile = (): ImageProfile => ({
  ...shellImage('curl', { shell: 'sh', binaries: [...BUSYBOX_BINS, 'curl'], files: ALPINE_FILES }),
  entrypoint: ['/entrypoint.sh'],
  cmd: ['curl'],
  wrappers: ['/entrypoint.sh'],
});

export const netshootProfile = (): ImageProfile =>
  shellImage('netshoot', {
    shell: 'bash',
    cmd: ['zsh'],
    binaries: [
      ...BUSYBOX_BINS,
      'bash',
      'zsh',
      'curl',
      'dig',
      'host',
      'nslookup',
      'ping',
      'tcpdump',
      'iperf3',
      'nmap',
      'jq',
      'iftop',
      'ss',
      'traceroute',
      'mtr',
      'ps',
      'ip',
      'netstat',
      'nc',
    ],
    files: ALPINE_FILES,
  });

/** busybox `httpd -f -p 8080`: serves files from the working directory (-h). */
function busyboxHttpd(): { match(argv: string[]): boolean; server: ServerProfile } {
  const port = (ctx: ServerContext) => {
    const i = ctx.args.indexOf('-p');
    return i >= 0 ? Number(ctx.args[i + 1]?.split(':').pop()) || 80 : 80;
  };
  return {
    match: (argv) => argv[0]?.endsWith('httpd') === true && argv.includes('-f'),
    server: {
      ports: (ctx) => [port(ctx)],
      startupMs: () => 5,
      startLogs: () => [],
      handle: (req, ctx) => {
        const i = ctx.args.indexOf('-h');
        const root = i >= 0 ? ctx.args[i + 1] : '/var/www';
        const p = splitPath(req.path).pathname;
        const body = ctx.readFile(`${root}${p.endsWith('/') ? `${p}index.html` : p}`);
        return body === undefined
          ? text(
              404,
              '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n',
              'text/html',
            )
          : text(200, body, 'text/html');
      },
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 5, exitCode: 143 },
      memoryBytes: mib(0.5),
      cpuMillis: 0,
      cpuPerRps: 0.1,
    },
  };
}

/** `python -m http.server [port]`: a directory listing server. */
function pythonHttpServer(): { match(argv: string[]): boolean; server: ServerProfile } {
  const port = (ctx: ServerContext) => {
    const i = ctx.args.indexOf('http.server');
    return Number(ctx.args[i + 1]) || 8000;
  };
  return {
    match: (argv) => /python/.test(argv[0] ?? '') && argv[1] === '-m' && argv[2] === 'http.server',
    server: {
      ports: (ctx) => [port(ctx)],
      startupMs: () => 120,
      startLogs: (ctx) => [`Serving HTTP on 0.0.0.0 port ${port(ctx)} (http://0.0.0.0:${port(ctx)}/) ...`],
      handle: (req, ctx) => {
        const p = splitPath(req.path).pathname;
        const body = ctx.readFile(p === '/' ? '/index.html' : p);
        if (body !== undefined) return text(200, body, 'text/html');
        if (p === '/')
          return text(
            200,
            '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n',
            'text/html; charset=utf-8',
          );
        return text(
          404,
          '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n',
          'text/html;charset=utf-8',
        );
      },
      accessLog: (req, res, ctx) =>
        `${req.clientIP} - - [${slashTime(ctx.nowMs).replace(/(\d+)\/(\d+)\/(\d+) /, '$3/$2/$1 ')}] "${req.method} ${req.path} HTTP/1.1" ${res.status} -`,
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 20, exitCode: 143 },
      memoryBytes: mib(12),
      cpuMillis: 0,
      cpuPerRps: 0.8,
    },
  };
}

/** A language runtime image on Debian: bash, curl/wget (full images), the interpreter as default command. */
export function runtimeImage(
  id: string,
  cmd: string[],
  binaries: string[],
  env: Record<string, string>,
  slim = false,
): ImageProfile {
  return {
    ...shellImage(id, {
      shell: 'bash',
      binaries: [...DEBIAN_BINS, ...binaries, ...(slim ? [] : ['curl', 'wget', 'ps', 'git'])],
      files: DEBIAN_FILES,
      env: { PATH: PATH_DEFAULT, LANG: 'C.UTF-8', ...env },
      baseMemoryBytes: mib(8),
    }),
    cmd,
    altServers: id.startsWith('python') ? [pythonHttpServer()] : [],
  };
}

export const pythonProfile = (v: string, slim: boolean) =>
  runtimeImage(
    `python-${v}`,
    ['python3'],
    ['python', 'python3', 'pip', 'pip3'],
    { PYTHON_VERSION: v, GPG_KEY: '7169605F62C751356D054A26A821E680E5FA6305' },
    slim,
  );
export const nodeProfile = (v: string, slim: boolean) => ({
  ...runtimeImage(
    `node-${v}`,
    ['node'],
    ['node', 'npm', 'npx', 'yarn'],
    { NODE_VERSION: v, YARN_VERSION: '1.22.22' },
    slim,
  ),
  entrypoint: ['docker-entrypoint.sh'],
  wrappers: ['docker-entrypoint.sh'],
});
export const rubyProfile = (v: string) =>
  runtimeImage(`ruby-${v}`, ['irb'], ['ruby', 'irb', 'gem', 'bundle'], {
    RUBY_VERSION: v,
    GEM_HOME: '/usr/local/bundle',
  });
export const golangProfile = (v: string) =>
  runtimeImage(`golang-${v}`, ['bash'], ['go', 'gofmt', 'gcc', 'make'], {
    GOLANG_VERSION: v,
    GOPATH: '/go',
    GOTOOLCHAIN: 'local',
    PATH: `/go/bin:/usr/local/go/bin:${PATH_DEFAULT}`,
  });
export const javaProfile = (v: string) =>
  runtimeImage(
    `temurin-${v}`,
    ['jshell'],
    ['java', 'javac', 'jshell', 'jar'],
    {
      JAVA_HOME: '/opt/java/openjdk',
      JAVA_VERSION: `jdk-${v}`,
      PATH: `/opt/java/openjdk/bin:${PATH_DEFAULT}`,
    },
    true,
  );

/** php:apache serves /var/www/html with Apache; php-cli runs the interactive shell. */
export function phpProfile(v: string, apache: boolean): ImageProfile {
  const base = runtimeImage(
    `php-${v}${apache ? '-apache' : ''}`,
    apache ? ['apache2-foreground'] : ['php', '-a'],
    ['php', 'pecl', 'docker-php-ext-install'],
    { PHP_VERSION: v, PHP_INI_DIR: '/usr/local/etc/php' },
    true,
  );
  if (!apache) return base;
  return {
    ...base,
    entrypoint: ['docker-php-entrypoint'],
    wrappers: ['docker-php-entrypoint'],
    serverCommands: ['apache2-foreground'],
    workingDir: '/var/www/html',
    processName: 'apache2 -DFOREGROUND',
    server: {
      ports: () => [80],
      startupMs: () => 200,
      startLogs: (ctx) => [
        `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`,
      ],
      handle: (req, ctx) => {
        const p = splitPath(req.path).pathname;
        const body =
          ctx.readFile(`/var/www/html${p === '/' ? '/index.php' : p}`) ??
          (p === '/' ? ctx.readFile('/var/www/html/index.html') : undefined);
        return body === undefined
          ? text(
              404,
              '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n</body></html>\n',
              'text/html',
            )
          : text(200, body, 'text/html');
      },
      stop: EXIT_ON_TERM,
      memoryBytes: mib(14),
      cpuMillis: 1,
      cpuPerRps: 1,
    },
  };
}
