/**
 * Routes: the API server fills in the host (`<route>-<namespace>.<appsDomain>`) and the default router
 * admits every Route (status.ingress), as `oc get route` and `oc describe route` show.
 */
import type { KindStrategy } from '../api/kinds';
import type { KObject } from '../api/types';
import type { EngineContext } from '../context';
import { keyOf, splitKey, WorkQueue } from '../controllers/workqueue';

export const ROUTES = 'routes.route.openshift.io';

export function routeStrategy(ctx: EngineContext): KindStrategy {
  return {
    defaults(obj: KObject) {
      obj.spec ??= {};
      const spec = obj.spec;
      if (!spec.host && obj.metadata?.name) {
        spec.host = `${obj.metadata.name}-${obj.metadata.namespace ?? 'default'}.${ctx.config.appsDomain}`;
        // The API server marks the host it generated (oc describe route shows the annotation).
        obj.metadata.annotations = {
          ...(obj.metadata.annotations ?? {}),
          'openshift.io/host.generated': 'true',
        };
      }
      spec.to = spec.to ? { weight: 100, ...spec.to } : spec.to;
      spec.wildcardPolicy ??= 'None';
    },
  };
}

/** The default IngressController admits Routes: status.ingress with the Admitted condition. */
export class RouteAdmission {
  private readonly queue: WorkQueue;

  constructor(
    private readonly ctx: EngineContext,
    /** Make the Route's host resolve to the router (called on every admission sync). */
    private readonly publish: (host: string) => void,
  ) {
    this.queue = new WorkQueue(ctx.clock, 'openshift-router', (k) => this.reconcile(k), 50);
    ctx.api.watch(ROUTES, undefined, (e) => {
      if (e.type !== 'DELETED') this.queue.add(keyOf(e.object));
    });
    // The router's Service getting its ClusterIP publishes every host again.
    ctx.api.watch('services', undefined, (e) => {
      if (e.object.metadata.namespace !== 'openshift-ingress') return;
      for (const r of ctx.api.list(ROUTES)) this.queue.add(keyOf(r));
    });
  }

  private reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const route = this.ctx.api.tryGet(ROUTES, namespace, name);
    if (!route) return;
    if (route.spec.host) this.publish(route.spec.host);
    const ingress = route.status?.ingress?.[0];
    if (ingress?.host === route.spec.host) return;
    this.ctx.api.updateStatus(
      {
        ...route,
        status: {
          ingress: [
            {
              host: route.spec.host,
              routerName: 'default',
              conditions: [{ type: 'Admitted', status: 'True', lastTransitionTime: this.ctx.clock.nowISO() }],
              wildcardPolicy: route.spec.wildcardPolicy ?? 'None',
              routerCanonicalHostname: `router-default.${this.ctx.config.appsDomain}`,
            },
          ],
        },
      },
      { internal: true },
    );
  }
}
