/**
 * Lab images added for the health-checks lessons (registered in lab.ts's LAB_APPS, so they get the same
 * Go-style server on :8080, access log, /hang and stop behaviour as the other kubedojo/* images).
 */
import type { HttpResponse, ServerContext } from '../types';
import { text } from './base';

const secondsEnv = (ctx: ServerContext, name: string, dflt: number) => {
  const raw = ctx.env[name];
  const v = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(v) ? v : dflt;
};

/** The shape lab.ts's labImage() takes (structurally its LabApp). */
export interface ProbeLabApp {
  id: string;
  description: string;
  routes: (pathname: string, ctx: ServerContext) => HttpResponse | { hang: true } | undefined;
}

export const PROBE_LAB_APPS: ProbeLabApp[] = [
  {
    id: 'warmup',
    description:
      '`/` and /ready answer 503 (`warming up`) until READY_AFTER_SECONDS (default 30) after start, then 200; /healthz is always 200: traffic errors without a readiness probe.',
    routes: (p, ctx) => {
      const after = secondsEnv(ctx, 'READY_AFTER_SECONDS', 30);
      const up = (ctx.nowMs - ctx.startedAtMs) / 1000;
      if (p === '/healthz') return text(200, 'ok\n');
      if (p === '/' || p === '/ready')
        return up >= after
          ? text(200, p === '/' ? `Hello from ${ctx.podName}\n` : 'ok\n')
          : text(503, `warming up (${Math.floor(up)}s/${after}s)\n`);
      return undefined;
    },
  },
];
