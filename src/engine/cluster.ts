/**
 * createCluster: a fresh, deterministic cluster. Same seed + same commands = same state, byte for byte;
 * `stateHash()` proves it.
 */
import { ApiServer } from './api/apiserver';
import { registerBuiltinKinds } from './api/builtin-kinds';
import { KindRegistry } from './api/kinds';
import type { StoredObject } from './api/types';
import { bootstrapCluster } from './bootstrap/bootstrap';
import { COMPONENTS } from './components';
import type { ClusterConfig, ClusterProfile, Component, EngineContext, NodeSpec } from './context';
import { EventRecorder } from './events/recorder';
import { Clock } from './sim/clock';
import { Rng } from './sim/rng';
import { fnv1a64, hex64, stableStringify } from './util/objects';

export interface CreateClusterOptions {
  seed?: number;
  /** Number of worker nodes (default 3), or the full list of nodes. */
  nodes?: number | NodeSpec[];
  profile?: ClusterProfile;
  /** Deep-freeze stored objects so a component that mutates one fails loudly (tests). */
  freezeObjects?: boolean;
  /** Validate component writes too (default: on when freezeObjects is, i.e. in tests). */
  validateInternalWrites?: boolean;
  /** Extra components (OpenShift, Istio, lab tooling) started after the built-in ones. */
  components?: Component[];
  /** Skip waiting for kube-system to come up (benchmarks that measure from an empty cluster). */
  skipWarmup?: boolean;
}

export const KUBERNETES_VERSION = 'v1.32.3';

export function defaultNodes(workers = 3): NodeSpec[] {
  const nodes: NodeSpec[] = [
    { name: 'control-plane', role: 'control-plane', cpu: '4', memory: '8Gi', pods: 110 },
  ];
  for (let i = 1; i <= workers; i++)
    nodes.push({ name: `node-${i}`, role: 'worker', cpu: '4', memory: '16Gi', pods: 110 });
  return nodes;
}

export class Cluster {
  constructor(readonly ctx: EngineContext) {}

  get api(): ApiServer {
    return this.ctx.api;
  }

  get clock(): Clock {
    return this.ctx.clock;
  }

  /** Run the simulation forward by `ms` of virtual time. */
  advance(ms: number): void {
    this.ctx.clock.advance(ms);
  }

  /** Run what is due now (after a command) without moving time. */
  settle(): void {
    this.ctx.clock.settle();
  }

  /** A hash of every stored object and the clock: equal hashes mean equal states. */
  stateHash(): string {
    let h: [number, number] = fnv1a64(String(this.clock.now()));
    for (const resource of this.api.store.resources().sort()) {
      const objs = this.api.store.list(resource).sort(byKey);
      for (const o of objs) h = fnv1a64(stableStringify(o), h[0], h[1]);
    }
    return hex64(h);
  }
}

export function createCluster(opts: CreateClusterOptions = {}): Cluster {
  const profile = opts.profile ?? 'kubernetes';
  const nodes = Array.isArray(opts.nodes) ? opts.nodes : defaultNodes(opts.nodes ?? 3);
  const config: ClusterConfig = {
    seed: opts.seed ?? 1,
    profile,
    nodes,
    serviceCIDR: profile === 'openshift' ? '172.30.0.0/16' : '10.96.0.0/12',
    podCIDR: profile === 'openshift' ? '10.128.0.0/14' : '10.244.0.0/16',
    clusterDomain: 'cluster.local',
    appsDomain: profile === 'openshift' ? 'apps.lab.kubedojo.local' : 'apps.kubedojo.local',
    kubernetesVersion: KUBERNETES_VERSION,
  };
  const clock = new Clock();
  const rng = new Rng(config.seed);
  const kinds = new KindRegistry();
  registerBuiltinKinds(kinds);
  const api = new ApiServer(kinds, clock, rng.fork('apiserver'), {
    freeze: opts.freezeObjects,
    validateInternalWrites: opts.validateInternalWrites ?? opts.freezeObjects,
  });
  const ctx: EngineContext = {
    config,
    clock,
    rng,
    kinds,
    api,
    events: new EventRecorder(api, clock),
    services: new Map(),
  };
  for (const c of [...COMPONENTS, ...(opts.components ?? [])]) c.start(ctx);
  bootstrapCluster(ctx, { warmup: !opts.skipWarmup });
  return new Cluster(ctx);
}

function byKey(a: StoredObject, b: StoredObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
