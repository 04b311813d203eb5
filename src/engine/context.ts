/** What every part of the engine is handed: the clock, the seeded RNG, the API server and the event recorder. */
import type { ApiServer } from './api/apiserver';
import type { KindRegistry } from './api/kinds';
import type { EventRecorder } from './events/recorder';
import type { Clock } from './sim/clock';
import type { Rng } from './sim/rng';

export type ClusterProfile = 'kubernetes' | 'openshift';

export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  cpu: string;
  memory: string;
  pods: number;
  labels?: Record<string, string>;
}

export interface ClusterConfig {
  seed: number;
  profile: ClusterProfile;
  nodes: NodeSpec[];
  /** Service ClusterIP range: kubeadm's 10.96.0.0/12, OpenShift's 172.30.0.0/16. */
  serviceCIDR: string;
  /** Pod network; each node gets a /24 from it. */
  podCIDR: string;
  clusterDomain: string;
  /** OpenShift's apps domain for Routes (`apps.<domain>`). */
  appsDomain: string;
  kubernetesVersion: string;
}

export interface EngineContext {
  readonly config: ClusterConfig;
  readonly clock: Clock;
  /** The root RNG. Subsystems take their own stream with `rng.fork(name)` at start-up. */
  readonly rng: Rng;
  readonly kinds: KindRegistry;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  /** Subsystems publish handles here for others (e.g. 'kubelets', 'images', 'traffic'). */
  readonly services: Map<string, unknown>;
}

/** A part of the simulated cluster (a controller, the scheduler, the kubelets...). */
export interface Component {
  readonly name: string;
  start(ctx: EngineContext): void;
}

export function service<T>(ctx: EngineContext, name: string): T {
  const s = ctx.services.get(name);
  if (s === undefined) throw new Error(`engine service "${name}" is not running`);
  return s as T;
}
