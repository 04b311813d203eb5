/**
 * What the API server's Service REST storage does on every create and update, before the object is
 * stored: fill in the IP family fields, allocate a ClusterIP from the service CIDR and NodePorts from
 * 30000-32767, keep already allocated values when an update omits them, and drop values a type change
 * no longer needs. Runs as a mutating admission plugin so it is synchronous with the request.
 */
import type { AdmissionRequest } from '../api/apiserver';
import { fieldError, invalid, StatusError } from '../api/errors';
import type { KObject, StoredObject } from '../api/types';
import type { EngineContext } from '../context';
import { keyOf } from '../controllers/workqueue';
import type { Rng } from '../sim/rng';
import { RangeAllocator } from './allocator';
import { formatIPv4, parseCidr, parseIPv4 } from './ipv4';

export const NODE_PORT_RANGE = { first: 30000, last: 32767 };

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
  [k: string]: unknown;
}

export const serviceType = (svc: KObject): string => svc.spec?.type ?? 'ClusterIP';
const needsClusterIP = (svc: KObject) => serviceType(svc) !== 'ExternalName';
const needsNodePort = (svc: KObject) =>
  serviceType(svc) === 'NodePort' || serviceType(svc) === 'LoadBalancer';
const shouldAllocateNodePorts = (svc: KObject) =>
  serviceType(svc) === 'NodePort' ||
  (serviceType(svc) === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);

export class ServiceAllocations {
  readonly clusterIPs: RangeAllocator;
  readonly nodePorts: RangeAllocator;
  readonly serviceCIDR: string;

  constructor(ctx: EngineContext, rng: Rng) {
    const cidr = parseCidr(ctx.config.serviceCIDR);
    this.serviceCIDR = cidr.text;
    // The network and broadcast addresses are never handed out.
    this.clusterIPs = new RangeAllocator(cidr.base + 1, cidr.size - 2, 256, rng.fork('cluster-ip'));
    this.nodePorts = new RangeAllocator(
      NODE_PORT_RANGE.first,
      NODE_PORT_RANGE.last - NODE_PORT_RANGE.first + 1,
      128,
      rng.fork('node-port'),
    );
    for (const svc of ctx.api.store.list('services')) this.hold(svc);
    ctx.api.store.subscribe((e) => {
      if (e.old) this.release(e.old);
      if (e.type !== 'DELETED') this.hold(e.object);
    }, 'services');
    ctx.api.addMutatingAdmission((req) => {
      if (req.resource.plural === 'services' && req.resource.group === '' && req.operation !== 'DELETE')
        this.admit(req);
    });
  }

  private hold(svc: StoredObject): void {
    const key = keyOf(svc);
    for (const ip of ipsOf(svc)) this.clusterIPs.hold(ip, key);
    for (const p of nodePortsOf(svc)) this.nodePorts.hold(p, key);
  }

  private release(svc: StoredObject): void {
    const key = keyOf(svc);
    for (const ip of ipsOf(svc)) this.clusterIPs.release(ip, key);
    for (const p of nodePortsOf(svc)) this.nodePorts.release(p, key);
  }

  /** A free NodePort not already taken by this request (random picks, a bounded number of tries). */
  private nextFreePort(taken: Set<number>): number | undefined {
    for (let tries = 0; tries <= taken.size + 8; tries++) {
      const next = this.nodePorts.next();
      if (next === undefined || !taken.has(next)) return next;
    }
    return undefined;
  }

  private admit(req: AdmissionRequest): void {
    const svc = req.object;
    const old = req.old;
    const spec = { ...(svc.spec ?? {}) };
    spec.ports = (spec.ports ?? []).map((p: ServicePort) => ({ ...p }));
    svc.spec = spec;
    if (old) {
      patchAllocatedValues(svc, old);
      dropTypeDependentFields(svc, old);
    }
    initIPFamilyFields(svc, old);
    const key = keyOf(svc);
    this.allocateClusterIP(svc, key, old);
    this.allocateNodePorts(svc, key, old);
    this.allocateHealthCheckNodePort(svc, key, old);
  }

