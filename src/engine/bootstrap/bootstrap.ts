/**
 * What a freshly installed kubeadm cluster holds: the bootstrap RBAC policy, the four namespaces, the nodes, the control-plane
 * static pods, kube-proxy, CoreDNS and the `kubernetes` Service. Objects go through the API server like
 * any other, and the controllers bring them up; warm-up runs the clock until kube-system is Running so
 * a learner starts from a settled cluster.
 */
import type { EngineContext } from '../context';
import { nodeObject } from './nodes';
import { installBootstrapPolicy } from './rbac';
import { systemManifests } from './system-manifests';

export const WARMUP_MS = 120_000;

export function bootstrapCluster(ctx: EngineContext, opts: { warmup: boolean }): void {
  const { api } = ctx;
  installBootstrapPolicy(ctx);
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    });
  }
  ctx.config.nodes.forEach((spec, i) => {
    api.create(nodeObject(ctx, spec, i));
  });
  for (const obj of systemManifests(ctx)) api.create(obj);
  if (opts.warmup) ctx.clock.advance(WARMUP_MS);
  else ctx.clock.settle();
}
