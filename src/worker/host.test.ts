import { describe, expect, it } from 'vitest';
import { createShell } from '../cli';
import { createCluster, defaultNodes } from '../engine/cluster';
import type { ReplyValue, WorkerMessage } from '../protocol/messages';
import { ACK_TIMEOUT_MS, EngineHost, FRAME_BUDGET_MS, type HostDeps, MAX_FRAME_MS, SLICE_MS } from './host';
import { podStatusFor } from './pod-status';
import type { LabSave } from './replay-log';
import { editorSchema } from './schemas';

function makeHost(saved?: LabSave, extra: Partial<HostDeps> = {}) {
  const posted: WorkerMessage[] = [];
  const saves: LabSave[] = [];
  const deps: HostDeps = {
    createCluster: ({ seed, workers, profile }) =>
      createCluster({ seed, nodes: defaultNodes(workers), profile }),
    createShell: (cluster, opts) => createShell(cluster, opts),
    podStatus: podStatusFor,
    post: (m) => posted.push(m),
    save: (s) => saves.push(structuredClone(s)),
    schema: editorSchema,
    ...extra,
  };
  const host = new EngineHost(deps);
  host.boot(saved);
  const replies = () =>
    posted.filter((m): m is Extract<WorkerMessage, { type: 'reply' }> => m.type === 'reply');
  const lastReply = (): ReplyValue => replies()[replies().length - 1].value;
  return { host, posted, saves, lastReply };
}