  /** A LoadBalancer with externalTrafficPolicy Local gets a health-check NodePort for the cloud's probes. */
  private allocateHealthCheckNodePort(svc: KObject, key: string, old: StoredObject | undefined): void {
    const spec = svc.spec;
    const needs = serviceType(svc) === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
    if (!needs) {
      if (old && spec.healthCheckNodePort === old.spec?.healthCheckNodePort) delete spec.healthCheckNodePort;
      return;
    }
    if (!spec.healthCheckNodePort && old?.spec?.healthCheckNodePort)
      spec.healthCheckNodePort = old.spec.healthCheckNodePort;
    if (spec.healthCheckNodePort) {
      const owner = this.nodePorts.ownerOf(spec.healthCheckNodePort);
      if (owner !== undefined && owner !== key) {
        throw new StatusError(
          500,
          'InternalError',
          `Internal error occurred: failed to allocate requested HealthCheck NodePort ${spec.healthCheckNodePort}: provided port is already allocated`,
        );
      }
      return;
    }
    const taken = new Set(nodePortsOf(svc));
    const next = this.nextFreePort(taken);
    if (next === undefined) {
      throw new StatusError(
        500,
        'InternalError',
        'Internal error occurred: failed to allocate a HealthCheck NodePort 0: range is full',
      );
    }
    spec.healthCheckNodePort = next;
  }

  private allocateClusterIP(svc: KObject, key: string, old: StoredObject | undefined): void {
    const spec = svc.spec;
    if (!needsClusterIP(svc)) return;
    if (spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None') {
      spec.clusterIP = 'None';
      spec.clusterIPs = ['None'];
      return;
    }
    const requested: string = spec.clusterIP || spec.clusterIPs?.[0] || '';
    if (old && needsClusterIP(old) && requested && requested === old.spec?.clusterIP) {
      spec.clusterIPs = spec.clusterIPs?.length ? spec.clusterIPs : [requested];
      return;
    }
    if (!requested) {
      const next = this.clusterIPs.next();
      if (next === undefined) {
        throw new StatusError(
          500,
          'InternalError',
          'Internal error occurred: failed to allocate a serviceIP: range is full',
        );
      }
      spec.clusterIP = formatIPv4(next);
      spec.clusterIPs = [spec.clusterIP];
      return;
    }
    const value = parseIPv4(requested);
    const clusterIPs = spec.clusterIPs?.length ? spec.clusterIPs : [requested];
    const fail = (why: string) =>
      invalid('Service', '', svc.metadata.name ?? '', [
        fieldError(
          'Invalid value',
          'spec.clusterIPs',
          `failed to allocate IP ${requested}: ${why}`,
          clusterIPs,
        ),
      ]);
    if (value === undefined) return; // malformed addresses are validation's to report
    if (!this.clusterIPs.contains(value)) {
      throw fail(
        `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.serviceCIDR}`,
      );
    }
    const owner = this.clusterIPs.ownerOf(value);
    if (owner !== undefined && owner !== key) throw fail('provided IP is already allocated');
    spec.clusterIP = requested;
    spec.clusterIPs = clusterIPs;
  }

  private allocateNodePorts(svc: KObject, key: string, old: StoredObject | undefined): void {
    if (!needsNodePort(svc)) return;
    const ports: ServicePort[] = svc.spec.ports;
    const ownOld = new Set(old && needsNodePort(old) ? nodePortsOf(old) : []);
    const taken = new Set<number>();
    const byServicePort = new Map<number, number>();
    const invalidPort = (i: number, value: number, why: string) =>
      invalid('Service', '', svc.metadata.name ?? '', [
        fieldError('Invalid value', `spec.ports[${i}].nodePort`, why, value),
      ]);
    ports.forEach((p, i) => {
      if (!p.nodePort) {
        if (!shouldAllocateNodePorts(svc)) return;
        // Two entries for one port number (TCP and UDP) share one NodePort, as upstream.
        const shared =
          byServicePort.get(p.port) ?? ports.find((q) => q.port === p.port && q.nodePort)?.nodePort;
        if (shared) {
          p.nodePort = shared;
          return;
        }
        const next = this.nextFreePort(taken);
        if (next === undefined) {
          throw new StatusError(
            500,
            'InternalError',
            'Internal error occurred: failed to allocate a nodePort: range is full',
          );
        }
        p.nodePort = next;
      } else if (!ownOld.has(p.nodePort) && !taken.has(p.nodePort)) {
        if (!this.nodePorts.contains(p.nodePort)) {
          const range = `${NODE_PORT_RANGE.first}-${NODE_PORT_RANGE.last}`;
          throw invalidPort(
            i,
            p.nodePort,
            `provided port is not in the valid range. The range of valid ports is ${range}`,
          );
        }
        const owner = this.nodePorts.ownerOf(p.nodePort);
        if (owner !== undefined && owner !== key)
          throw invalidPort(i, p.nodePort, 'provided port is already allocated');
      }
      taken.add(p.nodePort);
      byServicePort.set(p.port, p.nodePort);
    });
  }
}

