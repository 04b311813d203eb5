/**
 * Instructor faults (service 'faults'): a node that stops, a container killed, an endpoint or probe that
 * starts failing, a slow start-up, an image that can no longer be pulled. Each returns a short text
 * saying what it did (for the UI's fault log) and can be undone.
 *
 * `name` in the workload faults is a pod name or a Deployment/StatefulSet/DaemonSet name in `namespace`.
 */
import type { Component, EngineContext } from '../context';
import type { ImageCatalog } from '../images/catalog';
import type { KubeletsService } from '../kubelet';
import type { Target } from '../kubelet/fault-state';

export interface FaultsService {
  stopNode(name: string): string;
  startNode(name: string): string;
  killPod(namespace: string, name: string, container?: string): string;
  /** Make `path` (or the path of the pod's readiness/liveness probe) answer 500. */
  breakEndpoint(namespace: string, name: string, pathOrProbe: string, status?: number): string;
  fixEndpoint(namespace: string, name: string): string;
  /** Containers of the target started from now on take `seconds` longer to listen. */
  slowStartup(namespace: string, name: string, seconds: number): string;
  makeImageUnpullable(image: string): string;
  makeImagePullable(image: string): string;
  /** Undo every fault. */
  clear(): void;
}

function target(ctx: EngineContext, namespace: string, name: string): Target {
  if (ctx.api.store.get('pods', namespace, name)) return { namespace, pod: name };
  return { namespace, deployment: name };
}

/** The probe's HTTP path for a pod or a workload's pod template. */
function probePath(ctx: EngineContext, namespace: string, name: string, probe: string): string | undefined {
  const pod = ctx.api.store.get('pods', namespace, name);
  let spec = pod?.spec;
  if (!spec) {
    for (const r of ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'replicasets.apps']) {
      const w = ctx.api.store.get(r, namespace, name);
      if (w) spec = w.spec?.template?.spec;
    }
  }
  for (const c of (spec?.containers ?? []) as Record<string, { httpGet?: { path?: string } }>[]) {
    const p = c[`${probe}Probe`];
    if (p?.httpGet) return p.httpGet.path ?? '/';
  }
  return undefined;
}

export const faultsComponent: Component = {
  name: 'faults',
  start(ctx: EngineContext) {
    const kubelets = () => ctx.services.get('kubelets') as KubeletsService;
    const images = () => ctx.services.get('images') as ImageCatalog;
    const state = () => kubelets().manager.faults;
    const svc: FaultsService = {
      stopNode: (name) =>
        kubelets().stopNode(name) ? `kubelet on ${name} stopped` : `kubelet on ${name} is not running`,
      startNode: (name) =>
        kubelets().startNode(name) ? `kubelet on ${name} started` : `kubelet on ${name} is already running`,
      killPod: (namespace, name, container) =>
        kubelets().killContainer(namespace, name, container)
          ? `killed ${container ? `container ${container} of ` : ''}pod ${namespace}/${name}`
          : `pod ${namespace}/${name} has no running container to kill`,
      breakEndpoint: (namespace, name, pathOrProbe, status = 500) => {
        const t = target(ctx, namespace, name);
        if (pathOrProbe.startsWith('/')) {
          state().broken.push({ ...t, path: pathOrProbe, status });
          return `${pathOrProbe} of ${name} now answers ${status}`;
        }
        const probe = pathOrProbe as 'readiness' | 'liveness' | 'startup';
        const path = probePath(ctx, namespace, name, probe);
        if (path) state().broken.push({ ...t, path, status });
        state().brokenProbes.push({ ...t, probe });
        return `${probe} probe of ${name} now fails${path ? ` (${path} answers ${status})` : ''}`;
      },
      fixEndpoint: (namespace, name) => {
        const s = state();
        const keep = (x: Target) => !(x.namespace === namespace && (x.pod === name || x.deployment === name));
        s.broken = s.broken.filter(keep);
        s.brokenProbes = s.brokenProbes.filter(keep);
        return `endpoints of ${name} healthy again`;
      },
      slowStartup: (namespace, name, seconds) => {
        state().slow.push({ ...target(ctx, namespace, name), extraMs: seconds * 1000 });
        return `${name} now takes ${seconds}s longer to start`;
      },
      makeImageUnpullable: (image) => {
        images().setUnpullable(image, true);
        return `pulls of ${image} now fail`;
      },
      makeImagePullable: (image) => {
        images().setUnpullable(image, false);
        return `pulls of ${image} work again`;
      },
      clear: () => {
        const s = state();
        s.broken = [];
        s.brokenProbes = [];
        s.slow = [];
        for (const e of images().entries()) images().setUnpullable(e.repository, false);
        for (const n of ctx.api.store.list('nodes')) kubelets().startNode(n.metadata.name);
      },
    };
    ctx.services.set('faults', svc);
  },
};
