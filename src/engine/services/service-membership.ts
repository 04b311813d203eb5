/**
 * Which pods each Service selects, kept up to date incrementally from watch events so that the
 * endpoints controllers never scan all pods: a pod change costs one selector match per Service in its
 * namespace, and a Service's reconcile walks only its own members. Shared by the Endpoints and
 * EndpointSlice controllers (and the network) through `ServiceMembership.of(ctx)`.
 */
import { fromMap, matches, type Selector } from '../api/selectors';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';

interface Entry {
  selector: Selector;
  selectorText: string;
  members: Set<string>;
}

export type MembershipListener = (serviceKey: string) => void;

export class ServiceMembership {
  /** namespace -> service name -> entry (only Services with a selector) */
  private readonly byNamespace = new Map<string, Map<string, Entry>>();
  private readonly listeners: MembershipListener[] = [];

  static of(ctx: EngineContext): ServiceMembership {
    let m = ctx.services.get('service-membership') as ServiceMembership | undefined;
    if (!m) {
      m = new ServiceMembership(ctx);
      ctx.services.set('service-membership', m);
    }
    return m;
  }

  private constructor(private readonly ctx: EngineContext) {
    for (const svc of ctx.api.store.list('services')) this.serviceChanged(svc, false);
    ctx.api.store.subscribe((e) => {
      if (e.resource === 'services') {
        if (e.type === 'DELETED') this.serviceDeleted(e.object);
        else this.serviceChanged(e.object, true);
      } else if (e.resource === 'pods') {
        this.podChanged(e.type === 'DELETED' ? undefined : e.object, e.old ?? e.object);
      }
    });
  }

  /** Called for every Service whose member set or members changed (and for Service changes themselves). */
  onChange(listener: MembershipListener): void {
    this.listeners.push(listener);
  }

  /** The selected pods of a Service, or undefined when it has no selector. */
  members(namespace: string, name: string): StoredObject[] | undefined {
    const entry = this.byNamespace.get(namespace)?.get(name);
    if (!entry) return undefined;
    const out: StoredObject[] = [];
    for (const podName of entry.members) {
      const pod = this.ctx.api.store.get('pods', namespace, podName);
      if (pod) out.push(pod);
    }
    return out;
  }

  /** Services in a namespace that select this pod (for DNS hostnames and the UI's edges). */
  servicesOf(pod: StoredObject): string[] {
    const out: string[] = [];
    const ns = pod.metadata.namespace ?? 'default';
    for (const [name, entry] of this.byNamespace.get(ns) ?? [])
      if (entry.members.has(pod.metadata.name)) out.push(name);
    return out;
  }

  private serviceChanged(svc: StoredObject, notify: boolean): void {
    const ns = svc.metadata.namespace ?? 'default';
    const selector = fromMap(svc.spec?.selector);
    let services = this.byNamespace.get(ns);
    if (!selector) {
      services?.delete(svc.metadata.name);
    } else {
      const selectorText = JSON.stringify(svc.spec.selector);
      const existing = services?.get(svc.metadata.name);
      if (!existing || existing.selectorText !== selectorText) {
        const members = new Set<string>();
        for (const pod of this.ctx.api.store.list('pods', ns)) {
          if (matches(selector, pod.metadata.labels)) members.add(pod.metadata.name);
        }
        if (!services) {
          services = new Map();
          this.byNamespace.set(ns, services);
        }
        services.set(svc.metadata.name, { selector, selectorText, members });
      }
    }
    if (notify) this.emit(`${ns}/${svc.metadata.name}`);
  }

  private serviceDeleted(svc: StoredObject): void {
    const ns = svc.metadata.namespace ?? 'default';
    this.byNamespace.get(ns)?.delete(svc.metadata.name);
    this.emit(`${ns}/${svc.metadata.name}`);
  }

  private podChanged(pod: StoredObject | undefined, previous: StoredObject): void {
    const ns = previous.metadata.namespace ?? 'default';
    const services = this.byNamespace.get(ns);
    if (!services) return;
    const name = previous.metadata.name;
    for (const [svcName, entry] of services) {
      const was = entry.members.has(name);
      const is = pod !== undefined && matches(entry.selector, pod.metadata.labels);
      if (is) entry.members.add(name);
      else if (was) entry.members.delete(name);
      if (was || is) this.emit(`${ns}/${svcName}`);
    }
  }

  private emit(key: string): void {
    for (const l of this.listeners) l(key);
  }
}
