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
  /** `namespace/name`, the key listeners get (made once: a key string used again keeps its hash). */
  key: string;
  name: string;
  selector: Selector;
  selectorText: string;
  members: Set<string>;
}

export type MembershipListener = (serviceKey: string) => void;

interface NamespaceServices {
  byName: Map<string, Entry>;
  /** The entries in map order, made again after a change (pod writes iterate them, Services rarely change). */
  list: Entry[] | undefined;
}

export class ServiceMembership {
  /** namespace -> service name -> entry (only Services with a selector) */
  private readonly byNamespace = new Map<string, NamespaceServices>();
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
    // Two listeners made one after the other take the place one listener of every change would have among
    // the store's listeners, and are not called for the writes of every other resource.
    ctx.api.store.subscribe((e) => {
      this.podChanged(e.type === 'DELETED' ? undefined : e.object, e.object.metadata);
    }, 'pods');
    ctx.api.store.subscribe((e) => {
      if (e.type === 'DELETED') this.serviceDeleted(e.object);
      else this.serviceChanged(e.object, true);
    }, 'services');
  }

  /** Called for every Service whose member set or members changed (and for Service changes themselves). */
  onChange(listener: MembershipListener): void {
    this.listeners.push(listener);
  }

  /** The selected pods of a Service, or undefined when it has no selector. */
  members(namespace: string, name: string): StoredObject[] | undefined {
    const entry = this.byNamespace.get(namespace)?.byName.get(name);
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
    const services = this.byNamespace.get(ns);
    if (services)
      for (const entry of services.byName.values())
        if (entry.members.has(pod.metadata.name)) out.push(entry.name);
    return out;
  }

  private serviceChanged(svc: StoredObject, notify: boolean): void {
    const ns = svc.metadata.namespace ?? 'default';
    const selector = fromMap(svc.spec?.selector);
    let services = this.byNamespace.get(ns);
    let key: string | undefined;
    if (!selector) {
      if (services?.byName.delete(svc.metadata.name)) services.list = undefined;
    } else {
      const selectorText = JSON.stringify(svc.spec.selector);
      const existing = services?.byName.get(svc.metadata.name);
      if (!existing || existing.selectorText !== selectorText) {
        const members = new Set<string>();
        for (const pod of this.ctx.api.store.list('pods', ns)) {
          if (matches(selector, pod.metadata.labels)) members.add(pod.metadata.name);
        }
        if (!services) {
          services = { byName: new Map(), list: undefined };
          this.byNamespace.set(ns, services);
        }
        key = `${ns}/${svc.metadata.name}`;
        services.byName.set(svc.metadata.name, {
          key,
          name: svc.metadata.name,
          selector,
          selectorText,
          members,
        });
        services.list = undefined;
      } else key = existing.key;
    }
    if (notify) this.emit(key ?? `${ns}/${svc.metadata.name}`);
  }

  private serviceDeleted(svc: StoredObject): void {
    const ns = svc.metadata.namespace ?? 'default';
    const services = this.byNamespace.get(ns);
    if (services?.byName.delete(svc.metadata.name)) services.list = undefined;
    this.emit(`${ns}/${svc.metadata.name}`);
  }

  /**
   * `pod`: the new version (undefined when deleted); `meta`: the event object's metadata, whose name and
   * namespace are those of the previous version too (read from the object just written, which is more
   * likely in the CPU's cache than the previous version).
   */
  private podChanged(pod: StoredObject | undefined, meta: StoredObject['metadata']): void {
    const ns = meta.namespace ?? 'default';
    const services = this.byNamespace.get(ns);
    if (!services) return;
    const name = meta.name;
    services.list ??= [...services.byName.values()];
    const list = services.list;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i];
      const was = entry.members.has(name);
      const is = pod !== undefined && matches(entry.selector, pod.metadata.labels);
      // Most pod writes are status updates: the set changes only when membership does.
      if (is !== was) {
        if (is) entry.members.add(name);
        else entry.members.delete(name);
      }
      if (was || is) this.emit(entry.key);
    }
  }

  private emit(key: string): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i](key);
  }
}
