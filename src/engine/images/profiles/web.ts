/** Web servers: nginx, Apache httpd, httpbin, http-echo. */
import { apacheTime, clfTime, slashTime, spaceTime } from '../logtime';
import type { HttpRequest, HttpResponse, ImageProfile, ServerContext } from '../types';
import {
  DEBIAN_BINS,
  DEBIAN_FILES,
  DIE_ON_TERM,
  flag,
  header,
  json,
  mib,
  PATH_DEFAULT,
  splitPath,
  text,
} from './base';

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function nginxErrorPage(status: number, title: string, version: string): string {
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

export function nginxProfile(version: string): ImageProfile {
  return {
    id: `nginx-${version}`,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: {
      PATH: PATH_DEFAULT,
      NGINX_VERSION: version,
      NJS_VERSION: '0.8.9',
      NJS_RELEASE: '1~bookworm',
      PKG_RELEASE: '1~bookworm',
    },
    workingDir: '/',
    shell: 'bash',
    binaries: [...DEBIAN_BINS, 'nginx', 'curl', 'envsubst'],
    serverCommands: ['nginx'],
    wrappers: ['/docker-entrypoint.sh'],
    processName: 'nginx: master process nginx -g daemon off;',
    files: {
      ...DEBIAN_FILES,
      '/usr/share/nginx/html/index.html': NGINX_WELCOME,
      '/usr/share/nginx/html/50x.html':
        '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      '/etc/nginx/nginx.conf':
        '\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    log_format  main  \'$remote_addr - $remote_user [$time_local] "$request" \'\n                      \'$status $body_bytes_sent "$http_referer" \'\n                      \'"$http_user_agent" "$http_x_forwarded_for"\';\n\n    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n',
    },
    server: {
      ports: () => [80],
      startupMs: () => 40,
      startLogs: (ctx) => {
        const t = slashTime(ctx.startedAtMs + 30);
        return [
          '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
          '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
          '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
          '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
          '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
          '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
          '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
          '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
          '/docker-entrypoint.sh: Configuration complete; ready for start up',
          `${t} [notice] 1#1: using the "epoll" event method`,
          `${t} [notice] 1#1: nginx/${version}`,
          `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
          `${t} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
          `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
          `${t} [notice] 1#1: start worker processes`,
          ...[29, 30, 31, 32].map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
        ];
      },
      handle: (req, ctx) => nginxHandle(req, ctx, version),
      accessLog: (req, res, ctx) =>
        `${req.clientIP} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${byteLength(res.body)} "${header(req, 'Referer') ?? '-'}" "${header(req, 'User-Agent') ?? '-'}" "${header(req, 'X-Forwarded-For') ?? '-'}"`,
      stop: {
        signal: 'SIGQUIT',
        reaction: 'exit',
        afterMs: 30,
        exitCode: 0,
        logs: (ctx) => {
          const t = slashTime(ctx.nowMs);
          return [
            `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
            ...[29, 30, 31, 32].map((pid) => `${t} [notice] ${pid}#${pid}: gracefully shutting down`),
            ...[29, 30, 31, 32].map((pid) => `${t} [notice] ${pid}#${pid}: exiting`),
            ...[29, 30, 31, 32].map((pid) => `${t} [notice] ${pid}#${pid}: exit`),
            `${t} [notice] 1#1: signal 17 (SIGCHLD) received from 29`,
            `${t} [notice] 1#1: worker process 29 exited with code 0`,
            `${t} [notice] 1#1: exit`,
          ];
        },
      },
      memoryBytes: mib(3.2),
      cpuMillis: 0,
      cpuPerRps: 0.4,
    },
  };
}

function nginxHandle(req: HttpRequest, ctx: ServerContext, version: string): HttpResponse {
  const { pathname } = splitPath(req.path);
  const page = (status: number, title: string): HttpResponse =>
    text(status, nginxErrorPage(status, title, version), 'text/html');
  if (!['GET', 'HEAD', 'POST'].includes(req.method)) return page(405, 'Not Allowed');
  let file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  let body = ctx.readFile(`/usr/share/nginx/html${file}`);
  if (body === undefined && pathname.endsWith('/')) {
    file = `${pathname}index.htm`;
    body = ctx.readFile(`/usr/share/nginx/html${file}`);
  }
  if (body === undefined) return page(404, 'Not Found');
  if (req.method === 'POST') return page(405, 'Not Allowed');
  return text(
    200,
    req.method === 'HEAD' ? '' : body,
    file.endsWith('.html') || file.endsWith('.htm') ? 'text/html' : 'text/plain',
  );
}

export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
  }
  return n;
}

