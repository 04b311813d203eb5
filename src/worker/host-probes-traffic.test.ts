/**
 * The host's side of the health-checks UI: traffic edges and Service stats ride on diffs only when they
 * changed, the inspector's reply carries a pod's probe timeline, and the new faults replay from the log.
 */
import { describe, expect, it } from 'vitest';
import { createShell } from '../cli';
import { createCluster, defaultNodes } from '../engine/cluster';
import type { ReplyValue, WorkerMessage } from '../protocol/messages';
import { EngineHost, type HostDeps } from './host';
import { podStatusFor } from './pod-status';
import type { LabSave } from './replay-log';

type Diff = Extract<WorkerMessage, { type: 'diff' }>;

const READINESS =
  '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","readinessProbe":{"httpGet":{"path":"/","port":80},"periodSeconds":2,"failureThreshold":1}}]}}}}';

function makeHost(saved?: LabSave) {
  const posted: WorkerMessage[] = [];
  const deps: HostDeps = {
    createCluster: ({ seed, workers }) => createCluster({ seed, nodes: defaultNodes(workers) }),
    createShell: (cluster, opts) => createShell(cluster, opts),
    podStatus: podStatusFor,
    post: (m) => posted.push(m),
  };
  const host = new EngineHost(deps);
  host.boot(saved);
  let id = 100;
  const call = (cmd: Record<string, unknown>): ReplyValue => {
    host.handle({ ...cmd, id: ++id } as Parameters<EngineHost['handle']>[0]);
    const reply = posted.findLast((m) => m.type === 'reply' && m.id === id);
    return (reply as Extract<WorkerMessage, { type: 'reply' }>).value;
  };
  const ticks = (n: number, ms = 50) => {
    for (let i = 0; i < n; i++) host.tick(ms);
  };
  return { host, posted, call, ticks };
}

function webWithTraffic() {
  const h = makeHost();
  h.call({ type: 'run', line: 'kubectl create deployment web --image=nginx:1.27 --replicas=2' });
  h.call({ type: 'run', line: `kubectl patch deployment web -p '${READINESS}'` });
  h.call({ type: 'run', line: 'kubectl expose deployment web --port=80' });
  h.host.handle({ type: 'set-speed', speed: 32 });
  h.ticks(40, 100); // 128 s of virtual time
  const reply = h.call({ type: 'run', line: 'lab traffic start svc/web --rps 20' });
  expect(reply).toMatchObject({
    output: 'traffic to service/web started: 20 requests/s via ClusterIP to /\n',
  });
  return h;
}

describe('EngineHost: probes and traffic for the UI', () => {
  it('sends traffic edges and Service stats with a diff only when they changed', () => {
    const { host, posted, ticks } = webWithTraffic();
    const from = posted.length;
    ticks(30, 100);
    const diffs = posted.slice(from).filter((m): m is Diff => m.type === 'diff');
    const withEdges = diffs.filter((d) => d.traffic);
    const withStats = diffs.filter((d) => d.serviceTraffic);
    // 30 frames of 3.2 s: every frame crosses a virtual second, and the rates move each time.
    expect(diffs).toHaveLength(30);
    expect(withEdges.length).toBeGreaterThan(25);
    expect(withStats.length).toBeGreaterThan(25);
    const svc = host.cluster.api.get('services', 'default', 'web').metadata.uid;
    const last = withEdges[withEdges.length - 1].traffic!;
    expect(new Set(last.map((e) => e.fromUid))).toEqual(new Set([svc]));
    expect(last).toHaveLength(2);
    expect(withStats[withStats.length - 1].serviceTraffic).toEqual([
      expect.objectContaining({ uid: svc, errorRate: 0 }),
    ]);
    // Paused: frames within the same virtual second carry no traffic at all.
    host.handle({ type: 'pause' });
    const quiet = posted.length;
    ticks(10);
    expect(posted.slice(quiet).filter((m) => m.type === 'diff' && (m.traffic || m.serviceTraffic))).toEqual(
      [],
    );
  });

  it('answers inspect for a pod with its probe timeline, and replays the new faults from the log', () => {
    const { host, call, ticks } = webWithTraffic();
    const pod = host.cluster.api.list('pods', { namespace: 'default' })[0];
    const fault = call({
      type: 'fault',
      fault: { type: 'break-endpoint', namespace: 'default', name: pod.metadata.name, probe: 'readiness' },
    });
    expect(fault).toEqual({
      kind: 'ok',
      message: `readiness probe of ${pod.metadata.name} now fails (/ answers 500)`,
    });
    ticks(5, 100);
    expect(
      call({ type: 'fault', fault: { type: 'fix-endpoint', namespace: 'default', name: 'web' } }),
    ).toEqual({
      kind: 'ok',
      message: 'endpoints of web healthy again',
    });
    ticks(5, 100);
    const reply = call({ type: 'inspect', uid: pod.metadata.uid });
    if (reply.kind !== 'inspect') throw new Error(reply.kind);
    const probes = reply.result.probes!;
    expect(probes.configs.map((c) => c.describe)).toEqual([
      'http-get http://:80/ delay=0s timeout=1s period=2s #success=1 #failure=1',
    ]);
    const actions = probes.executions.map((e) => e.action).filter(Boolean);
    expect(actions.slice(0, 2)).toEqual(['ready', 'unready']);
    // A Deployment has no probe timeline.
    const deploy = host.cluster.api.get('deployments.apps', 'default', 'web').metadata.uid;
    const d = call({ type: 'inspect', uid: deploy });
    expect(d.kind === 'inspect' && d.result.probes).toBeUndefined();

    // The session replays to the same pod readiness history.
    const saved = structuredClone(host.state);
    expect(saved.log.filter((e) => e.op === 'fault').map((e) => e.op === 'fault' && e.fault.type)).toEqual([
      'break-endpoint',
      'fix-endpoint',
    ]);
    const again = makeHost(saved);
    expect(again.host.cluster.stateHash()).toBe(host.cluster.stateHash());
  });
});
