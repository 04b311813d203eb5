/**
 * A bare cluster for controller tests: API server, clock, events and the namespaces, without the other
 * components, so a test starts exactly the controllers it exercises and can record the API actions a
 * reconcile performs (as client-go's fake clientset does). Also drives pod status the way a kubelet would.
 */
import { ApiServer } from '../api/apiserver';
import { registerBuiltinKinds } from '../api/builtin-kinds';
import { KindRegistry } from '../api/kinds';
import type { KObject, StoredObject } from '../api/types';
import type { ClusterConfig, Component, EngineContext } from '../context';
import { EventRecorder } from '../events/recorder';
import { Clock } from '../sim/clock';
import { Rng } from '../sim/rng';

export interface TestBed {
  ctx: EngineContext;
  api: ApiServer;
  clock: Clock;
  /** API writes since the last `takeActions()`, e.g. `create pods default/web-abcde`, events excluded. */
  takeActions(): string[];
  /** Events recorded (reason: message) since the last `takeEvents()`. */
  takeEvents(): string[];
  advance(ms: number): void;
}

const VERBS = ['create', 'update', 'updateStatus', 'patch', 'delete'] as const;

export function testBed(
  components: Component[] = [],
  opts: { nodes?: string[]; seed?: number } = {},
): TestBed {
  const config: ClusterConfig = {
    seed: opts.seed ?? 7,
    profile: 'kubernetes',
    nodes: [],
    serviceCIDR: '10.96.0.0/12',
    podCIDR: '10.244.0.0/16',
    clusterDomain: 'cluster.local',
    appsDomain: 'apps.kubedojo.local',
    kubernetesVersion: 'v1.32.3',
  };
  const clock = new Clock();
  const rng = new Rng(config.seed);
  const kinds = new KindRegistry();
  registerBuiltinKinds(kinds);
  // Workloads keep metadata.generation (bumped on spec changes) as the real registry strategies do.
  for (const rt of kinds.all()) {
    if (rt.group === 'apps' || rt.group === 'batch' || rt.group === 'autoscaling')
      rt.strategy = { ...rt.strategy, generation: true };
  }
  const api = new ApiServer(kinds, clock, rng.fork('apiserver'), { freeze: true });
  const ctx: EngineContext = {
    config,
    clock,
    rng,
    kinds,
    api,
    events: new EventRecorder(api, clock),
    services: new Map(),
  };
  for (const name of ['default', 'kube-system']) {
    api.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    });
  }
  for (const name of opts.nodes ?? []) api.create(node(name));

  let actions: string[] = [];
  let events: string[] = [];
  const target = api as unknown as Record<string, (...args: unknown[]) => StoredObject>;
  for (const verb of VERBS) {
    const original = target[verb].bind(api);
    target[verb] = (...args: unknown[]) => {
      const result = original(...args);
      if (result.kind === 'Event') {
        if (verb === 'create') events.push(`${result.reason}: ${result.message}`);
        return result;
      }
      const resource = api.typeOf(result).group
        ? `${api.typeOf(result).plural}.${api.typeOf(result).group}`
        : api.typeOf(result).plural;
      const where = result.metadata.namespace
        ? `${result.metadata.namespace}/${result.metadata.name}`
        : result.metadata.name;
      actions.push(
        `${verb === 'updateStatus' ? 'update' : verb} ${resource}${verb === 'updateStatus' ? '/status' : ''} ${where}`,
      );
      return result;
    };
  }
  for (const c of components) c.start(ctx);
  return {
    ctx,
    api,
    clock,
    takeActions() {
      const out = actions;
      actions = [];
      return out;
    },
    takeEvents() {
      const out = events;
      events = [];
      return out;
    },
    advance(ms: number) {
      clock.advance(ms);
    },
  };
}

export function node(name: string, labels: Record<string, string> = {}, taints: unknown[] = []): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
    spec: taints.length ? { taints } : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

interface Sim {
  api: ApiServer;
  clock: Clock;
}

function bind(api: ApiServer, pod: StoredObject, nodeName: string): StoredObject {
  if (pod.spec?.nodeName) return pod;
  try {
    return api.update({ ...pod, spec: { ...pod.spec, nodeName } });
  } catch {
    return pod; // validation may forbid a nodeName change by update; the status is what controllers read
  }
}

/** Do what a kubelet does for a started pod: bind it (if needed), Running, Ready (or not) since now. */
export function markPodRunning(
  { api, clock }: Sim,
  pod: StoredObject,
  ready = true,
  nodeName = 'node-1',
): StoredObject {
  const bound = bind(api, pod, nodeName);
  const ts = clock.nowISO();
  return api.updateStatus({
    ...bound,
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ts },
        {
          type: 'ContainersReady',
          status: ready ? 'True' : 'False',
          lastProbeTime: null,
          lastTransitionTime: ts,
        },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
      ],
      containerStatuses: ((bound.spec?.containers ?? []) as { name: string; image: string }[]).map((c) => ({
        name: c.name,
        image: c.image,
        ready,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: ts } },
      })),
    },
  });
}

