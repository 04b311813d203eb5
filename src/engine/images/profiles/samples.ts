/** Sample applications from the Kubernetes and Istio examples: guestbook, bookinfo, helloworld. */

import { decodeBase64, encodeBase64 } from '../../util/base64';
import { clfTime } from '../logtime';
import type { HttpRequest, HttpResponse, ImageProfile, ServerContext, ServerProfile } from '../types';
import { DEBIAN_BINS, EXIT_ON_TERM, json, mib, PATH_DEFAULT, splitPath, text } from './base';
import { byteLength } from './web';

function app(
  id: string,
  server: ServerProfile,
  cmd: string[],
  opts: Partial<ImageProfile> = {},
): ImageProfile {
  return {
    id,
    entrypoint: [],
    cmd,
    env: { PATH: PATH_DEFAULT },
    workingDir: '/',
    shell: 'bash',
    binaries: DEBIAN_BINS,
    serverCommands: [cmd[0]],
    processName: cmd.join(' '),
    files: {},
    server,
    ...opts,
  };
}

/** The guestbook keeps its messages in a per-namespace list, standing in for the redis leader/follower pair. */
function guestbookList(ctx: ServerContext): string[] {
  const key = `guestbook/messages`;
  let list = ctx.shared[key] as string[] | undefined;
  if (!list) {
    list = [];
    ctx.shared[key] = list;
  }
  return list;
}

export function gbFrontendProfile(): ImageProfile {
  const page =
    '<html ng-app="redis">\n  <head>\n    <title>Guestbook</title>\n    <link rel="stylesheet" href="//netdna.bootstrapcdn.com/bootstrap/3.1.1/css/bootstrap.min.css">\n    <script src="https://ajax.googleapis.com/ajax/libs/angularjs/1.2.12/angular.min.js"></script>\n    <script src="controllers.js"></script>\n    <script src="https://cdnjs.cloudflare.com/ajax/libs/angular-ui-bootstrap/0.13.0/ui-bootstrap-tpls.js"></script>\n  </head>\n  <body ng-controller="RedisCtrl">\n    <div style="width: 50%; margin-left: 20px">\n      <h2>Guestbook</h2>\n    <form>\n    <fieldset>\n    <input ng-model="msg" placeholder="Messages" class="form-control" type="text" name="input"><br>\n    <button type="button" class="btn btn-primary" ng-click="controller.onRedis()">Submit</button>\n    </fieldset>\n    </form>\n    <div>\n      <div ng-repeat="msg in messages track by $index">\n        {{msg}}\n      </div>\n    </div>\n    </div>\n  </body>\n</html>\n';
  return app(
    'gb-frontend',
    {
      ports: () => [80],
      startupMs: () => 300,
      startLogs: (ctx) => [
        `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`,
        `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`,
        '[Wed Jan 15 09:00:05.000000 2025] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.40 configured -- resuming normal operations',
        "[Wed Jan 15 09:00:05.000000 2025] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'",
      ],
      handle: (req, ctx) => {
        const { pathname, query } = splitPath(req.path);
        if (pathname === '/' || pathname === '/index.html') return text(200, page, 'text/html');
        if (pathname === '/guestbook.php') {
          const master = ctx.env.GET_HOSTS_FROM === 'env' ? 'redis-leader' : 'redis-leader';
          if (!ctx.serviceHasEndpoints(master) && !ctx.serviceHasEndpoints('redis-master')) {
            return text(
              500,
              "<br />\n<b>Fatal error</b>:  Uncaught exception 'Predis\\Connection\\ConnectionException' with message 'php_network_getaddresses: getaddrinfo failed: Name or service not known [tcp://redis-leader:6379]'\n",
              'text/html',
            );
          }
          const list = guestbookList(ctx);
          if (query.cmd === 'set') {
            list.splice(
              0,
              list.length,
              ...decodeURIComponent(query.value ?? '')
                .split(',')
                .filter(Boolean),
            );
            return json(200, { message: 'Updated' }, 0);
          }
          return json(200, { data: list.join(',') }, 0);
        }
        return text(
          404,
          '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n</body></html>\n',
          'text/html',
        );
      },
      accessLog: (req, res, ctx) =>
        `${req.clientIP} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${byteLength(res.body)} "-" "${req.headers['User-Agent'] ?? req.headers['user-agent'] ?? '-'}"`,
      stop: { signal: 'SIGWINCH', reaction: 'exit', afterMs: 500, exitCode: 0 },
      memoryBytes: mib(18),
      cpuMillis: 1,
      cpuPerRps: 1.2,
    },
    ['apache2-foreground'],
    { workingDir: '/var/www/html', env: { PATH: PATH_DEFAULT, GET_HOSTS_FROM: 'dns' } },
  );
}