export function httpdProfile(version: string): ImageProfile {
  return {
    id: `httpd-${version}`,
    entrypoint: [],
    cmd: ['httpd-foreground'],
    env: {
      PATH: '/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HTTPD_PREFIX: '/usr/local/apache2',
      HTTPD_VERSION: version,
    },
    workingDir: '/usr/local/apache2',
    shell: 'bash',
    binaries: [...DEBIAN_BINS, 'httpd', 'httpd-foreground', 'apachectl'],
    serverCommands: ['httpd-foreground', 'httpd'],
    processName: 'httpd -DFOREGROUND',
    files: {
      ...DEBIAN_FILES,
      '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n',
    },
    server: {
      ports: () => [80],
      startupMs: () => 60,
      startLogs: (ctx) => {
        const warn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
        const t = apacheTime(ctx.startedAtMs + 50);
        return [
          warn,
          warn,
          `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations`,
          `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
        ];
      },
      handle: (req, ctx) => {
        const { pathname } = splitPath(req.path);
        const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
        const body = ctx.readFile(`/usr/local/apache2/htdocs${file}`);
        if (body === undefined) {
          return text(
            404,
            `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`,
            'text/html; charset=iso-8859-1',
          );
        }
        return text(200, req.method === 'HEAD' ? '' : body, 'text/html');
      },
      accessLog: (req, res, ctx) =>
        `${req.clientIP} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${byteLength(res.body)}`,
      stop: {
        signal: 'SIGWINCH',
        reaction: 'exit',
        afterMs: 1000,
        exitCode: 0,
        logs: (ctx) => [
          `[${apacheTime(ctx.nowMs)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`,
        ],
      },
      memoryBytes: mib(6.5),
      cpuMillis: 1,
      cpuPerRps: 0.5,
    },
  };
}

/** httpbin (kennethreitz/httpbin on gunicorn, mccutchen/go-httpbin): echo endpoints for traffic lessons. */
export function httpbinProfile(flavour: 'python' | 'go'): ImageProfile {
  const port = flavour === 'go' ? 8080 : 80;
  return {
    id: `httpbin-${flavour}`,
    entrypoint: flavour === 'go' ? ['/bin/go-httpbin'] : [],
    cmd: flavour === 'go' ? [] : ['gunicorn', '-b', '0.0.0.0:80', 'httpbin:app', '-k', 'gevent'],
    env: { PATH: PATH_DEFAULT, ...(flavour === 'python' ? { LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } : {}) },
    workingDir: flavour === 'go' ? '/' : '/httpbin',
    shell: flavour === 'go' ? null : 'bash',
    binaries: flavour === 'go' ? ['go-httpbin'] : [...DEBIAN_BINS, 'gunicorn', 'python3', 'pip3'],
    serverCommands: flavour === 'go' ? ['go-httpbin'] : ['gunicorn'],
    processName:
      flavour === 'go'
        ? '/bin/go-httpbin'
        : '/usr/bin/python3 /usr/local/bin/gunicorn -b 0.0.0.0:80 httpbin:app -k gevent',
    files: flavour === 'go' ? {} : DEBIAN_FILES,
    server: {
      ports: (ctx) => [Number(ctx.env.PORT ?? port)],
      startupMs: () => (flavour === 'go' ? 30 : 900),
      startLogs: (ctx) =>
        flavour === 'go'
          ? [
              `time="${spaceTime(ctx.startedAtMs).replace(' ', 'T')}Z" level=info msg="go-httpbin listening on http://0.0.0.0:${port}"`,
            ]
          : [
              `[${spaceTime(ctx.startedAtMs + 800)} +0000] [1] [INFO] Starting gunicorn 19.9.0`,
              `[${spaceTime(ctx.startedAtMs + 800)} +0000] [1] [INFO] Listening at: http://0.0.0.0:80 (1)`,
              `[${spaceTime(ctx.startedAtMs + 800)} +0000] [1] [INFO] Using worker: gevent`,
              `[${spaceTime(ctx.startedAtMs + 850)} +0000] [9] [INFO] Booting worker with pid: 9`,
            ],
      handle: (req, ctx) => httpbinHandle(req, ctx),
      stop:
        flavour === 'go' ? DIE_ON_TERM : { signal: 'SIGTERM', reaction: 'exit', afterMs: 200, exitCode: 0 },
      memoryBytes: mib(flavour === 'go' ? 6 : 48),
      cpuMillis: 1,
      cpuPerRps: 1.5,
    },
  };
}

function httpbinHandle(req: HttpRequest, ctx: ServerContext): HttpResponse | { hang: true } {
  const { pathname, query } = splitPath(req.path);
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [
      k.replace(/(^|-)([a-z])/g, (_m, a, b) => a + b.toUpperCase()),
      v,
    ]),
  );
  const url = `http://${header(req, 'Host') ?? `${ctx.podIP}`}${req.path}`;
  if (pathname === '/' || pathname === '')
    return text(
      200,
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n    <meta charset="UTF-8">\n    <title>httpbin.org</title>\n</head>\n<body>\n<h2>httpbin.org</h2>\n<p>A simple HTTP Request &amp; Response Service.</p>\n</body>\n</html>\n',
      'text/html; charset=utf-8',
    );
  if (pathname === '/get') return json(200, { args: query, headers, origin: req.clientIP, url });
  if (pathname === '/headers') return json(200, { headers });
  if (pathname === '/ip') return json(200, { origin: req.clientIP });
  if (pathname === '/user-agent') return json(200, { 'user-agent': header(req, 'User-Agent') ?? '' });
  if (pathname.startsWith('/anything'))
    return json(200, {
      args: query,
      data: '',
      files: {},
      form: {},
      headers,
      json: null,
      method: req.method,
      origin: req.clientIP,
      url,
    });
  if (pathname === '/health' || pathname === '/status/200') return text(200, '');
  const status = /^\/status\/(\d{3})$/.exec(pathname);
  if (status) return text(Number(status[1]), '');
  const delay = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(pathname);
  if (delay)
    return {
      ...json(200, { args: query, data: '', headers, origin: req.clientIP, url }),
      latencyMs: Math.min(10, Number(delay[1])) * 1000,
    };
  const bytes = /^\/bytes\/(\d+)$/.exec(pathname);
  if (bytes) return text(200, 'x'.repeat(Math.min(100_000, Number(bytes[1]))), 'application/octet-stream');
  return text(
    404,
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n',
    'text/html',
  );
}

/** hashicorp/http-echo: answers every request with `-text` (and a newline), listening on `-listen` (:5678). */
export function httpEchoProfile(): ImageProfile {
  const listen = (ctx: ServerContext) => {
    const l = flag(ctx.args, 'listen') ?? `:${ctx.env.ECHO_PORT ?? 5678}`;
    return Number(l.slice(l.lastIndexOf(':') + 1)) || 5678;
  };
  return {
    id: 'http-echo',
    entrypoint: ['/http-echo'],
    cmd: [],
    env: { PATH: '/' },
    workingDir: '/',
    shell: null,
    binaries: ['http-echo'],
    serverCommands: ['http-echo'],
    processName: '/http-echo',
    files: {},
    server: {
      ports: (ctx) => [listen(ctx)],
      startupMs: () => 10,
      preflight: (ctx) =>
        flag(ctx.args, 'text') === undefined && ctx.env.ECHO_TEXT === undefined
          ? {
              exitCode: 127,
              afterMs: 5,
              logs: ['Missing -text option!', '', 'Usage: http-echo [options]', ''],
            }
          : undefined,
      startLogs: (ctx) => [`${slashTime(ctx.startedAtMs)} [INFO] server is listening on :${listen(ctx)}`],
      handle: (req, ctx) => {
        const { pathname } = splitPath(req.path);
        if (pathname === '/health') return json(200, { status: 'ok' }, 0);
        return text(200, `${flag(ctx.args, 'text') ?? ctx.env.ECHO_TEXT ?? ''}\n`);
      },
      accessLog: (req, res, ctx) =>
        `${slashTime(ctx.nowMs)} ${ctx.podIP}:${listen(ctx)} ${req.clientIP}:${40000 + (ctx.state.requests % 20000)} "${req.method} ${req.path} HTTP/1.1" ${res.status} ${byteLength(res.body)} "${header(req, 'User-Agent') ?? ''}" 21.3µs`,
      stop: DIE_ON_TERM,
      memoryBytes: mib(1.8),
      cpuMillis: 0,
      cpuPerRps: 0.2,
    },
  };
}
