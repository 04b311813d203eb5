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

/**
 * docs/images.md's section on the lab images under each probe configuration. Every row is a scenario that
 * src/engine/traffic/probe-scenarios.test.ts plays with these exact timings (seconds from the Pod's start).
 */
export function probeLabNotes(): string[] {
  return [
    '',
    '## Lab images under each probe configuration (health-checks lessons)',
    '',
    'Times are seconds after the Pod was created; each row is a test in `src/engine/traffic/probe-scenarios.test.ts`.',
    'Traffic comes from `lab traffic start svc/NAME --rps N` (clients time out after 10 s).',
    '',
    '| image (env) | probes | what happens |',
    '|---|---|---|',
    '| `kubedojo/hang` (`HANG_AFTER_SECONDS=60`) | none | `Running`, `1/1`, RESTARTS 0 forever; every request times out from 61 s on |',
    '| `kubedojo/hang` (`HANG_AFTER_SECONDS=60`) | liveness `/healthz`, period 10, failureThreshold 3 | probes at 70, 80, 90 s time out: `Killing` at 90 s, RESTARTS 1; again at 180 s, then CrashLoopBackOff back-off |',
    '| `kubedojo/hang` + `GET /hang` | liveness as above | hangs at once; the next three probes fail and the container is restarted |',
    '| `kubedojo/slow-start` (`STARTUP_SECONDS=60`) | liveness only, period 10 × 3 | killed at 30 s on every start: CrashLoopBackOff, 4 restarts in 200 s |',
    '| `kubedojo/slow-start` (`STARTUP_SECONDS=60`) | startupProbe period 10 × 30, then liveness | Ready at 70 s, RESTARTS 0 |',
    '| `kubedojo/warmup` (`READY_AFTER_SECONDS=20`) | none | Ready as soon as it runs: new Pods answer 503 to clients for 20 s |',
    '| `kubedojo/warmup` (`READY_AFTER_SECONDS=20`) | readiness `/ready`, period 5 | joins the endpoints at 25 s; clients see no errors during a scale-up or rollout |',
    '| `kubedojo/web` + `lab fault break-ready` | readiness `/ready`, period 5, failureThreshold 1 / 3 | leaves the endpoints within one period / after three failures; no client errors; back one period after `lab fault fix` |',
    '| `kubedojo/needs-backend` | readiness `/ready`, period 5 | not Ready until Service `backend` has ready endpoints, then Ready at the next probe |',
    '| `kubedojo/needs-backend` | liveness `/ready` (anti-pattern) | restarted at 30, 60 and 100 s while `backend` has no endpoints |',
  ];
}