function isReadyAs(p: StoredObject, ready: boolean): boolean {
  return (p.status?.conditions ?? []).some(
    (c: { type: string; status: string }) => c.type === 'Ready' && c.status === (ready ? 'True' : 'False'),
  );
}

/** Mark every live pod in the namespace whose name starts with `prefix` Running (and Ready), like a kubelet. */
export function runPods(sim: Sim, prefix: string, namespace = 'default', ready = true): number {
  let n = 0;
  for (const p of sim.api.list('pods', { namespace })) {
    if (!p.metadata.name.startsWith(prefix) || p.metadata.deletionTimestamp) continue;
    if (p.status?.phase === 'Running' && isReadyAs(p, ready)) continue;
    markPodRunning(sim, p, ready);
    n++;
  }
  return n;
}

/** Finish a pod as a kubelet does when its containers exit (Succeeded or Failed). */
export function finishPod(
  { api, clock }: Sim,
  pod: StoredObject,
  phase: 'Succeeded' | 'Failed',
  exitCode = phase === 'Succeeded' ? 0 : 1,
): StoredObject {
  const bound = bind(api, pod, 'node-1');
  const ts = clock.nowISO();
  return api.updateStatus({
    ...bound,
    status: {
      phase,
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'PodCompleted',
          lastProbeTime: null,
          lastTransitionTime: ts,
        },
      ],
      containerStatuses: ((bound.spec?.containers ?? []) as { name: string; image: string }[]).map((c) => ({
        name: c.name,
        image: c.image,
        ready: false,
        restartCount: 0,
        state: {
          terminated: { exitCode, reason: phase === 'Succeeded' ? 'Completed' : 'Error', finishedAt: ts },
        },
      })),
    },
  });
}

/** Finish a terminating pod's graceful shutdown (what the kubelet does): the object goes away. */
export function reapTerminated(sim: Sim, namespace = 'default'): number {
  let n = 0;
  for (const p of sim.api.list('pods', { namespace })) {
    if (!p.metadata.deletionTimestamp) continue;
    sim.api.delete('pods', namespace, p.metadata.name, { gracePeriodSeconds: 0 });
    n++;
  }
  return n;
}

export interface FakeKubeletOptions {
  /** ms from creation until the pod runs (and is Ready unless `ready` says otherwise). */
  startMs?: number;
  /** ms a deleted pod takes to terminate. */
  stopMs?: number;
  /** Whether a started pod becomes Ready (e.g. never for a broken image). */
  ready?: (pod: StoredObject) => boolean;
  /** Containers that exit: the pod's final phase, decided at start (Jobs). */
  exit?: (pod: StoredObject) => { phase: 'Succeeded' | 'Failed'; afterMs: number } | undefined;
  /** Node a pod lands on when the pod names none. */
  node?: (pod: StoredObject) => string;
}

/**
 * A stand-in for scheduler + kubelet in controller tests: pods start after `startMs`, terminate `stopMs`
 * after deletion, and may exit. Driven by the virtual clock like the real ones.
 */
export function fakeKubelet(opts: FakeKubeletOptions = {}): Component {
  return {
    name: 'fake-kubelet',
    start(ctx) {
      const { api, clock } = ctx;
      const sim = { api, clock };
      const fresh = (p: StoredObject) => api.store.get('pods', p.metadata.namespace, p.metadata.name);
      api.watch('pods', undefined, (e) => {
        const pod = e.object;
        if (e.type === 'ADDED') {
          clock.after(opts.startMs ?? 1000, 'fake-kubelet:start', () => {
            const cur = fresh(pod);
            if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.metadata.deletionTimestamp) return;
            const running = markPodRunning(
              sim,
              cur,
              opts.ready ? opts.ready(cur) : true,
              opts.node?.(cur) ?? cur.spec?.nodeName ?? 'node-1',
            );
            const exit = opts.exit?.(running);
            if (exit) {
              clock.after(exit.afterMs, 'fake-kubelet:exit', () => {
                const now = fresh(pod);
                if (now && now.metadata.uid === pod.metadata.uid && !now.metadata.deletionTimestamp)
                  finishPod(sim, now, exit.phase);
              });
            }
          });
        } else if (
          e.type === 'MODIFIED' &&
          pod.metadata.deletionTimestamp &&
          !e.old?.metadata.deletionTimestamp
        ) {
          clock.after(opts.stopMs ?? 0, 'fake-kubelet:stop', () => {
            const cur = fresh(pod);
            if (cur && cur.metadata.uid === pod.metadata.uid)
              api.delete('pods', cur.metadata.namespace, cur.metadata.name, { gracePeriodSeconds: 0 });
          });
        }
      });
    },
  };
}