/** `spec.ipFamilies` / `spec.ipFamilyPolicy` as a single-stack IPv4 cluster fills them in. */
function initIPFamilyFields(svc: KObject, old: StoredObject | undefined): void {
  const spec = svc.spec;
  if (!needsClusterIP(svc)) return;
  const headless = spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None';
  const hasSelector = spec.selector && Object.keys(spec.selector).length > 0;
  if (!spec.ipFamilyPolicy) {
    if (old?.spec?.ipFamilyPolicy) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (headless && !hasSelector) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  // Headless without a selector may list both families even on a single-stack cluster.
  if (headless && !hasSelector && spec.ipFamilyPolicy !== 'SingleStack' && spec.ipFamilies.length < 2) {
    spec.ipFamilies = [...spec.ipFamilies, 'IPv6'];
  }
}

/** An update that leaves out clusterIP or nodePorts keeps the allocated ones (kubectl apply / replace). */
function patchAllocatedValues(svc: KObject, old: StoredObject): void {
  const spec = svc.spec;
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP) spec.clusterIP = old.spec?.clusterIP;
    if (!spec.clusterIPs?.length && old.spec?.clusterIPs?.length) spec.clusterIPs = old.spec.clusterIPs;
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const oldPorts: ServicePort[] = old.spec?.ports ?? [];
    const newPorts: ServicePort[] = spec.ports;
    const oldUsed = new Set(oldPorts.map((p) => p.nodePort).filter(Boolean));
    const used = new Set(newPorts.map((p) => p.nodePort).filter((n) => n && oldUsed.has(n)));
    const byName = new Map(oldPorts.map((p) => [p.name ?? '', p.nodePort]));
    for (const p of newPorts) {
      const oldValue = byName.get(p.name ?? '');
      if (!p.nodePort && oldValue && !used.has(oldValue)) p.nodePort = oldValue;
    }
  }
}

/** A type change clears what the new type cannot have, when the user left it as it was. */
function dropTypeDependentFields(svc: KObject, old: StoredObject): void {
  const spec = svc.spec;
  if (needsClusterIP(old) && !needsClusterIP(svc) && spec.clusterIP === old.spec?.clusterIP) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc)) {
    const oldPorts = new Set(nodePortsOf(old));
    for (const p of spec.ports as ServicePort[])
      if (p.nodePort && oldPorts.has(p.nodePort)) delete p.nodePort;
  }
}

function ipsOf(svc: KObject): number[] {
  if (!needsClusterIP(svc)) return [];
  const out: number[] = [];
  for (const ip of new Set<string>([svc.spec?.clusterIP, ...(svc.spec?.clusterIPs ?? [])].filter(Boolean))) {
    const n = parseIPv4(ip);
    if (n !== undefined) out.push(n);
  }
  return out;
}

/** Every NodePort a Service holds, its health-check port included. */
function nodePortsOf(svc: KObject): number[] {
  const ports = ((svc.spec?.ports ?? []) as ServicePort[]).map((p) => p.nodePort ?? 0);
  if (svc.spec?.healthCheckNodePort) ports.push(svc.spec.healthCheckNodePort);
  return ports.filter((n) => n > 0);
}

/** The allocator instance a cluster runs, for tests and the network. */
export function serviceAllocations(ctx: EngineContext): ServiceAllocations | undefined {
  return ctx.services.get('service-allocations') as ServiceAllocations | undefined;
}
