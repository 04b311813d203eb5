/** The kubelet's first view of a pod's containers: all waiting, nothing created yet. */
import type { ContainerRt, PodRt } from './types';

/** Seed initial container states for a freshly seen pod. */
export function initialContainers(pod: PodRt['pod']): { init: ContainerRt[]; app: ContainerRt[] } {
  const mk = (spec: any, init: boolean): ContainerRt => ({
    name: spec.name,
    spec,
    init: init && spec.restartPolicy !== 'Always',
    sidecar: init && spec.restartPolicy === 'Always',
    restartCount: 0,
    state: { waiting: { reason: 'ContainerCreating' } },
    ready: false,
    started: false,
    everCreated: false,
    logs: [],
    serverState: { hung: false, requests: 0 },
  });
  const init = ((pod.spec?.initContainers ?? []) as unknown[]).map((s) => mk(s, true));
  const app = ((pod.spec?.containers ?? []) as unknown[]).map((s) => mk(s, false));
  const initial = { waiting: { reason: init.length ? 'PodInitializing' : 'ContainerCreating' } };
  for (const c of [...init, ...app]) c.state = initial;
  return { init, app };
}