/** registry.k8s.io/guestbook:v3, the Go guestbook on port 3000. */
export function guestbookGoProfile(): ImageProfile {
  return app(
    'guestbook-go',
    {
      ports: () => [3000],
      startupMs: () => 50,
      startLogs: () => ['[negroni] listening on :3000'],
      handle: (req, ctx) => {
        const p = splitPath(req.path).pathname;
        const list = guestbookList(ctx);
        if (p.startsWith('/rpush/guestbook/')) {
          list.push(decodeURIComponent(p.slice('/rpush/guestbook/'.length)));
          return json(200, list, 0);
        }
        if (p === '/lrange/guestbook') return json(200, list, 0);
        if (p === '/info') return text(200, '# Server\r\nredis_version:2.8.23\r\n');
        if (p === '/env') return json(200, ctx.env);
        if (p === '/' || p === '/index.html')
          return text(
            200,
            '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>Guestbook</title>\n  </head>\n  <body>\n    <div id="header"><h1>Guestbook</h1></div>\n  </body>\n</html>\n',
            'text/html',
          );
        return text(404, '404 page not found\n');
      },
      stop: { signal: 'SIGTERM', reaction: 'exit', afterMs: 10, exitCode: 2 },
      memoryBytes: mib(5),
      cpuMillis: 0,
      cpuPerRps: 0.3,
    },
    ['./guestbook'],
    {
      shell: null,
      binaries: ['guestbook'],
      serverCommands: ['./guestbook', 'guestbook'],
      workingDir: '/app',
    },
  );
}

const BOOKINFO_DETAILS = {
  id: 0,
  author: 'William Shakespeare',
  year: 1595,
  type: 'paperback',
  pages: 200,
  publisher: 'PublisherA',
  language: 'English',
  'ISBN-10': '1234567890',
  'ISBN-13': '123-1234567890',
};

/**
 * The headers bookinfo's services pass on to the services they call (productpage.py getForwardHeaders and
 * the reviews app keep the same list): request id and trace context, the user agent, cookies and
 * credentials, and `end-user`, which is what Istio's header-match examples route on.
 */
const FORWARDED_HEADERS = [
  'x-request-id',
  'x-ot-span-context',
  'x-datadog-trace-id',
  'x-datadog-parent-id',
  'x-datadog-sampling-priority',
  'traceparent',
  'tracestate',
  'x-cloud-trace-context',
  'grpc-trace-bin',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
  'end-user',
  'user-agent',
  'cookie',
  'authorization',
  'jwt',
];

function forwardHeaders(req: HttpRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (FORWARDED_HEADERS.includes(k.toLowerCase())) out[k.toLowerCase()] = v;
  return out;
}

/** The signed-in user from productpage's Flask session cookie (`session=<base64url JSON>.<ts>.<sig>`). */
export function sessionUser(req: HttpRequest): string | undefined {
  const cookie = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'cookie')?.[1] ?? '';
  const m = /(?:^|;\s*)session=([A-Za-z0-9_-]+)/.exec(cookie);
  if (!m) return undefined;
  try {
    const data = JSON.parse(decodeBase64(m[1].replace(/-/g, '+').replace(/_/g, '/'))) as { user?: unknown };
    return typeof data.user === 'string' ? data.user : undefined;
  } catch {
    return undefined;
  }
}

