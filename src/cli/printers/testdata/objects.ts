/**
 * Fixture objects for the printer tests, shaped like what a kubeadm 1.32 cluster returns (names, IPs,
 * defaults), at a fixed "now" so ages are exact.
 */
import type { StoredObject } from '../../../engine/api/types';
import { formatRFC3339, parseRFC3339 } from '../../../engine/sim/timefmt';

export const NOW = parseRFC3339('2025-01-15T10:00:00Z');

/** RFC 3339 time `ms` before NOW. */
export function ago(ms: number): string {
  return formatRFC3339(NOW - ms);
}

export const S = 1000;
export const M = 60 * S;
export const H = 60 * M;
export const D = 24 * H;

let uidSeq = 0;
export function obj(
  apiVersion: string,
  kind: string,
  name: string,
  rest: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): StoredObject {
  uidSeq++;
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      uid: `00000000-0000-4000-8000-${String(uidSeq).padStart(12, '0')}`,
      resourceVersion: String(1000 + uidSeq),
      creationTimestamp: ago(5 * M),
      ...meta,
    },
    ...rest,
  } as StoredObject;
}

export function runningPod(
  name: string,
  opts: { node?: string; ip?: string; restarts?: number; lastRestartAgo?: number; created?: number } = {},
) {
  const restarts = opts.restarts ?? 0;
  return obj(
    'v1',
    'Pod',
    name,
    {
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], nodeName: opts.node ?? 'node-1' },
      status: {
        phase: 'Running',
        podIP: opts.ip ?? '10.244.1.5',
        podIPs: [{ ip: opts.ip ?? '10.244.1.5' }],
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          {
            name: 'nginx',
            ready: true,
            restartCount: restarts,
            state: { running: { startedAt: ago(1 * M) } },
            ...(opts.lastRestartAgo !== undefined
              ? {
                  lastState: {
                    terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(opts.lastRestartAgo) },
                  },
                }
              : {}),
          },
        ],
      },
    },
    { namespace: 'default', creationTimestamp: ago(opts.created ?? 5 * M) },
  );
}

export function podWithStatus(
  name: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  meta: Record<string, unknown> = {},
) {
  return obj(
    'v1',
    'Pod',
    name,
    { spec: { containers: [{ name: 'app', image: 'busybox' }], ...spec }, status },
    {
      namespace: 'default',
      ...meta,
    },
  );
}
