/**
 * KubeDojo's own lab images for probe, rollout and OOM lessons. Each is a small Go-style HTTP app on
 * port 8080 (alpine base, so `sh` and BusyBox are there for exec) whose behaviour is set by env vars.
 */

import { slashTime } from '../logtime';
import type { HttpResponse, ImageProfile, ServerContext, ServerProfile } from '../types';
import { ALPINE_FILES, BUSYBOX_BINS, DIE_ON_TERM, json, mib, splitPath, text } from './base';
import { PROBE_LAB_APPS } from './probe-lab';

const seconds = (ctx: ServerContext, name: string, dflt: number) => {
  const v = Number(ctx.env[name]);
  return Number.isFinite(v) && ctx.env[name] !== undefined && ctx.env[name] !== '' ? v : dflt;
};
const port = (ctx: ServerContext) => Number(ctx.env.PORT) || 8080;
const upFor = (ctx: ServerContext) => (ctx.nowMs - ctx.startedAtMs) / 1000;

interface LabApp {
  id: string;
  description: string;
  startupMs?: (ctx: ServerContext) => number;
  routes: (pathname: string, ctx: ServerContext) => HttpResponse | { hang: true } | undefined;
  startLogs?: (ctx: ServerContext) => string[];
  preflight?: ServerProfile['preflight'];
  leak?: (ctx: ServerContext) => number;
  memoryMiB?: number;
}

function labImage(a: LabApp): ImageProfile {
  const server: ServerProfile = {
    // Every lab app also serves the gRPC health protocol on 9090 (for grpc probes).
    ports: (ctx) => [port(ctx), 9090],
    httpPorts: (ctx) => [port(ctx)],
    grpcPorts: () => [9090],
    grpcHealth: (ctx) => (ctx.state.hung ? 'NOT_SERVING' : 'SERVING'),
    startupMs: a.startupMs ?? (() => 50),
    preflight: a.preflight,
    startLogs: (ctx) => [
      ...(a.startLogs?.(ctx) ?? []),
      `${slashTime(ctx.startedAtMs + (a.startupMs?.(ctx) ?? 50))} listening on :${port(ctx)}`,
    ],
    handle: (req, ctx) => {
      const p = splitPath(req.path).pathname;
      if (ctx.state.hung) return { hang: true };
      if (p === '/hang') {
        ctx.state.hung = true;
        return { hang: true };
      }
      return a.routes(p, ctx) ?? text(404, '404 page not found\n');
    },
    accessLog: (req, res, ctx) =>
      `${slashTime(ctx.nowMs)} ${req.method} ${req.path} ${res.status} from ${req.clientIP}`,
    stop: DIE_ON_TERM,
    memoryBytes: mib(a.memoryMiB ?? 8),
    cpuMillis: 1,
    cpuPerRps: 0.6,
    leakBytesPerMinute: a.leak,
  };
  return {
    id: a.id,
    entrypoint: ['/app'],
    cmd: [],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    workingDir: '/',
    shell: 'sh',
    binaries: [...BUSYBOX_BINS, 'app'],
    serverCommands: ['app', '/app'],
    processName: '/app',
    files: ALPINE_FILES,
    server,
  };
}

const ok = (body = 'ok\n') => text(200, body);

export const LAB_APPS: LabApp[] = [
  {
    id: 'web',
    description:
      'A hello app for rollouts: `/` says which version and pod answered; /healthz and /ready are 200.',
    routes: (p, ctx) => {
      if (p === '/') return text(200, `Hello from web ${ctx.env.APP_VERSION ?? 'v1'} (${ctx.podName})\n`);
      if (p === '/healthz' || p === '/ready') return ok();
      if (p === '/version') return json(200, { version: ctx.env.APP_VERSION ?? 'v1' }, 0);
      return undefined;
    },
  },
  {
    id: 'broken',
    description:
      'Exits with code 1 a second after start (`panic: failed to load config`): a bad release for rollout lessons.',
    preflight: (ctx) => ({
      exitCode: 2,
      afterMs: 900,
      logs: [
        `${slashTime(ctx.startedAtMs)} starting web v3`,
        'panic: failed to load config: open /etc/web/config.yaml: no such file or directory',
        '',
        'goroutine 1 [running]:',
        'main.main()',
        '\t/src/main.go:42 +0x1d4',
      ],
    }),
    routes: () => undefined,
  },
  {
    id: 'slow-ready',
    description:
      '/ready answers 503 until READY_AFTER_SECONDS (default 30) after start; /healthz is always 200.',
    routes: (p, ctx) => {
      const after = seconds(ctx, 'READY_AFTER_SECONDS', 30);
      if (p === '/ready')
        return upFor(ctx) >= after
          ? ok()
          : text(503, `not ready: warming up (${Math.floor(upFor(ctx))}s/${after}s)\n`);
      if (p === '/healthz' || p === '/') return ok();
      return undefined;
    },
  },
  {
    id: 'hang',
    description:
      'Stops answering (every request hangs) HANG_AFTER_SECONDS after start (default: never) or after GET /hang.',
    routes: (p, ctx) => {
      const after = seconds(ctx, 'HANG_AFTER_SECONDS', -1);
      if (after >= 0 && upFor(ctx) >= after) {
        ctx.state.hung = true;
        return { hang: true };
      }
      if (p === '/healthz' || p === '/ready' || p === '/') return ok();
      return undefined;
    },
  },
  {
    id: 'needs-backend',
    description:
      '/ready answers 503 while the Service named by BACKEND_SERVICE (default `backend`) has no ready endpoints.',
    routes: (p, ctx) => {
      const backend = ctx.env.BACKEND_SERVICE ?? 'backend';
      if (p === '/ready')
        return ctx.serviceHasEndpoints(backend)
          ? ok()
          : text(503, `not ready: service "${backend}" has no endpoints\n`);
      if (p === '/healthz' || p === '/') return ok();
      return undefined;
    },
  },
  {
    id: 'slow-start',
    description: 'Does not listen until STARTUP_SECONDS (default 60) after start: a startup probe lesson.',
    startupMs: (ctx) => seconds(ctx, 'STARTUP_SECONDS', 60) * 1000,
    startLogs: (ctx) => [
      `${slashTime(ctx.startedAtMs)} loading caches (takes ${seconds(ctx, 'STARTUP_SECONDS', 60)}s)...`,
    ],
    routes: (p) => (p === '/healthz' || p === '/ready' || p === '/' ? ok() : undefined),
  },
  {
    id: 'leaky',
    description:
      'Leaks LEAK_MIB_PER_MINUTE (default 20) MiB of memory per minute from 30 MiB: OOMKilled once over its limit.',
    memoryMiB: 30,
    leak: (ctx) => mib(seconds(ctx, 'LEAK_MIB_PER_MINUTE', 20)),
    routes: (p) => (p === '/healthz' || p === '/ready' || p === '/' ? ok() : undefined),
  },
  ...PROBE_LAB_APPS,
];

export const labProfiles = (): ImageProfile[] => LAB_APPS.map(labImage);
export const labDescriptions = (): Record<string, string> =>
  Object.fromEntries(LAB_APPS.map((a) => [a.id, a.description]));