/** Flask's session cookie for `user` (itsdangerous layout; the timestamp and signature are stand-ins). */
function sessionCookie(user: string | undefined, nowMs: number): string {
  if (user === undefined)
    return 'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/';
  const payload = encodeBase64(JSON.stringify({ user }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  const stamp = encodeBase64(String(Math.floor(nowMs / 1000))).replace(/=+$/, '');
  return `session=${payload}.${stamp}.${encodeBase64(user + stamp)
    .replace(/=+$/, '')
    .slice(0, 27)}; HttpOnly; Path=/`;
}

/** reviews v2 (black stars) waits 10 s for ratings, v3 (red stars) 2.5 s: the reviews app's hard-coded timeouts. */
const RATINGS_TIMEOUT_MS: Record<string, number> = { v2: 10_000, v3: 2_500 };

function reviewsBody(
  version: string,
  ctx: ServerContext,
  req: HttpRequest,
): { body: unknown; latencyMs: number } {
  const review = (reviewer: string, text: string) => ({ reviewer, text });
  let latencyMs = 0;
  const reviews: Record<string, unknown>[] = [
    review('Reviewer1', 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!'),
    review(
      'Reviewer2',
      'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.',
    ),
  ];
  if (version !== 'v1') {
    const color = version === 'v2' ? 'black' : 'red';
    const got = ctx.fetch?.('http://ratings:9080/ratings/0', {
      headers: forwardHeaders(req),
      timeoutMs: RATINGS_TIMEOUT_MS[version] ?? 10_000,
    });
    latencyMs = got?.latencyMs ?? 0;
    let stars: Record<string, number> | undefined;
    if (got && got.status === 200)
      stars = (JSON.parse(got.body) as { ratings: Record<string, number> }).ratings;
    reviews.forEach((r, i) => {
      const name = `Reviewer${i + 1}`;
      r.rating = stars
        ? { stars: stars[name], color }
        : { error: 'Ratings service is currently unavailable' };
    });
  }
  return { body: { id: '0', podname: ctx.podName, clustername: 'null', reviews }, latencyMs };
}

function formValue(req: HttpRequest, name: string): string | undefined {
  const query = req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : '';
  for (const part of [req.body ?? '', query].join('&').split('&')) {
    const [k, v = ''] = part.split('=');
    if (k === name) return decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return undefined;
}

/** Flask's redirect to the product page (the referrer of the login form), setting or clearing the session. */
function productpageRedirect(cookie: string): HttpResponse {
  return {
    status: 302,
    body: '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="/productpage">/productpage</a>. If not, click the link.\n',
    headers: { 'content-type': 'text/html; charset=utf-8', location: '/productpage', 'set-cookie': cookie },
  };
}

export function bookinfoProfile(
  service: 'productpage' | 'details' | 'ratings' | 'reviews',
  version: string,
): ImageProfile {
  const java = service === 'reviews';
  const server: ServerProfile = {
    ports: () => [9080],
    startupMs: () => (java ? 12_000 : 800),
    startLogs: (ctx) =>
      java
        ? [
            'Launching defaultServer (Open Liberty 24.0.0.12/wlp-1.0.96.cl241220241119-0657) on Eclipse OpenJ9 VM, version 17.0.13+11 (en_US)',
            '[AUDIT   ] CWWKE0001I: The server defaultServer has been launched.',
            '[AUDIT   ] CWWKZ0001I: Application reviews-app started in 6.712 seconds.',
            '[AUDIT   ] CWWKF0011I: The defaultServer server is ready to run a smarter planet.',
          ]
        : service === 'productpage'
          ? [`INFO:root:start at port 9080`, " * Serving Flask app 'productpage'", ' * Debug mode: off']
          : service === 'details'
            ? [
                `[${ctx.nowMs}] INFO  WEBrick 1.8.1`,
                `INFO  ruby 3.3.6 (2024-11-05) [x86_64-linux]`,
                'INFO  WEBrick::HTTPServer#start: pid=1 port=9080',
              ]
            : ['Server listening on: http://0.0.0.0:9080'],
    handle: (req, ctx) => {
      const p = splitPath(req.path).pathname;
      if (p === '/health')
        return json(
          200,
          {
            status: `${service === 'productpage' ? 'Application' : service[0].toUpperCase() + service.slice(1)} is healthy`,
          },
          0,
        );
      if (service === 'details' && /^\/details\/\d+$/.test(p))
        return json(200, { ...BOOKINFO_DETAILS, id: Number(p.split('/')[2]) }, 0);
      if (service === 'ratings' && /^\/ratings\/\d+$/.test(p))
        return json(200, { id: Number(p.split('/')[2]), ratings: { Reviewer1: 5, Reviewer2: 4 } }, 0);
      if (service === 'reviews' && /^\/reviews\/\d+$/.test(p)) {
        const { body, latencyMs } = reviewsBody(version, ctx, req);
        return { ...json(200, body, 0), latencyMs };
      }
      if (service === 'productpage' && p === '/login' && req.method === 'POST')
        return productpageRedirect(sessionCookie(formValue(req, 'username') ?? '', ctx.nowMs));
      if (service === 'productpage' && p === '/logout')
        return productpageRedirect(sessionCookie(undefined, ctx.nowMs));
      if (service === 'productpage' && (p === '/productpage' || p === '/')) {
        const user = sessionUser(req);
        const headers = { ...forwardHeaders(req), ...(user ? { 'end-user': user } : {}) };
        // productpage.py: details with a 3 s timeout, then reviews with a 3 s timeout tried twice (the
        // "6 s" the Istio fault-injection task runs into); its answer waits for both.
        const details = ctx.fetch?.('http://details:9080/details/0', { headers, timeoutMs: 3000 });
        let latencyMs = details?.latencyMs ?? 0;
        let reviews = ctx.fetch?.('http://reviews:9080/reviews/0', { headers, timeoutMs: 3000 });
        latencyMs += reviews?.latencyMs ?? 0;
        if (reviews && reviews.status !== 200) {
          reviews = ctx.fetch?.('http://reviews:9080/reviews/0', { headers, timeoutMs: 3000 });
          latencyMs += reviews?.latencyMs ?? 0;
        }
        const parts = [
          '<!DOCTYPE html>',
          '<html>',
          '<head><title>Simple Bookstore App</title></head>',
          '<body>',
          ...(user ? [`<p><small>Welcome <b>${user}</b> | <a href="logout">sign out</a></small></p>`] : []),
          '<h3 class="text-center text-primary">The Comedy of Errors</h3>',
        ];
        parts.push(
          details?.status === 200
            ? '<h4 class="text-center text-primary">Book Details</h4>'
            : '<h4 class="text-center text-primary">Error fetching product details!</h4>\n<p>Sorry, product details are currently unavailable for this book.</p>',
        );
        if (reviews?.status === 200) {
          const r = JSON.parse(reviews.body) as {
            podname: string;
            reviews: { rating?: { stars?: number; color?: string } }[];
          };
          parts.push(
            '<h4 class="text-center text-primary">Book Reviews</h4>',
            `<dd><small>Reviews served by: <u>${r.podname}</u></small></dd>`,
          );
          for (const rv of r.reviews)
            if (rv.rating?.stars)
              parts.push(
                `<font color="${rv.rating.color}">${'<span class="glyphicon glyphicon-star"></span>'.repeat(rv.rating.stars)}</font>`,
              );
        } else {
          parts.push(
            '<h4 class="text-center text-primary">Error fetching product reviews!</h4>\n<p>Sorry, product reviews are currently unavailable for this book.</p>',
          );
        }
        parts.push('</body>', '</html>', '');
        return { ...text(200, parts.join('\n'), 'text/html; charset=utf-8'), latencyMs };
      }
      if (service === 'productpage' && p === '/api/v1/products')
        return json(
          200,
          [
            {
              id: 0,
              title: 'The Comedy of Errors',
              descriptionHtml:
                '<a href="https://en.wikipedia.org/wiki/The_Comedy_of_Errors">Wikipedia Summary</a>: The Comedy of Errors is one of <b>William Shakespeare\'s</b> early plays.',
            },
          ],
          0,
        );
      return text(404, '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n');
    },
    stop: java ? { signal: 'SIGTERM', reaction: 'exit', afterMs: 1500, exitCode: 143 } : EXIT_ON_TERM,
    memoryBytes: mib(java ? 180 : service === 'productpage' ? 55 : 25),
    cpuMillis: java ? 6 : 2,
    cpuPerRps: java ? 3 : 1.5,
  };
  return app(
    `bookinfo-${service}-${version}`,
    server,
    service === 'productpage'
      ? ['python', 'productpage.py', '9080']
      : service === 'details'
        ? ['ruby', 'details.rb', '9080']
        : service === 'ratings'
          ? ['node', 'ratings.js', '9080']
          : ['/opt/ol/wlp/bin/server', 'run', 'defaultServer'],
    { serverCommands: ['python', 'ruby', 'node', 'server'] },
  );
}

export function helloworldProfile(version: string): ImageProfile {
  return app(
    `helloworld-${version}`,
    {
      ports: () => [5000],
      startupMs: () => 600,
      startLogs: () => [
        " * Serving Flask app 'app'",
        ' * Debug mode: off',
        'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.',
        ' * Running on all addresses (0.0.0.0)',
        ' * Running on http://127.0.0.1:5000',
        'Press CTRL+C to quit',
      ],
      handle: (req, ctx) => {
        const p = splitPath(req.path).pathname;
        if (p === '/hello')
          return text(
            200,
            `Hello version: ${version}, instance: ${ctx.podName}\n`,
            'text/html; charset=utf-8',
          );
        if (p === '/health') return text(200, 'Helloworld is healthy');
        return text(
          404,
          '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n',
        );
      },
      stop: EXIT_ON_TERM,
      memoryBytes: mib(30),
      cpuMillis: 1,
      cpuPerRps: 1,
    },
    ['python', 'app.py'],
    { serverCommands: ['python', 'gunicorn'] },
  );
}
