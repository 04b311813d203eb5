/**
 * The OpenShift layer (component 'openshift'): the OpenShift API groups, projects, image streams and the
 * integrated registry, builds, routes and image triggers. Active on `profile: 'openshift'` clusters, or
 * on any cluster given `openshiftComponent` explicitly through createCluster({ components }).
 *
 *   instantiateBuild(ctx, ns, 'app', { message: 'Manually triggered' })   // oc start-build
 *   service<BuildLogs>(ctx, 'openshift-builds').visible(ns, 'app-1', now) // oc logs build/app-1
 *   service<GitServer>(ctx, 'openshift-git').push(url, msg, author, date) // a commit for webhooks
 */
import type { Component, EngineContext } from '../context';
import type { Network } from '../network/network';
import { installBuildStrategyAdmission } from './admission';
import { BuildController, BuildLogs } from './build-controller';
import { defaultDeploymentConfig } from './deployer-log';
import { DeploymentConfigController } from './deploymentconfigs';
import { ImageStreamController } from './imagestreams';
import { installOpenShift } from './install';
import { registerOpenShiftKinds } from './kinds';
import { ProjectController } from './projects';
import { DefaultRoleBindingsController, installOpenShiftPolicy } from './rbac';
import { ReplicationControllerManager } from './replication-controller';
import { GitServer } from './repos';
import { Router } from './router';
import { RouteAdmission, routeStrategy } from './routes';
import { ImageTriggerController } from './triggers';
import { OpenShiftUsers } from './users';
import { webhookHttp } from './webhook-http';

export { BuildLogs } from './build-controller';
export { instantiateBuild } from './instantiate';
export { GitServer } from './repos';

function startOpenShift(ctx: EngineContext): void {
  if (ctx.services.has('openshift')) return;
  registerOpenShiftKinds(ctx.kinds, {
    'routes.route.openshift.io': routeStrategy(ctx),
    'deploymentconfigs.apps.openshift.io': { defaults: defaultDeploymentConfig },
  });
  const logs = new BuildLogs();
  ctx.services.set('openshift', true);
  ctx.services.set('openshift-git', new GitServer());
  ctx.services.set('openshift-builds', logs);
  ctx.services.set('openshift-users', new OpenShiftUsers());
  installBuildStrategyAdmission(ctx);
  new ProjectController(ctx);
  new DefaultRoleBindingsController(ctx);
  new ImageStreamController(ctx);
  new BuildController(ctx, logs);
  const router = new Router(ctx, ctx.rng.fork('openshift-router'));
  const network = ctx.services.get('network') as Network | undefined;
  network?.addInterceptor((req) => router.handle(network, req));
  if (network) router.publishWildcard(network);
  new RouteAdmission(ctx, (host) => {
    if (network) router.publish(network, host);
  });
  network?.addApiserverHandler((req) => webhookHttp(ctx, req));
  // The openshift namespace's image streams and the router, once the cluster's own namespaces exist; the
  // API host name (`api.<domain>`) resolves to the control plane node, where 6443 is the API server.
  ctx.clock.after(0, 'openshift-install', () => {
    installOpenShiftPolicy(ctx);
    installOpenShift(ctx);
    if (network) publishApiHost(ctx, network);
  });
  new ImageTriggerController(ctx);
  new DeploymentConfigController(ctx);
  // Kubernetes' ReplicationController manager, unless the engine already runs one.
  if (!ctx.services.has('replicationcontroller-controller')) new ReplicationControllerManager(ctx);
}

/** `api.lab.kubedojo.local` → the control plane node's InternalIP (its :6443 is the API server). */
function publishApiHost(ctx: EngineContext, network: Network): void {
  const node = ctx.api
    .list('nodes')
    .find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  const ip = node?.status?.addresses?.find((a: { type: string }) => a.type === 'InternalIP')?.address;
  if (ip) network.dns.externalHosts.set(ctx.config.appsDomain.replace(/^apps\./, 'api.'), ip);
}

/** Started with the built-in components; does nothing on a plain Kubernetes cluster. */
export const openshiftProfileComponent: Component = {
  name: 'openshift',
  start(ctx) {
    if (ctx.config.profile === 'openshift') startOpenShift(ctx);
  },
};

/** The OpenShift layer on any cluster (createCluster({ components: [openshiftComponent] })). */
export const openshiftComponent: Component = { name: 'openshift', start: startOpenShift };