describe('EngineHost', () => {
  it('sends a full snapshot first, with the nodes and namespaces of a fresh cluster', () => {
    const { posted } = makeHost();
    expect(posted[0].type).toBe('snapshot');
    const snap = posted[0] as Extract<WorkerMessage, { type: 'snapshot' }>;
    expect(snap.seq).toBe(1);
    const nodes = snap.objects.filter((o) => o.kind === 'Node').map((o) => o.name);
    expect(nodes).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(snap.objects.filter((o) => o.kind === 'Namespace').map((o) => o.name)).toContain('default');
    expect(snap.clock).toMatchObject({ paused: false, speed: 1, seed: 1 });
  });

  it('runs commands through the shell and posts squashed diffs with consecutive sequence numbers', () => {
    const { host, posted, lastReply } = makeHost();
    host.handle({
      type: 'run',
      id: 7,
      line: 'kubectl create deployment web --image=nginx:1.27 --replicas=2',
    });
    expect(lastReply()).toMatchObject({ kind: 'run', output: 'deployment.apps/web created\n', exitCode: 0 });
    for (let i = 0; i < 100; i++) host.tick(50);
    const seqs = posted
      .filter((m) => m.type === 'diff' || m.type === 'snapshot')
      .map((m) => (m as { seq: number }).seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const added = posted.flatMap((m) => (m.type === 'diff' ? m.diff.added : []));
    expect(added.filter((v) => v.kind === 'Deployment' && v.name === 'web')).toHaveLength(1);
    const pods = added.filter((v) => v.kind === 'Pod' && v.namespace === 'default');
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p.name).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
  });

  it('advances virtual time by speed x real time, not at all when paused, and 1 s per step', () => {
    const { host } = makeHost();
    const t0 = host.cluster.clock.now();
    host.tick(40);
    expect(host.cluster.clock.now() - t0).toBe(40);
    host.handle({ type: 'set-speed', speed: 8 });
    host.tick(25);
    expect(host.cluster.clock.now() - t0).toBe(40 + 200);
    host.handle({ type: 'pause' });
    host.tick(50);
    expect(host.cluster.clock.now() - t0).toBe(240);
    host.handle({ type: 'step' });
    expect(host.cluster.clock.now() - t0).toBe(1240);
    host.handle({ type: 'play' });
    // A long gap (a background tab) counts as at most 100 ms.
    host.tick(60_000);
    expect(host.cluster.clock.now() - t0).toBe(1240 + 800);
  });

  it('stops advancing a frame when its budget of real time is spent, and shows the speed reached', () => {
    // A fake real clock: every reading costs 3 ms, so a frame fits three 100 ms slices (3 + 3 + 3 >= 8).
    let realMs = 0;
    const { host, posted } = makeHost(undefined, { now: () => (realMs += 3) });
    host.handle({ type: 'set-speed', speed: 32 });
    const t0 = host.cluster.clock.now();
    host.tick(100);
    expect(FRAME_BUDGET_MS).toBe(8);
    expect(host.cluster.clock.now() - t0).toBe(3 * SLICE_MS);
    for (let i = 0; i < 9; i++) host.tick(100);
    expect(host.cluster.clock.now() - t0).toBe(10 * 3 * SLICE_MS);
    host.tick(16);
    const clock = (posted.at(-1) as Extract<WorkerMessage, { type: 'diff' }>).clock;
    expect(clock).toMatchObject({ speed: 32, reachedSpeed: 3 });
    // The slices end on whole instants: the state is the one a single advance to the same instant gives.
    const direct = makeHost();
    direct.host.cluster.advance(host.cluster.clock.now() - direct.host.cluster.clock.now());
    expect(direct.host.cluster.stateHash()).toBe(host.cluster.stateHash());
    // Pausing clears the figure.
    host.handle({ type: 'pause' });
    host.tick(16);
    expect((posted.at(-1) as Extract<WorkerMessage, { type: 'diff' }>).clock.reachedSpeed).toBeUndefined();
  });

  it('drops objects created and deleted within one frame', () => {
    const { host, posted } = makeHost();
    host.tick(16);
    const before = posted.length;
    host.handle({ type: 'run', id: 1, line: 'kubectl create configmap tmp --from-literal=a=b' });
    host.handle({ type: 'run', id: 2, line: 'kubectl delete configmap tmp' });
    host.tick(16);
    const diffs = posted.slice(before).filter((m) => m.type === 'diff');
    const names = diffs
      .flatMap((m) => (m.type === 'diff' ? [...m.diff.added, ...m.diff.updated] : []))
      .map((v) => v.name);
    expect(names).not.toContain('tmp');
  });

  it('restores a saved session by replaying its log to the same state', () => {
    const a = makeHost();
    a.host.handle({
      type: 'set-files',
      files: {
        'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n',
      },
    });
    for (let i = 0; i < 20; i++) a.host.tick(50);
    a.host.handle({
      type: 'run',
      id: 1,
      line: 'kubectl create deployment web --image=nginx:1.27 --replicas=3',
    });
    for (let i = 0; i < 37; i++) a.host.tick(33);
    a.host.handle({
      type: 'apply',
      id: 2,
      path: 'cm.yaml',
      content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: slow\n',
    });
    for (let i = 0; i < 50; i++) a.host.tick(40);
    a.host.handle({ type: 'run', id: 3, line: 'kubectl scale deployment web --replicas=5' });
    for (let i = 0; i < 30; i++) a.host.tick(50);
    const saved = structuredClone(a.host.state);
    expect(saved.log.map((e) => e.op)).toEqual(['files', 'run', 'files', 'run', 'run']);
    const b = makeHost(saved);
    expect(b.host.cluster.clock.now()).toBe(a.host.cluster.clock.now());
    expect(b.host.cluster.stateHash()).toBe(a.host.cluster.stateHash());
    expect(b.host.cluster.api.get('configmaps', 'default', 'settings').data).toEqual({ mode: 'slow' });
  });

  it('switches to an OpenShift cluster on reset, shows it in the clock and keeps it across a reload', () => {
    const a = makeHost();
    expect(a.host.cluster.ctx.config.profile).toBe('kubernetes');
    a.host.handle({ type: 'reset', id: 1, options: { profile: 'openshift' } });
    expect(a.host.cluster.ctx.config.profile).toBe('openshift');
    const snap = a.posted.filter((m) => m.type === 'snapshot').at(-1) as Extract<
      WorkerMessage,
      { type: 'snapshot' }
    >;
    expect(snap.clock.profile).toBe('openshift');
    a.host.handle({ type: 'run', id: 2, line: 'oc new-project demo' });
    expect(a.lastReply()).toMatchObject({ kind: 'run', exitCode: 0 });
    for (let i = 0; i < 10; i++) a.host.tick(50);
    const saved = structuredClone(a.host.state);
    expect(saved.profile).toBe('openshift');
    const b = makeHost(saved);
    expect(b.host.cluster.ctx.config.profile).toBe('openshift');
    expect(b.host.cluster.stateHash()).toBe(a.host.cluster.stateHash());
    // A reset without options keeps the kind of cluster.
    b.host.handle({ type: 'reset', id: 3 });
    expect(b.host.cluster.ctx.config.profile).toBe('openshift');
  });

  it('tells the page when the terminal switches namespace, even when no object changed', () => {
    const { host, posted } = makeHost();
    host.handle({ type: 'pause' });
    host.handle({ type: 'run', id: 1, line: 'kubectl create namespace team-a' });
    for (let i = 0; i < 3; i++) host.tick(16);
    const before = posted.length;
    host.handle({ type: 'run', id: 2, line: 'kubectl config set-context --current --namespace=team-a' });
    for (let i = 0; i < 3; i++) host.tick(16);
    const diffs = posted.slice(before).filter((m) => m.type === 'diff');
    expect(diffs).toHaveLength(1);
    expect((diffs[0] as Extract<WorkerMessage, { type: 'diff' }>).clock.namespace).toBe('team-a');
  });

  it('starts a scenario on the cluster kind it names', () => {
    const { host } = makeHost();
    host.handle({
      type: 'load-scenario',
      id: 1,
      scenario: { seed: 5, workers: 2, profile: 'openshift', runs: [], settleMs: 0 },
    });
    expect(host.cluster.ctx.config.profile).toBe('openshift');
    host.handle({ type: 'load-scenario', id: 2, scenario: { seed: 5, workers: 2, runs: [], settleMs: 0 } });
    expect(host.cluster.ctx.config.profile).toBe('kubernetes');
  });

  it('reports validation issues without changing the cluster', () => {
    const { host, lastReply } = makeHost();
    const hash = host.cluster.stateHash();
    host.handle({
      type: 'validate',
      id: 1,
      content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n---\napiVersion: v9\nkind: Gadget\n',
    });
    expect(lastReply()).toEqual({
      kind: 'validate',
      issues: [
        {
          doc: 0,
          field: 'metadata.name',
          message: 'metadata.name: Required value: name or generateName is required',
        },
        { doc: 1, field: 'kind', message: 'no matches for kind "Gadget" in version "v9"' },
      ],
    });
    expect(host.cluster.stateHash()).toBe(hash);
  });

  it('starts a scenario from its runs, which are not learner actions', () => {
    const { host, lastReply, posted } = makeHost();
    host.handle({
      type: 'load-scenario',
      id: 1,
      scenario: { seed: 7, workers: 2, runs: [{ line: 'kubectl create namespace shop' }], settleMs: 5000 },
    });
    expect(lastReply()).toEqual({ kind: 'ok' });
    const snap = posted.filter((m) => m.type === 'snapshot').pop() as Extract<
      WorkerMessage,
      { type: 'snapshot' }
    >;
    expect(snap.clock.seed).toBe(7);
    expect(snap.objects.filter((o) => o.kind === 'Node')).toHaveLength(3);
    expect(snap.objects.some((o) => o.kind === 'Namespace' && o.name === 'shop')).toBe(true);
    const check = { command: 'kubectl create namespace', message: { en: 'x', ja: 'x' } };
    host.handle({ type: 'check', id: 2, check, sinceMs: 0 });
    expect(lastReply()).toMatchObject({ kind: 'check', passed: false });
    host.handle({ type: 'run', id: 3, line: 'kubectl create namespace extra' });
    host.handle({ type: 'check', id: 4, check, sinceMs: 0 });
    expect(lastReply()).toMatchObject({ kind: 'check', passed: true });
  });

  it('answers a sequence gap with a fresh snapshot', () => {
    const { host, posted } = makeHost();
    host.tick(16);
    host.handle({ type: 'resync' });
    const last = posted[posted.length - 1];
    expect(last.type).toBe('snapshot');
    expect((last as { seq: number }).seq).toBe(
      posted.filter((m) => m.type === 'diff' || m.type === 'snapshot').length,
    );
  });

  it('serves the editor one JSON schema with a branch per kind the cluster serves', () => {
    const { host, lastReply } = makeHost();
    host.handle({ type: 'schemas', id: 1 });
    const reply = lastReply();
    if (reply.kind !== 'schemas') throw new Error(reply.kind);
    const schema = reply.bundle.schema as { allOf: { if: { properties: { kind: { const: string } } } }[] };
    const kinds = schema.allOf.map((b) => b.if.properties.kind.const);
    expect(kinds).toContain('Deployment');
    expect(kinds).toContain('ConfigMap');
  });

  it('inspects an object with the CLI: YAML, describe, events and logs for pods', () => {
    const { host, posted, lastReply } = makeHost();
    host.handle({ type: 'run', id: 1, line: 'kubectl run solo --image=nginx:1.27' });
    for (let i = 0; i < 200; i++) host.tick(100);
    const pod = posted
      .flatMap((m) => (m.type === 'diff' ? m.diff.added : []))
      .find((v) => v.kind === 'Pod' && v.name === 'solo')!;
    host.handle({ type: 'inspect', id: 2, uid: pod.uid });
    const reply = lastReply();
    if (reply.kind !== 'inspect') throw new Error(reply.kind);
    expect(reply.result.found).toBe(true);
    expect(reply.result.yaml).toContain('kind: Pod');
    expect(reply.result.yaml).toContain('name: solo');
    expect(reply.result.describe).toMatch(/^Name:\s+solo$/m);
    expect(typeof reply.result.logs).toBe('string');
    host.handle({ type: 'inspect', id: 3, uid: 'no-such-uid' });
    expect(lastReply()).toEqual({
      kind: 'inspect',
      result: { found: false, yaml: '', describe: '', events: '' },
    });
  });

  it('with flow control, holds diffs until the page acknowledges the last one, squashing meanwhile', () => {
    const posted: WorkerMessage[] = [];
    const host = new EngineHost({
      createCluster: ({ seed, workers, profile }) =>
        createCluster({ seed, nodes: defaultNodes(workers), profile }),
      createShell: (cluster, opts) => createShell(cluster, opts),
      podStatus: podStatusFor,
      post: (m) => posted.push(m),
      flowControl: true,
    });
    host.boot();
    const diffs = () => posted.filter((m) => m.type === 'diff') as Extract<WorkerMessage, { type: 'diff' }>[];
    host.handle({ type: 'run', id: 1, line: 'kubectl create configmap a' });
    const t0 = host.cluster.clock.now();
    host.tick(16);
    expect(diffs()).toHaveLength(0);
    // The simulation waits for the page too: no time passes until the snapshot is acknowledged.
    expect(host.cluster.clock.now()).toBe(t0);
    host.handle({ type: 'ack', seq: 1 });
    host.tick(16);
    // ...and then catches up the frame it waited (up to MAX_FRAME_MS), so the chosen speed still holds.
    expect(host.cluster.clock.now()).toBe(t0 + 32);
    host.handle({ type: 'run', id: 2, line: 'kubectl create configmap b' });
    host.tick(16);
    host.handle({ type: 'run', id: 3, line: 'kubectl create configmap c' });
    host.tick(16);
    expect(diffs().map((d) => d.seq)).toEqual([2]);
    host.handle({ type: 'ack', seq: 2 });
    host.tick(16);
    expect(diffs().map((d) => d.seq)).toEqual([2, 3]);
    const names = diffs().flatMap((d) => d.diff.added.map((v) => v.name));
    expect(names.filter((n) => n === 'a' || n === 'b' || n === 'c').sort()).toEqual(['a', 'b', 'c']);
    // An acknowledgement that never comes (a lost message) stops the wait after ACK_TIMEOUT_MS.
    const t1 = host.cluster.clock.now();
    host.tick(ACK_TIMEOUT_MS);
    expect(host.cluster.clock.now()).toBe(t1 + MAX_FRAME_MS);
  });

  it('injects faults through the engine, logs them and replays them', () => {
    const a = makeHost();
    a.host.handle({ type: 'run', id: 1, line: 'kubectl create deployment web --image=nginx:1.27' });
    for (let i = 0; i < 100; i++) a.host.tick(100);
    a.host.handle({ type: 'fault', id: 2, fault: { type: 'stop-node', node: 'node-2' } });
    expect(a.lastReply()).toEqual({ kind: 'ok', message: 'kubelet on node-2 stopped' });
    a.host.handle({ type: 'fault', id: 3, fault: { type: 'unpullable-image', image: 'nginx:1.28' } });
    expect(a.lastReply()).toEqual({ kind: 'ok', message: 'pulls of nginx:1.28 now fail' });
    for (let i = 0; i < 100; i++) a.host.tick(100);
    const saved = structuredClone(a.host.state);
    expect(saved.log.filter((e) => e.op === 'fault')).toHaveLength(2);
    const b = makeHost(saved);
    expect(b.host.cluster.stateHash()).toBe(a.host.cluster.stateHash());
  });
});
