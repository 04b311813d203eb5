/** Building blocks shared by the image profiles: installed commands, standard files, simple servers. */
import type {
  HttpRequest,
  HttpResponse,
  ImageProfile,
  ServerContext,
  ServerProfile,
  StopBehaviour,
} from '../types';

/** BusyBox applets (busybox, alpine and alpine-based images). */
export const BUSYBOX_BINS = [
  'sh',
  'ash',
  'ls',
  'cat',
  'echo',
  'env',
  'printenv',
  'sleep',
  'ps',
  'hostname',
  'wget',
  'nslookup',
  'date',
  'head',
  'tail',
  'grep',
  'wc',
  'touch',
  'mkdir',
  'rm',
  'kill',
  'true',
  'false',
  'pwd',
  'id',
  'whoami',
  'uname',
  'df',
  'free',
  'ping',
  'nc',
  'sed',
  'awk',
  'cut',
  'sort',
  'uniq',
  'tr',
  'seq',
  'expr',
  'test',
  '[',
  'basename',
  'dirname',
  'find',
  'cp',
  'mv',
  'chmod',
  'du',
  'yes',
  'timeout',
  'tee',
  'base64',
  'md5sum',
  'sha256sum',
  'which',
  'uptime',
  'ip',
  'ifconfig',
  'netstat',
  'top',
  'vi',
];

/** Coreutils and friends in a Debian/Ubuntu base image (no ps, curl, wget, ping unless added). */
export const DEBIAN_BINS = [
  'sh',
  'bash',
  'dash',
  'ls',
  'cat',
  'echo',
  'env',
  'printenv',
  'sleep',
  'hostname',
  'date',
  'head',
  'tail',
  'grep',
  'wc',
  'touch',
  'mkdir',
  'rm',
  'kill',
  'true',
  'false',
  'pwd',
  'id',
  'whoami',
  'uname',
  'df',
  'sed',
  'awk',
  'cut',
  'sort',
  'uniq',
  'tr',
  'seq',
  'expr',
  'test',
  '[',
  'basename',
  'dirname',
  'find',
  'cp',
  'mv',
  'chmod',
  'du',
  'yes',
  'timeout',
  'tee',
  'base64',
  'md5sum',
  'sha256sum',
  'which',
];

export const PATH_DEFAULT = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const DEBIAN_FILES: Record<string, string> = {
  '/etc/os-release':
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  '/etc/passwd':
    'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
};

export const ALPINE_FILES: Record<string, string> = {
  '/etc/os-release':
    'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.2\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n',
};

const MiB = 1024 * 1024;
export const mib = (n: number) => Math.round(n * MiB);

/** A Linux userland image whose default command is a shell (exits at once without a terminal). */
export function shellImage(
  id: string,
  opts: Partial<ImageProfile> & { shell: 'bash' | 'sh'; binaries: string[] },
): ImageProfile {
  return {
    id,
    entrypoint: [],
    cmd: [opts.shell === 'bash' ? 'bash' : 'sh'],
    env: { PATH: PATH_DEFAULT },
    workingDir: '/',
    serverCommands: [],
    files: {},
    baseMemoryBytes: mib(0.4),
    ...opts,
  };
}

export const EXIT_ON_TERM: StopBehaviour = { signal: 'SIGTERM', reaction: 'exit', afterMs: 100, exitCode: 0 };
/** A process without a SIGTERM handler dies by the signal: exit code 143 (128 + 15). */
export const DIE_ON_TERM: StopBehaviour = { signal: 'SIGTERM', reaction: 'exit', afterMs: 20, exitCode: 143 };

/** Query-string-free path and parsed query. */
export function splitPath(path: string): { pathname: string; query: Record<string, string> } {
  const q = path.indexOf('?');
  const pathname = q < 0 ? path : path.slice(0, q);
  const query: Record<string, string> = {};
  if (q >= 0) {
    for (const part of path.slice(q + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      query[eq < 0 ? part : part.slice(0, eq)] = eq < 0 ? '' : part.slice(eq + 1);
    }
  }
  return { pathname: pathname || '/', query };
}

export function header(req: HttpRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export const json = (status: number, value: unknown, indent = 2): HttpResponse => ({
  status,
  body: `${JSON.stringify(value, null, indent)}\n`,
  headers: { 'Content-Type': 'application/json' },
});

export const text = (status: number, body: string, type = 'text/plain; charset=utf-8'): HttpResponse => ({
  status,
  body,
  headers: { 'Content-Type': type },
});

/** Parse `-flag=value` / `--flag value` style args. */
export function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^--?/, '-');
    if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2);
    if (a === `-${name}` && i + 1 < args.length && !args[i + 1].startsWith('-')) return args[i + 1];
  }
  return undefined;
}

/** A small HTTP server with a fixed route table (used by sample apps). */
export function routeServer(
  opts: Omit<ServerProfile, 'handle' | 'ports'> & {
    port: number;
    routes: (pathname: string, req: HttpRequest, ctx: ServerContext) => HttpResponse | undefined;
  },
): ServerProfile {
  const { port, routes, ...rest } = opts;
  return {
    ...rest,
    ports: () => [port],
    handle: (req, ctx) => routes(splitPath(req.path).pathname, req, ctx) ?? text(404, '404 page not found\n'),
  };
}
